package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.Signal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): learn that another actor has terminated (watch), and
 * tie two actors' fates together (link), optionally trapping the partner's exit instead of dying with it.
 */
public final class WatchAndLink {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Does nothing until told to fail. */
    static final class Worker implements Actor<Worker.Msg> {
        sealed interface Msg permits Fail {}

        record Fail(String why) implements Msg {}

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Fail(String why) -> throw new IllegalStateException(why);
            }
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
            return ErrorAction.STOP;                    // terminate with ExitReason.Failed(cause)
        }
    }

    /** Keeps a list of players and drops each one when it terminates. */
    static final class Lobby implements Actor<Lobby.Msg> {
        // tag::watch[]
        sealed interface Msg permits Join, Count {}

        record Join(ActorRef<?> player, ActorRef<String> onLeave) implements Msg {}

        record Count(ActorRef<Integer> replyTo) implements Msg {}

        private final Map<ActorRef<?>, ActorRef<String>> players = new HashMap<>();

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Join(var player, var onLeave) -> {
                    players.put(player, onLeave);
                    ctx.watch(player);                  // one Signal.Terminated when it ends, however it ends
                }
                case Count(var replyTo) -> replyTo.tell(players.size());
            }
        }

        @Override
        public void onSignal(Signal signal, ActorContext<Msg> ctx) {
            switch (signal) {
                case Signal.Terminated(var player, var reason) ->
                        players.remove(player).tell(player.path().name() + " left: " + reason);
                case Signal.Exit exit -> { }            // only when trapping exits
            }
        }
        // end::watch[]
    }

    /** Links itself to a worker and, trapping exits, reports the worker's exit instead of dying with it. */
    static final class Partner implements Actor<Partner.Msg> {
        // tag::link[]
        sealed interface Msg permits LinkTo, IsLinked {}

        record LinkTo(ActorRef<?> worker, ActorRef<String> onExit) implements Msg {}

        record IsLinked(ActorRef<Boolean> replyTo) implements Msg {}

        private ActorRef<String> onExit;

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            ctx.trapExits(true);                        // without this, the worker's crash would stop us too
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case LinkTo(var worker, var replyTo) -> {
                    onExit = replyTo;
                    ctx.link(worker);
                }
                case IsLinked(var replyTo) -> replyTo.tell(onExit != null);
            }
        }

        @Override
        public void onSignal(Signal signal, ActorContext<Msg> ctx) {
            switch (signal) {
                case Signal.Exit(var from, var reason) -> onExit.tell(from.path().name() + " exited: " + reason);
                case Signal.Terminated terminated -> { }
            }
        }
        // end::link[]
    }

    /**
     * Watches a player that is stopped, then links to a worker that crashes. Each time, {@code main} makes sure
     * the watch or link is in place before the end it waits for: one that reaches an actor already gone
     * hears only {@code noproc}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("relations")) {
            ActorRef<Lobby.Msg> lobby = system.spawn("lobby", Lobby::new);
            ActorRef<Worker.Msg> alice = system.spawn("alice", Worker::new);
            CompletionStage<String> left = lobby.ask(replyTo -> new Lobby.Join(alice, replyTo), TIMEOUT);
            lobby.ask(Lobby.Count::new, TIMEOUT).toCompletableFuture().join(); // the join is handled: alice is watched
            system.stop(alice);
            System.out.println(left.toCompletableFuture().join());

            ActorRef<Partner.Msg> partner = system.spawn("partner", Partner::new);
            ActorRef<Worker.Msg> bob = system.spawn("bob", Worker::new);
            CompletionStage<String> exited = partner.ask(replyTo -> new Partner.LinkTo(bob, replyTo), TIMEOUT);
            partner.ask(Partner.IsLinked::new, TIMEOUT).toCompletableFuture().join(); // linked before bob fails
            bob.tell(new Worker.Fail("disk full"));
            System.out.println(exited.toCompletableFuture().join());
        }
    }

    private WatchAndLink() {}
}

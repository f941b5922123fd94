package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An actor's lifecycle hooks: {@code preStart}, {@code postStop}, {@code onFailure} deciding between
 * RESUME, RESTART and STOP, and {@code onSignal} receiving the {@link Signal.Terminated} of a watched actor.
 *
 * <p>The story: a tally survives bad input (RESUME, state kept), is restarted after corrupting itself
 * (RESTART: a fresh instance behind the same ref), and finally stops (STOP), which its watcher hears of.
 * Every line an actor prints happens before a reply that {@code main} waits for, so the output is always
 * in the same order.
 */
public final class ActorLifecycle {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ActorLifecycle() {}

    /** Adds numbers; fails in three ways, each handled differently by {@link #onFailure}. */
    static final class Tally implements Actor<Tally.Msg> {

        /** What a tally understands. */
        sealed interface Msg permits Add, Total, Corrupt, Poison {}

        /** Add a non-negative number; a negative one is bad input. */
        record Add(int n) implements Msg {}

        /** Reply with the total so far, and which instance holds it. */
        record Total(ActorRef<Report> replyTo) implements Msg {}

        /** Simulate a bug that leaves the state broken. */
        record Corrupt() implements Msg {}

        /** Simulate a failure the tally cannot recover from. */
        record Poison() implements Msg {}

        /** The reply to {@link Total}. */
        record Report(int total, int instance) {}

        private final int instance; // which incarnation this is: 1, 2, ...
        private int total;

        Tally(int instance) {
            this.instance = instance;
        }

        // tag::hooks[]
        @Override
        public void preStart(ActorContext<Msg> ctx) {
            System.out.println("  tally #" + instance + " preStart");
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Add(int n) when n < 0 -> throw new IllegalArgumentException("cannot add " + n);
                case Add(int n) -> total += n;
                case Total(var replyTo) -> replyTo.tell(new Report(total, instance));
                case Corrupt() -> throw new IllegalStateException("total is corrupt");
                case Poison() -> throw new UnsupportedOperationException("poisoned");
            }
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
            ErrorAction action = switch (cause) {
                case IllegalArgumentException bad -> ErrorAction.RESUME;   // bad input: skip it, keep the state
                case IllegalStateException broken -> ErrorAction.RESTART;  // broken state: start afresh
                default -> ErrorAction.STOP;                               // anything else: give up
            };
            System.out.println("  tally #" + instance + " onFailure(" + cause.getClass().getSimpleName()
                    + ": " + cause.getMessage() + ") -> " + action);
            return action;
        }

        @Override
        public void postStop(ActorContext<Msg> ctx) {
            System.out.println("  tally #" + instance + " postStop (total was " + total + ")");
        }
        // end::hooks[]
    }

    /** Watches actors and tells whoever asked how they terminated. */
    static final class Watcher implements Actor<Watcher.Msg> {

        /** What a watcher understands. */
        sealed interface Msg permits Watch, Sync {}

        /** Watch {@code target}; when it terminates, send its exit reason to {@code replyTo}. */
        record Watch(ActorRef<?> target, ActorRef<ExitReason> replyTo) implements Msg {}

        /** Reply once every message sent before has been handled: a watch asked for is then in place. */
        record Sync(ActorRef<Boolean> replyTo) implements Msg {}

        private final Map<ActorRef<?>, ActorRef<ExitReason>> waiting = new HashMap<>();

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Watch(var target, var replyTo) -> {
                    waiting.put(target, replyTo);
                    ctx.watch(target); // if the target is already dead, Terminated comes at once, with noproc
                }
                case Sync(var replyTo) -> replyTo.tell(true);
            }
        }

        // tag::watch[]
        @Override
        public void onSignal(Signal signal, ActorContext<Msg> ctx) {
            switch (signal) {
                case Signal.Terminated(var ref, var reason) -> {
                    System.out.println("  watcher onSignal: Terminated(" + ref.path() + ", " + reason + ")");
                    ActorRef<ExitReason> replyTo = waiting.remove(ref);
                    if (replyTo != null) {
                        replyTo.tell(reason);
                    }
                }
                case Signal.Exit exit -> { } // only while trapping exits, which this actor does not
            }
        }
        // end::watch[]
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("ActorLifecycle: preStart, postStop, onFailure (RESUME / RESTART / STOP), watch + Terminated");
        try (ActorSystem system = ActorSystem.create("lifecycle")) {
            System.out.println("-- spawn");
            // tag::factory[]
            AtomicInteger instances = new AtomicInteger();
            // the factory runs at spawn and again at each restart: every restart gets a fresh instance
            ActorRef<Tally.Msg> tally = system.spawn("tally", () -> new Tally(instances.incrementAndGet()));
            // end::factory[]
            ActorRef<Watcher.Msg> watcher = system.spawn("watcher", Watcher::new);
            tally.tell(new Tally.Add(5));
            tally.tell(new Tally.Add(7));
            report("after adding 5 and 7", tally);

            System.out.println("-- bad input: RESUME drops the message and keeps the instance and its state");
            tally.tell(new Tally.Add(-1));
            tally.tell(new Tally.Add(3));
            report("after adding -1 and 3", tally);

            System.out.println("-- broken state: RESTART replaces the instance behind the same ref");
            ActorRef<Tally.Msg> before = tally;
            tally.tell(new Tally.Corrupt());
            tally.tell(new Tally.Add(4)); // queued behind the crash: the mailbox is kept, the new instance gets it
            report("after the restart and adding 4", tally);
            System.out.println("same ref as before the restart: " + before.equals(tally));

            System.out.println("-- unrecoverable: STOP terminates the actor; its watcher gets Terminated");
            CompletionStage<ExitReason> terminated = watcher.ask(r -> new Watcher.Watch(tally, r), TIMEOUT);
            watcher.ask(Watcher.Sync::new, TIMEOUT).toCompletableFuture().join(); // watching before the poison
            tally.tell(new Tally.Poison());
            ExitReason reason = terminated.toCompletableFuture().join();
            System.out.println("the watcher reports the exit reason: " + reason);
            System.out.println("abnormal exit: " + !reason.isNormal());
            System.out.println("asking the stopped tally fails with: " + failureOfAsking(tally));
        }
        System.out.println("system closed");
    }

    private static void report(String when, ActorRef<Tally.Msg> tally) {
        Tally.Report report = tally.<Tally.Report>ask(Tally.Total::new, TIMEOUT).toCompletableFuture().join();
        System.out.println(when + ": total = " + report.total() + " (held by tally #" + report.instance() + ")");
    }

    private static String failureOfAsking(ActorRef<Tally.Msg> tally) {
        try {
            tally.<Tally.Report>ask(Tally.Total::new, TIMEOUT).toCompletableFuture().join();
            return "nothing: it replied";
        } catch (CompletionException e) {
            return e.getCause() instanceof DeadActorException ? "DeadActorException" : e.getCause().toString();
        }
    }
}

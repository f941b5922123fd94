package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): an actor whose reaction depends on its state, written
 * as one exhaustive {@code switch} over (state, message) pairs; Pekko's "become" and Erlang's
 * {@code gen_statem}, with the compiler checking that every pair is handled.
 */
public final class StateMachine {

    /** A coin-operated turnstile: each coin lets one person through. */
    static final class Turnstile implements Actor<Turnstile.Input> {
        // tag::turnstile[]
        sealed interface Input permits Coin, Push {}

        record Coin() implements Input {}

        record Push(ActorRef<String> replyTo) implements Input {}

        private sealed interface State permits Locked, Unlocked {}

        private record Locked() implements State {}

        private record Unlocked(int passes) implements State {}

        private record Step(State state, Input input) {}

        private State state = new Locked();

        @Override
        public void receive(Input input, ActorContext<Input> ctx) {
            state = switch (new Step(state, input)) {
                case Step(Locked s, Coin c) -> new Unlocked(1);
                case Step(Locked s, Push(var replyTo)) -> {
                    replyTo.tell("locked: insert a coin");
                    yield s;
                }
                case Step(Unlocked(int passes), Coin c) -> new Unlocked(passes + 1);
                case Step(Unlocked(int passes), Push(var replyTo)) -> {
                    replyTo.tell("welcome (" + (passes - 1) + " more paid)");
                    yield passes == 1 ? new Locked() : new Unlocked(passes - 1);
                }
            };
        }
        // end::turnstile[]
    }

    /**
     * Pushes, pays twice, and pushes three times.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("gate")) {
            ActorRef<Turnstile.Input> turnstile = system.spawn("turnstile", Turnstile::new);
            push(turnstile);
            turnstile.tell(new Turnstile.Coin());
            turnstile.tell(new Turnstile.Coin());
            push(turnstile);
            push(turnstile);
            push(turnstile);
        }
    }

    private static void push(ActorRef<Turnstile.Input> turnstile) {
        System.out.println("push: " + turnstile.ask(Turnstile.Push::new, Duration.ofSeconds(1))
                .toCompletableFuture().join());
    }

    private StateMachine() {}
}

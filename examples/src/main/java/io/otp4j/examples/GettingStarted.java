package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;

/** The README's first example: a counter actor, told ten times, then asked for its total. */
public final class GettingStarted {

    /** Counts; its state changes only in {@code receive}, one message at a time. */
    // tag::counter[]
    static final class Counter implements Actor<Counter.Msg> {
        sealed interface Msg permits Increment, Get {}
        record Increment(long by) implements Msg {}
        record Get(ActorRef<Long> replyTo) implements Msg {}

        private long total;

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {                                  // exhaustive: no default needed
                case Increment(long by) -> total += by;
                case Get(var replyTo) -> replyTo.tell(total);
            }
        }
    }
    // end::counter[]

    /** @param args ignored */
    // tag::main[]
    public static void main(String[] args) {
        try (var system = ActorSystem.create("hello")) {
            ActorRef<Counter.Msg> counter = system.spawn("counter", Counter::new);
            for (int i = 1; i <= 10; i++) {
                counter.tell(new Counter.Increment(i));     // fire and forget
            }
            long total = counter.ask(Counter.Get::new, Duration.ofSeconds(1))   // request-response
                    .toCompletableFuture().join();
            System.out.println("count = " + total);         // count = 55
        }
    }
    // end::main[]

    private GettingStarted() {}
}

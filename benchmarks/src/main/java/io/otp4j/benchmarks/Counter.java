package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import java.util.concurrent.CompletableFuture;

/** Counts increments; a report replies with the count and starts again from zero. Shared by benchmarks. */
final class Counter implements Actor<Counter.Msg> {
    sealed interface Msg permits Increment, Report {}

    record Increment() implements Msg {}

    record Report(CompletableFuture<Long> replyTo) implements Msg {}

    static final Increment INCREMENT = new Increment();

    private long count;

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) {
        switch (msg) {
            case Increment i -> count++;
            case Report(var replyTo) -> {
                replyTo.complete(count);
                count = 0;
            }
        }
    }
}

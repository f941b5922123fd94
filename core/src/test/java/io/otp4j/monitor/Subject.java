package io.otp4j.monitor;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ErrorAction;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The actor the monitoring tests watch: it works, crashes on demand, waits on a gate, or answers. */
final class Subject implements Actor<Subject.Cmd> {

    /** What a test can make it do. */
    sealed interface Cmd permits Work, Crash, Hold, Ping {}

    /** Handle a message normally. */
    record Work(int n) implements Cmd {}

    /** Throw from {@code receive}. */
    record Crash(String why) implements Cmd {}

    /** Block until the gate opens: keeps later messages waiting in the mailbox. */
    record Hold(CountDownLatch entered, CountDownLatch gate) implements Cmd {}

    /** Answer, to know everything before it was handled. */
    record Ping(ActorRef<String> replyTo) implements Cmd {}

    private final ErrorAction onFailure;

    Subject(ErrorAction onFailure) {
        this.onFailure = onFailure;
    }

    @Override
    public void receive(Cmd message, ActorContext<Cmd> ctx) throws InterruptedException {
        switch (message) {
            case Work w -> { }
            case Crash c -> throw new IllegalStateException(c.why());
            case Hold h -> {
                h.entered().countDown();
                if (!h.gate().await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            }
            case Ping p -> p.replyTo().tell("pong");
        }
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<Cmd> ctx) {
        return onFailure;
    }
}

package io.otp4j.micrometer;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ErrorAction;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The actor the metrics tests watch: it works, crashes on demand, holds its mailbox shut, or answers. */
final class Worker implements Actor<Worker.Cmd> {

    /** The class tag of its meters. */
    static final String CLASS = Worker.class.getName();

    /** What a test can make it do. */
    sealed interface Cmd permits Work, Crash, Hold, Ping {}

    /** Handle a message normally. */
    record Work() implements Cmd {}

    /** Throw from {@code receive}. */
    record Crash(String why) implements Cmd {}

    /** Block until the gate opens, so that later messages wait in the mailbox. */
    record Hold(CountDownLatch entered, CountDownLatch gate) implements Cmd {
        Hold() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }

        /** Waits until the worker is inside this message. */
        void awaitEntered() throws InterruptedException {
            if (!entered.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the worker never took the Hold message");
            }
        }

        void release() {
            gate.countDown();
        }
    }

    /** Answer, so that everything sent before has been handled. */
    record Ping(ActorRef<String> replyTo) implements Cmd {}

    private final ErrorAction onFailure;

    Worker(ErrorAction onFailure) {
        this.onFailure = onFailure;
    }

    Worker() {
        this(ErrorAction.RESUME);
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

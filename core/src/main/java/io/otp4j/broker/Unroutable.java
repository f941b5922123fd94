package io.otp4j.broker;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.EventStream;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The recipient named in a dead letter for a destination that has no actor: an unregistered name
 * ({@code /names/<id>}) or a topic without subscribers ({@code /topics/<topic>}). Anything sent to it
 * becomes a dead letter again, with the same reason. Its id is 0: it is a placeholder, not an actor.
 */
final class Unroutable implements ActorRef<Object> {

    private final ActorPath path;
    private final DeadLetter.Reason reason;
    private final EventStream events;

    private Unroutable(ActorPath path, DeadLetter.Reason reason, EventStream events) {
        this.path = path;
        this.reason = reason;
        this.events = events;
    }

    static Unroutable name(String system, String name, EventStream events) {
        return new Unroutable(ActorPath.root(system).child("names").child(name), DeadLetter.Reason.NO_SUCH_NAME,
                events);
    }

    static Unroutable topic(String system, String topic, EventStream events) {
        return new Unroutable(ActorPath.root(system).child("topics").child(topic),
                DeadLetter.Reason.NO_SUBSCRIBERS, events);
    }

    @Override
    public void tell(Object message) {
        offer(message, SendOptions.DEFAULT);
    }

    @Override
    public void tell(Object message, SendOptions options) {
        offer(message, options);
    }

    @Override
    public Delivery offer(Object message, SendOptions options) {
        Objects.requireNonNull(message, "message must not be null");
        events.publish(new DeadLetter(message, this, reason));
        return Delivery.DEAD_LETTER;
    }

    @Override
    public <R> CompletionStage<R> ask(Function<ActorRef<R>, ?> request, Duration timeout, SendOptions options) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(this + " is not an actor"));
    }

    @Override
    public ActorPath path() {
        return path;
    }

    @Override
    public long id() {
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unroutable u && u.path.equals(path) && u.reason == reason;
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path.address();
    }
}

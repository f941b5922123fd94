package io.otp4j.nats;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A ref to an actor with a durable mailbox, on whichever node hosts it now or later: a tell publishes the
 * message to the mailbox's JetStream stream (with a fresh message id), where it waits until handled. A publish
 * the servers do not acknowledge is dead-lettered at the sender. An ask is not supported: put a ref to the
 * asker in the message instead (a reply may come after a restart of the durable actor's node).
 */
final class DurableRef<M> implements ActorRef<M> {

    private final NatsNode node;
    private final String name;

    DurableRef(NatsNode node, String name) {
        this.node = node;
        this.name = name;
    }

    @Override
    public void tell(M message) {
        node.tellDurable(this, name, Objects.requireNonNull(message, "message must not be null"));
    }

    @Override
    public void tell(M message, SendOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        tell(message);
    }

    @Override
    public Delivery offer(M message, SendOptions options) {
        tell(message, options);
        return Delivery.ENQUEUED;
    }

    @Override
    public <R> CompletionStage<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout, SendOptions options) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(options, "options must not be null");
        return CompletableFuture.failedFuture(new UnsupportedOperationException("ask of the durable mailbox '" + name
                + "': a durable actor replies to a ref inside the message (its reply may come after a restart)"));
    }

    @Override
    public ActorPath path() {
        return ActorPath.root(node.system().name()).child("durable").child(name);
    }

    @Override
    public long id() {
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DurableRef<?> d && d.name.equals(name) && d.node == node;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "durable mailbox " + name;
    }
}

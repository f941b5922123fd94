package io.otp4j.nats;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A cluster-wide pool: each message goes to one of the actors that joined it on any node, chosen by NATS
 * (the members form a queue group on the pool's subject). An ask with no member anywhere fails at once with
 * {@link NodeUnreachableException}; a tell with none is lost, as one to a dead actor.
 */
final class PoolRef<M> implements ActorRef<M> {

    private final NatsNode node;
    private final String name;

    PoolRef(NatsNode node, String name) {
        this.node = node;
        this.name = name;
    }

    @Override
    public void tell(M message) {
        node.tellPool(name, Objects.requireNonNull(message, "message must not be null"));
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
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return node.askPool(this, name, request, timeout);
    }

    @Override
    public ActorPath path() {
        return ActorPath.root(node.system().name()).child("cluster-pool").child(name);
    }

    @Override
    public long id() {
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PoolRef<?> p && p.name.equals(name) && p.node == node;
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "cluster pool " + name;
    }
}

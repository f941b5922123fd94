package io.otp4j.nats;

import java.time.Duration;
import java.util.Objects;

/**
 * How a durable mailbox is kept: the settings of the JetStream stream that holds the messages of an actor
 * spawned with {@link NatsNode#spawnDurable} and sent through {@link NatsNode#durableRef}.
 *
 * <pre>{@code
 * DurableMailbox mailbox = DurableMailbox.settings().withReplicas(3).withAckWait(Duration.ofSeconds(10));
 * ActorRef<Durable<Order>> orders = node.spawnDurable("orders", OrderBook::new, mailbox);   // on one node
 * ActorRef<Order> toOrders = otherNode.durableRef("orders", mailbox);                      // on any node
 * toOrders.tell(new Order("sku-1", 2));  // stored by the NATS servers, handled at least once
 * }</pre>
 *
 * <p><b>Guarantees.</b> A message is stored in the stream when its publish is acknowledged by the servers
 * (a publish that fails is dead-lettered at the sender); from then on it is delivered to the actor until the
 * actor's handler returns for it, across crashes and restarts of the actor's node: <em>at least once</em>.
 * Messages are handled in the order of the stream, except that a message redelivered after a crash or an
 * expired {@link #ackWait()} comes again after later ones. A duplicate carries the same {@link Durable#id()}:
 * a handler that must not act twice remembers the ids it handled (or makes its effect idempotent).
 *
 * <p>Both sides should use the same settings: the stream is created by whichever side comes first, with its
 * settings, and used as it is by the other.
 *
 * <p>Immutable; equal when every setting is equal. No argument may be null ({@link NullPointerException}
 * naming it, at the call); a value out of range is refused at the call with {@link IllegalArgumentException}.
 */
public final class DurableMailbox {

    private static final DurableMailbox DEFAULTS = new DurableMailbox(1, Duration.ofSeconds(30), 64);

    private final int replicas;
    private final Duration ackWait;
    private final int maxInFlight;

    private DurableMailbox(int replicas, Duration ackWait, int maxInFlight) {
        Objects.requireNonNull(ackWait, "ackWait must not be null");
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be 1 to 5 (NATS keeps at most 5 copies): " + replicas);
        }
        if (ackWait.isNegative() || ackWait.isZero()) {
            throw new IllegalArgumentException("ackWait must be positive: " + ackWait);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        }
        this.replicas = replicas;
        this.ackWait = ackWait;
        this.maxInFlight = maxInFlight;
    }

    /** @return one replica, 30 s to handle a message, 64 messages in flight */
    public static DurableMailbox settings() {
        return DEFAULTS;
    }

    /**
     * @param count how many servers of a NATS cluster keep each message: 1, or 3 to survive the loss of a
     *     server; at most 5
     * @return these settings with {@code count} replicas
     * @throws IllegalArgumentException if {@code count} is not 1 to 5
     */
    public DurableMailbox withReplicas(int count) {
        return new DurableMailbox(count, ackWait, maxInFlight);
    }

    /**
     * @param wait how long the servers wait for a delivered message's handler to return before delivering it
     *     again: it must exceed the time a message may wait in the actor's mailbox plus its handling; positive
     * @return these settings with that wait
     * @throws IllegalArgumentException if {@code wait} is not positive
     */
    public DurableMailbox withAckWait(Duration wait) {
        Objects.requireNonNull(wait, "ackWait must not be null");
        return new DurableMailbox(replicas, wait, maxInFlight);
    }

    /**
     * @param count how many messages may be delivered to the actor and not yet handled; positive
     * @return these settings with that limit
     * @throws IllegalArgumentException if {@code count} is not positive
     */
    public DurableMailbox withMaxInFlight(int count) {
        return new DurableMailbox(replicas, ackWait, count);
    }

    /** @return how many servers keep each message */
    public int replicas() {
        return replicas;
    }

    /** @return how long before an unhandled delivered message is delivered again */
    public Duration ackWait() {
        return ackWait;
    }

    /** @return how many messages may be delivered and not yet handled */
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DurableMailbox m && replicas == m.replicas && ackWait.equals(m.ackWait)
                && maxInFlight == m.maxInFlight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicas, ackWait, maxInFlight);
    }

    @Override
    public String toString() {
        return "DurableMailbox[replicas=" + replicas + ", ackWait=" + ackWait + ", maxInFlight=" + maxInFlight + "]";
    }
}

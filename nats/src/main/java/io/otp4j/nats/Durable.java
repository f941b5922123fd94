package io.otp4j.nats;

import io.nats.client.Message;
import java.util.Objects;

/**
 * A message from a durable mailbox, as its actor's handler sees it: the message, and what tells a duplicate.
 * The delivery is acknowledged to the NATS servers when the handler returns; if the handler throws, or its node
 * crashes first, the message is delivered again.
 *
 * @param <M> the message's type
 */
public final class Durable<M> {

    private final String id;
    private final M message;
    private final long sequence;
    private final long deliveries;
    private final Message delivery;

    Durable(String id, M message, long sequence, long deliveries, Message delivery) {
        this.id = id;
        this.message = message;
        this.sequence = sequence;
        this.deliveries = deliveries;
        this.delivery = delivery;
    }

    /**
     * @return the message's id, unique per sent message and the same in every delivery of it (its
     *     {@code Nats-Msg-Id}): the key to tell a duplicate
     */
    public String id() {
        return id;
    }

    /** @return the message */
    public M message() {
        return message;
    }

    /** @return the message's position in its stream */
    public long sequence() {
        return sequence;
    }

    /** @return how many times it has been delivered, this time included: above 1, it may have been handled before */
    public long deliveries() {
        return deliveries;
    }

    /** @return whether this is a redelivery, so possibly a duplicate */
    public boolean redelivered() {
        return deliveries > 1;
    }

    void ack() {
        delivery.ack();
    }

    void nak() {
        delivery.nak();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Durable<?> d && d.id.equals(id) && d.sequence == sequence && d.deliveries == deliveries
                && d.message.equals(message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, sequence, deliveries);
    }

    @Override
    public String toString() {
        return "Durable[" + id + " #" + sequence + (deliveries > 1 ? " delivery " + deliveries : "") + ": " + message
                + "]";
    }
}

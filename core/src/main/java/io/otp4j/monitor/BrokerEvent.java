package io.otp4j.monitor;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.DeadLetter;
import java.time.Instant;

/**
 * Publish-subscribe traffic and undeliverable messages. {@link #path()} is the topic
 * ({@code /topics/<name>}) for {@link Published}, the subscriber for the others, and the intended
 * recipient for {@link DeadLettered} ({@code /deadLetters} for a dead letter published without one).
 */
public sealed interface BrokerEvent extends MonitorEvent {

    /**
     * A message was published to a topic (per message: only for monitors that trace messages).
     *
     * @param timestamp when
     * @param path the topic
     * @param topic the topic's name
     * @param subscribers how many subscribers it was offered to
     */
    record Published(Instant timestamp, ActorPath path, String topic, int subscribers) implements BrokerEvent {
        @Override
        public EventKind kind() {
            return EventKind.BROKER_PUBLISHED;
        }
    }

    /**
     * A published message entered one subscriber's mailbox (per message: only for monitors that trace
     * messages).
     *
     * @param timestamp when
     * @param path the subscriber
     * @param topic the topic's name
     */
    record Routed(Instant timestamp, ActorPath path, String topic) implements BrokerEvent {
        @Override
        public EventKind kind() {
            return EventKind.BROKER_ROUTED;
        }
    }

    /**
     * An actor subscribed to a topic.
     *
     * @param timestamp when
     * @param path the subscriber
     * @param topic the topic's name
     */
    record SubscriberAdded(Instant timestamp, ActorPath path, String topic) implements BrokerEvent {
        @Override
        public EventKind kind() {
            return EventKind.BROKER_SUBSCRIBER_ADDED;
        }
    }

    /**
     * An actor left a topic, by unsubscribing or by terminating.
     *
     * @param timestamp when
     * @param path the subscriber
     * @param topic the topic's name
     */
    record SubscriberRemoved(Instant timestamp, ActorPath path, String topic) implements BrokerEvent {
        @Override
        public EventKind kind() {
            return EventKind.BROKER_SUBSCRIBER_REMOVED;
        }
    }

    /**
     * A message could not be delivered; the same {@link DeadLetter} is published on the event stream.
     *
     * @param timestamp when
     * @param path the intended recipient
     * @param reason why
     * @param message the message
     */
    record DeadLettered(Instant timestamp, ActorPath path, DeadLetter.Reason reason, Object message)
            implements BrokerEvent {
        @Override
        public EventKind kind() {
            return EventKind.BROKER_DEAD_LETTER;
        }
    }
}

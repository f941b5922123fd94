package io.otp4j.monitor;

import io.otp4j.actor.ActorPath;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import java.time.Instant;
import java.util.OptionalInt;

/** Messages entering and leaving a mailbox, and what overflow did; {@link #path()} is the mailbox's owner. */
public sealed interface MailboxEvent extends MonitorEvent {

    /**
     * A message entered the mailbox (per message: only for monitors that trace messages). Emitted on the
     * sender's thread just after the message went in, so the actor may already have taken it: this event can
     * reach the monitor after the message's {@link Dequeued}.
     *
     * @param timestamp when
     * @param path the recipient
     * @param priority the message's priority
     * @param queueLength the messages in the mailbox just after this one went in (a snapshot, this one
     *     included), where the mailbox knows it without counting: bounded and priority-bounded mailboxes
     *     keep a count; the default unbounded one does not (counting would walk its whole queue), and
     *     reports empty
     */
    record Enqueued(Instant timestamp, ActorPath path, Priority priority, OptionalInt queueLength)
            implements MailboxEvent {
        @Override
        public EventKind kind() {
            return EventKind.MAILBOX_ENQUEUED;
        }
    }

    /**
     * The actor took a message out of its mailbox (per message: only for monitors that trace messages).
     *
     * @param timestamp when
     * @param path the actor
     * @param queueLength the messages left in the mailbox just after this one was taken, where the mailbox
     *     knows it without counting (see {@link Enqueued#queueLength()}); empty otherwise
     */
    record Dequeued(Instant timestamp, ActorPath path, OptionalInt queueLength) implements MailboxEvent {
        @Override
        public EventKind kind() {
            return EventKind.MAILBOX_DEQUEUED;
        }
    }

    /**
     * A bounded mailbox was full and its {@link Overflow#BLOCK} or {@link Overflow#REJECT} policy acted.
     *
     * @param timestamp when
     * @param path the recipient
     * @param policy the policy
     * @param outcome {@link Delivery#ENQUEUED} after a successful wait, else {@link Delivery#REJECTED}
     */
    record BackpressureApplied(Instant timestamp, ActorPath path, Overflow policy, Delivery outcome)
            implements MailboxEvent {
        @Override
        public EventKind kind() {
            return EventKind.MAILBOX_BACKPRESSURE;
        }
    }

    /**
     * A full mailbox with the {@link Overflow#DROP} policy dropped a message (it also becomes a dead letter).
     *
     * @param timestamp when
     * @param path the recipient
     * @param message the dropped message
     */
    record Dropped(Instant timestamp, ActorPath path, Object message) implements MailboxEvent {
        @Override
        public EventKind kind() {
            return EventKind.MAILBOX_DROPPED;
        }
    }

    /**
     * A message's time to live ran out before it was handled (it also becomes a dead letter): found expired
     * when its turn came, or dropped by a sender that found the bounded mailbox full (on that sender's
     * thread), to make room before the overflow policy applied.
     *
     * @param timestamp when
     * @param path the recipient
     * @param message the expired message
     */
    record Expired(Instant timestamp, ActorPath path, Object message) implements MailboxEvent {
        @Override
        public EventKind kind() {
            return EventKind.MAILBOX_EXPIRED;
        }
    }

    /**
     * A message was sent with a priority its mailbox cannot honour: the mailbox is a bounded FIFO one
     * ({@code MailboxConfig.bounded}), which keeps arrival order, whatever the priority, to keep its exact
     * capacity. The message was delivered in arrival order. Emitted once per actor, at the first such send;
     * every such send is counted in the actor's snapshot ({@code ActorSnapshot.unhonouredPriorities()}). To
     * have priorities honoured with a bound, use {@code MailboxConfig.priority(capacity, overflow)}.
     *
     * @param timestamp when
     * @param path the recipient
     * @param priority the priority the send asked for
     * @param messageClass the class of the message
     */
    record PriorityNotHonoured(Instant timestamp, ActorPath path, Priority priority, Class<?> messageClass)
            implements MailboxEvent {
        @Override
        public EventKind kind() {
            return EventKind.MAILBOX_PRIORITY_NOT_HONOURED;
        }
    }

    /**
     * A bounded mailbox became full: published once per crossing, not per message, by the send that took
     * its last place (or, should that send miss it in a race, by the first send that found it full).
     * It is published again only after the actor has taken a message from it while it was below capacity
     * again; a place freed and taken back before the actor's next take may go unreported. Sends that find
     * it full meanwhile still report their {@link BackpressureApplied} or {@link Dropped}.
     *
     * @param timestamp when
     * @param path the mailbox's owner
     * @param capacity the mailbox's capacity, all of it in use
     */
    record CapacityReached(Instant timestamp, ActorPath path, int capacity) implements MailboxEvent {
        @Override
        public EventKind kind() {
            return EventKind.MAILBOX_CAPACITY_REACHED;
        }
    }
}

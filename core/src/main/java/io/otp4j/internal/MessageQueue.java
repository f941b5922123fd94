package io.otp4j.internal;

import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Priority;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * The user-message channel of a mailbox: a multi-producer, single-consumer queue of items (a message, or
 * an {@link Envelope} around one).
 *
 * <p>Threads: {@link #offer} from any thread; {@link #poll} only from the run that owns the actor.
 * <p>Ordering: everything a producer wrote before a successful {@code offer} happens-before the consumer
 * polls that item; items from one producer are polled in offer order (per priority level).
 * <p>Full: {@code offer} returns false; it never blocks and never drops.
 *
 * <p>Which queue an actor gets is decided by memory as much as speed: a padded JCTools queue costs 400 to
 * 750 bytes per instance, more than half our per-actor budget, so the default unbounded mailbox is an
 * intrusive linked queue ({@link LinkedMessageQueue}, 48 bytes when empty). Bounded FIFO mailboxes are
 * opt-in and use JCTools' {@link MpscAtomicArrayQueue}: no allocation per message, exact capacity.
 */
abstract class MessageQueue {

    /**
     * @param item the item to add, never null
     * @param priority honoured by priority queues only
     * @return false iff the queue is full
     */
    abstract boolean offer(Object item, Priority priority);

    /** @return the next item, or null iff the queue is empty; consumer only */
    abstract Object poll();

    /** @return true if no item is queued; exact for the consumer, a snapshot for others */
    abstract boolean isEmpty();

    /** @return the number of queued items; a snapshot, O(n) for linked queues */
    abstract int size();

    static MessageQueue create(MailboxConfig config) {
        if (config.prioritized()) {
            return new PriorityMessageQueue(config.capacity());
        }
        if (config.isBounded()) {
            return new BoundedMessageQueue(config.capacity());
        }
        return new LinkedMessageQueue();
    }

    /** Bounded FIFO: JCTools' MPSC array queue with an exact capacity; the field-updater variant, free of sun.misc.Unsafe. */
    static final class BoundedMessageQueue extends MessageQueue {
        private final MpscAtomicArrayQueue<Object> queue;
        private final int capacity;

        BoundedMessageQueue(int capacity) {
            this.queue = new MpscAtomicArrayQueue<>(Math.max(2, capacity));
            this.capacity = capacity;
        }

        @Override
        boolean offer(Object item, Priority priority) {
            // the array's capacity is rounded up to a power of two; the threshold makes it exact
            return queue.offerIfBelowThreshold(item, capacity);
        }

        @Override
        Object poll() {
            return queue.poll();
        }

        @Override
        boolean isEmpty() {
            return queue.isEmpty();
        }

        @Override
        int size() {
            return queue.size();
        }
    }
}

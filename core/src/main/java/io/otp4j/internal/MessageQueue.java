package io.otp4j.internal;

import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * <h2>The consumer never waits for a producer</h2>
 * An offer takes two steps: it <em>claims</em> a place (swaps the linked queue's tail, or advances the
 * array queue's producer index by CAS; either is a full fence) and then <em>publishes</em> the item into
 * it (a release store). Between the two, {@link #poll} checks again up to {@link #CLAIM_SPINS} times and
 * then returns null, where a strict queue would spin until the item appears; {@link #isEmpty} already
 * counts the claimed item. A running producer publishes within nanoseconds, so the short spin saves
 * ending and rescheduling the run; a producer preempted between its two steps (likely on a machine with
 * more runnable threads than cores) would otherwise keep the consumer's pool thread spinning until the
 * scheduler ran the producer again. Measured with 4 producers into one queue beside 4 busy processes on
 * 2 cores: such a wait (beyond the short spin) came about once per 20 million items, but lasted 40 to
 * 107 ms each time, a whole time slice during which other actors could not have that thread. The
 * linked queue cannot hand out later items before the claimed one anyway, so for the actor itself the
 * wait is the same; what giving up saves is the thread.
 *
 * <p>Why an early null never strands a message in a mailbox ({@link ActorCell}): after a run's last
 * {@code poll}, the run stores its status IDLE (volatile: a full fence) and then asks {@code isEmpty()}; a
 * producer claims (a full fence), publishes, and then reads the status to schedule the actor (CAS IDLE to
 * SCHEDULED). The claim and the IDLE store are both ordered before each side's read of the other, so at
 * least one side sees the other (Dekker's argument): either the run sees the claim, is not empty and
 * schedules itself again (its next run polls the item, or returns null again and repeats while the
 * producer has not published), or the producer sees IDLE and schedules the actor; if both, the CAS lets one
 * win. This needs {@code isEmpty} to count claims, not published items: a publication is only a release
 * store, which the producer's status read may overtake, and then both sides could miss each other. Both
 * queues below count claims (the linked queue compares head and tail; JCTools' array queue compares the
 * consumer and producer indexes). The wait for a preempted producer thus becomes a run that ends and is
 * queued again behind the pool's other work, instead of a spin that holds the thread. Other readers of
 * an early null: a drain to dead letters (termination, restart) may leave the claimed item behind, which
 * the same re-check then drains in a later run; the claimed item is simply one sent just after the drain.
 *
 * <p>Which queue an actor gets is decided by memory as much as speed: a padded JCTools queue costs 400 to
 * 750 bytes per instance, more than half our per-actor budget, so the default unbounded mailbox is an
 * intrusive linked queue ({@link LinkedMessageQueue}, 48 bytes when empty). Bounded FIFO mailboxes are
 * opt-in: up to {@link MailboxConfig#PREALLOCATED_CAPACITY} they use JCTools' {@link MpscAtomicArrayQueue}
 * (no allocation per message, exact capacity, the array allocated at spawn); above it, the linked queue
 * with an exact count ({@link CountedLinkedMessageQueue}), so that memory follows content: a mailbox bounded
 * at a million costs the same as an unbounded one until messages arrive.
 */
abstract class MessageQueue {

    /**
     * How many times {@link #poll} checks again for a claimed item before it returns null: enough for a
     * producer that is running (it publishes within nanoseconds of its claim), far less than the time
     * slice that a preempted one would take.
     */
    static final int CLAIM_SPINS = 128;

    /**
     * @param item the item to add, never null
     * @param priority honoured by priority queues only
     * @return false iff the queue is full
     */
    abstract boolean offer(Object item, Priority priority);

    /**
     * @return the next item, or null if the queue is empty or the next item is claimed but not yet
     *     published (see the class comment); consumer only
     */
    abstract Object poll();

    /**
     * @return true if no item is queued or claimed: false from the moment an offer has claimed its place,
     *     even while {@link #poll} still returns null; exact for the consumer, a snapshot for others
     */
    abstract boolean isEmpty();

    /** @return the number of queued items; a snapshot, O(n) for linked queues */
    abstract int size();

    /**
     * @return the number of queued items where the queue knows it without counting (bounded queues keep
     *     a count or indexes), else -1; a snapshot
     */
    abstract int knownSize();

    private static final VarHandle FULL_REPORTED;

    static {
        try {
            FULL_REPORTED = MethodHandles.lookup().findVarHandle(MessageQueue.class, "fullReported", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A bounded queue's filling was reported to the monitor, and not yet re-armed by a take below
     * capacity. Used only when a monitor is installed; it fits in the object's alignment padding, so even
     * the default unbounded queue, which never sets it, is no bigger for it.
     */
    @SuppressWarnings("unused") // accessed through FULL_REPORTED
    private volatile boolean fullReported;

    /**
     * Any thread.
     *
     * @return true for the one caller that gets to report the queue full, until {@link #rearmFullReport}
     */
    final boolean claimFullReport() {
        return !fullReported && FULL_REPORTED.compareAndSet(this, false, true);
    }

    /**
     * Consumer only, after a take: once the queue is below {@code capacity} again, its next filling is
     * reported again.
     *
     * @param capacity the queue's capacity
     */
    final void rearmFullReport(int capacity) {
        if (fullReported && knownSize() < capacity) {
            fullReported = false;
        }
    }

    static MessageQueue create(MailboxConfig config) {
        if (config.prioritized()) {
            return new PriorityMessageQueue(config.capacity());
        }
        if (!config.isBounded()) {
            return new LinkedMessageQueue();
        }
        if (config.capacity() <= MailboxConfig.PREALLOCATED_CAPACITY) {
            return new BoundedMessageQueue(config.capacity());
        }
        return new CountedLinkedMessageQueue(config.capacity());
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
            Object item = queue.relaxedPoll(); // never waits for a preempted producer: see the class comment
            if (item == null && !queue.isEmpty()) { // a slot is claimed: a running producer writes it at once
                for (int spins = 0; spins < CLAIM_SPINS && item == null; spins++) {
                    Thread.onSpinWait();
                    item = queue.relaxedPoll();
                }
            }
            return item;
        }

        @Override
        boolean isEmpty() {
            return queue.isEmpty();
        }

        @Override
        int size() {
            return queue.size();
        }

        @Override
        int knownSize() {
            return queue.size(); // two index reads
        }
    }

    /**
     * Bounded FIFO for large capacities: the linked queue, plus a count reserved before each offer (a CAS
     * loop, so a refused offer never counts, even for a moment) and released after each poll; the capacity
     * is exact and nothing is allocated for places not in use.
     */
    static final class CountedLinkedMessageQueue extends MessageQueue {
        private static final VarHandle COUNT;

        static {
            try {
                COUNT = MethodHandles.lookup().findVarHandle(CountedLinkedMessageQueue.class, "count", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final LinkedMessageQueue queue = new LinkedMessageQueue();
        private final int capacity;
        @SuppressWarnings("unused") // accessed through COUNT
        private volatile int count;

        CountedLinkedMessageQueue(int capacity) {
            this.capacity = capacity;
        }

        @Override
        boolean offer(Object item, Priority priority) {
            int c;
            do {
                c = count;
                if (c >= capacity) {
                    return false;
                }
            } while (!COUNT.compareAndSet(this, c, c + 1));
            return queue.offer(item, priority);
        }

        @Override
        Object poll() {
            Object item = queue.poll();
            if (item != null) {
                COUNT.getAndAdd(this, -1);
            }
            return item;
        }

        @Override
        boolean isEmpty() {
            return queue.isEmpty();
        }

        @Override
        int size() {
            return count;
        }

        @Override
        int knownSize() {
            return count;
        }
    }
}

package io.otp4j.internal;

import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

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
 * An offer takes two steps: it <em>claims</em> a place (an atomic add on the newest chunk's claim count,
 * or the swap of the tail for a new chunk: a full fence either way) and then <em>publishes</em> the item
 * into it (a release store: into the place, or the link from the old tail to the new chunk). Between the
 * two, {@link #poll} checks again up to {@link #CLAIM_SPINS} times and
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
 * store, which the producer's status read may overtake, and then both sides could miss each other. Every
 * queue here counts claims: the linked queue reads its tail and the tail chunk's claim count (a claim
 * raises the count or swaps the tail), and the others are built of linked queues. The wait for a
 * preempted producer thus becomes a run that ends and is queued again behind the pool's other work,
 * instead of a spin that holds the thread. Other readers of
 * an early null: a drain to dead letters (termination, restart) may leave the claimed item behind, which
 * the same re-check then drains in a later run; the claimed item is simply one sent just after the drain.
 *
 * <p>Which queue an actor gets is decided by memory as much as speed: a padded JCTools queue costs 400 to
 * 750 bytes per instance, more than half our per-actor budget, so the default unbounded mailbox is a
 * linked queue of chunks ({@link LinkedMessageQueue}, 24 bytes when empty: no chunk). Its first message of another
 * priority than NORMAL replaces it by a {@link PriorityMessageQueue} that keeps it as its NORMAL level
 * ({@link ActorCell} swaps them), so priorities cost nothing to actors that never receive one. Bounded
 * mailboxes, FIFO or by priority, are {@link BoundedMessageQueue}s: linked levels with an exact count, so
 * that memory follows content (a mailbox bounded at a million costs the same as an unbounded one until
 * messages arrive) and a full mailbox can drop its expired messages to make room, which an array queue,
 * whose places are its slots, could not do without room for the dropped ones.
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
     * @param priority honoured by queues that order by priority ({@link #ordersByPriority()}) only
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

    /**
     * Consumer only, when a run ends without a poll that found the queue empty: lets go of what an empty
     * queue need not keep, so that an idle actor costs as little as it can. Never loses or hides an item.
     */
    void trim() {}

    /** @return the number of queued items; a snapshot, O(n) for unbounded queues */
    abstract int size();

    /**
     * @return the number of queued items where the queue knows it without counting (bounded queues keep
     *     a count), else -1; a snapshot
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

    /** @return true if {@link #offer} honours the priority it is given */
    boolean ordersByPriority() {
        return false;
    }

    /**
     * @return the priority of the item the last {@link #poll} returned, or null if this queue does not keep
     *     it (a bounded FIFO queue, which flattens priorities); consumer only
     */
    abstract Priority lastPolledPriority();

    /**
     * @return false if this queue cannot hold a message with a time to live that {@link #dropExpired} could
     *     drop: an unbounded queue, or a bounded one that was never offered one; a cheap check, any thread
     */
    boolean mayDropExpired() {
        return false;
    }

    /**
     * Drops the expired messages this queue holds, to make room before a full mailbox applies its overflow
     * policy. Any thread. Only bounded queues hold places that dropping can free; the others do nothing.
     *
     * @param nowNanos the current time on the clock of the messages' deadlines
     * @param dropped called with each dropped message, after the walk
     * @return how many messages were dropped
     */
    int dropExpired(long nowNanos, Consumer<Object> dropped) {
        return 0;
    }

    /**
     * Counts a send whose priority this queue cannot honour; any thread.
     *
     * @return true for the first such send to this queue, which the caller reports
     */
    boolean countUnhonouredPriority() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no flattened priorities");
    }

    /** @return how many sends had a priority this queue could not honour */
    long unhonouredPriorities() {
        return 0;
    }

    static MessageQueue create(MailboxConfig config) {
        if (config.isBounded()) {
            return new BoundedMessageQueue(config.capacity(), config.prioritized());
        }
        return config.prioritized() ? new PriorityMessageQueue() : new LinkedMessageQueue();
    }
}

package io.otp4j.internal;

import io.otp4j.mailbox.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bounded: one linked FIFO (a FIFO mailbox) or one per {@link Priority} (a priority mailbox), and a count of
 * the messages held, reserved before each offer (a CAS loop, so a refused offer never counts, even for a
 * moment) and released when a message leaves. The capacity is exact across all levels, and nothing is
 * allocated for places not in use.
 *
 * <p>Threads, ordering and claims as for {@link LinkedMessageQueue}, per level.
 *
 * <h2>Dropping expired messages when full</h2>
 * A sender that finds the queue full first asks it to {@linkplain #dropExpired drop its expired messages}.
 * Only the consumer may unlink nodes, so a sender drops a message in place: it claims the message's
 * {@link Envelope.Expiring} (a CAS from QUEUED to DROPPED, which the consumer's own claim, QUEUED to TAKEN,
 * excludes), releases its place in the count and reports it; the node stays linked, empty, until the
 * consumer passes it and skips it. Such dropped nodes are counted apart and limited to the capacity, so a
 * stalled actor holds at most twice its capacity in nodes, the dropped ones without their messages.
 *
 * <p>Finding the expired messages is a walk of the queue, so it is avoided when it cannot find any: no
 * message with a time to live was ever offered, or none was offered since the last complete walk and the
 * earliest deadline that walk saw has not passed. Each offer of an expiring message counts itself after it
 * is linked, so a walk that began after that count saw it (or the consumer took it), and a count that moved
 * since the last walk means a new walk. A full queue holding messages with a time to live, none expired, thus
 * costs one walk per new expiring message or passed deadline, not one per refused send.
 */
final class BoundedMessageQueue extends LevelledMessageQueue {

    private static final Priority[] PRIORITIES = Priority.values();
    private static final VarHandle COUNT;
    private static final VarHandle DROPPED;
    private static final VarHandle TTL_OFFERS;
    private static final VarHandle UNHONOURED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COUNT = l.findVarHandle(BoundedMessageQueue.class, "count", int.class);
            DROPPED = l.findVarHandle(BoundedMessageQueue.class, "dropped", int.class);
            TTL_OFFERS = l.findVarHandle(BoundedMessageQueue.class, "ttlOffers", long.class);
            UNHONOURED = l.findVarHandle(BoundedMessageQueue.class, "unhonoured", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What the last complete walk found: no deadline passed before {@code nextDeadline}. */
    private record Walked(long ttlOffers, long nextDeadline) {}

    private final int capacity;
    @SuppressWarnings("unused") // accessed through COUNT
    private volatile int count;
    /** Messages dropped in place whose nodes the consumer has not passed yet. */
    @SuppressWarnings("unused") // accessed through DROPPED
    private volatile int dropped;
    /** Offers of messages with a time to live so far; each counts after its item is linked. */
    @SuppressWarnings("unused") // accessed through TTL_OFFERS
    private volatile long ttlOffers;
    private volatile Walked lastWalk;
    @SuppressWarnings("unused") // accessed through UNHONOURED
    private volatile long unhonoured;

    /**
     * @param capacity the most messages held
     * @param prioritized one level per priority if true, else one FIFO level
     */
    BoundedMessageQueue(int capacity, boolean prioritized) {
        super(new LinkedMessageQueue[prioritized ? PRIORITIES.length : 1],
                prioritized ? Priority.NORMAL.ordinal() : 0);
        this.capacity = capacity;
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new LinkedMessageQueue();
        }
    }

    @Override
    boolean offer(Object item, Priority priority) {
        int c;
        do { // reserve a place
            c = count;
            if (c >= capacity) {
                return false;
            }
        } while (!COUNT.compareAndSet(this, c, c + 1));
        levels[levels.length == 1 ? 0 : priority.ordinal()].offer(item, priority);
        if (item instanceof Envelope.Expiring) {
            TTL_OFFERS.getAndAdd(this, 1L); // after the link: see the class comment
        }
        return true;
    }

    @Override
    Object poll() {
        for (;;) {
            Object item = pollLevels();
            if (item == null) {
                return null;
            }
            if (item instanceof Envelope.Expiring expiring && !expiring.take()) {
                DROPPED.getAndAdd(this, -1); // a sender dropped it and released its place already
                continue;
            }
            COUNT.getAndAdd(this, -1);
            return item;
        }
    }


    @Override
    int size() {
        return count;
    }

    @Override
    int knownSize() {
        return count; // kept exact for the capacity anyway
    }

    @Override
    boolean ordersByPriority() {
        return levels.length > 1;
    }

    @Override
    Priority lastPolledPriority() {
        return levels.length > 1 ? PRIORITIES[lastPolled] : null;
    }

    @Override
    boolean countUnhonouredPriority() {
        return (long) UNHONOURED.getAndAdd(this, 1L) == 0;
    }

    @Override
    long unhonouredPriorities() {
        return unhonoured;
    }

    @Override
    boolean mayDropExpired() {
        return ttlOffers != 0;
    }

    @Override
    int dropExpired(long nowNanos, Consumer<Object> reporter) {
        long offers = ttlOffers;
        if (offers == 0) {
            return 0; // no message with a time to live was ever offered
        }
        Walked last = lastWalk;
        if (last != null && last.ttlOffers() == offers && nowNanos - last.nextDeadline() < 0) {
            return 0; // nothing new since the last complete walk, and nothing it saw has expired
        }
        Walk walk = new Walk(nowNanos);
        boolean complete = true;
        for (LinkedMessageQueue level : levels) {
            complete &= level.walk(walk);
        }
        if (complete && !walk.limited) {
            lastWalk = new Walked(offers, walk.nextDeadline);
        }
        for (Object message : walk.droppedMessages) {
            reporter.accept(message);
        }
        return walk.droppedMessages.size();
    }

    /** One walk over the levels: drops what has expired, notes the earliest deadline still to come. */
    private final class Walk implements Consumer<Object> {
        private final long now;
        long nextDeadline;
        boolean limited;
        final List<Object> droppedMessages = new ArrayList<>();

        Walk(long now) {
            this.now = now;
            this.nextDeadline = now + Envelope.Expiring.NEVER;
        }

        @Override
        public void accept(Object item) {
            if (!(item instanceof Envelope.Expiring expiring) || !expiring.isQueued()) {
                return;
            }
            if (!expiring.hasExpired(now)) {
                if (expiring.deadlineNanos() - nextDeadline < 0) {
                    nextDeadline = expiring.deadlineNanos();
                }
                return;
            }
            if (!reserveDropped()) {
                limited = true; // as many dropped nodes as the capacity wait for the consumer
                return;
            }
            Object message = expiring.drop();
            if (message == null) {
                DROPPED.getAndAdd(BoundedMessageQueue.this, -1); // the consumer took it first
                return;
            }
            COUNT.getAndAdd(BoundedMessageQueue.this, -1); // its place is free now
            droppedMessages.add(message);
        }

        private boolean reserveDropped() {
            int d;
            do {
                d = dropped;
                if (d >= capacity) {
                    return false;
                }
            } while (!DROPPED.compareAndSet(BoundedMessageQueue.this, d, d + 1));
            return true;
        }
    }
}

package io.otp4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A pool worker's own queue of runnable actors: a bounded work-stealing deque (Chase and Lev's, without
 * growth). The owning worker pushes and pops at the top, newest first; any other thread steals at the
 * bottom, oldest first.
 *
 * <p>Why newest first for the owner: the actors a run makes runnable (the children it spawns, the actors
 * it tells) are run next on the same thread, while their state is still in its cache, and a tree of
 * actors that spawn actors is walked depth first, so only a path's worth of them is runnable at once
 * instead of a whole level. Why oldest first for thieves: what has waited longest leaves first, and a
 * thief takes work far from what the owner touches. JCTools has no work-stealing deque, hence this one.
 *
 * <p>Threads: {@link #push} and {@link #pop} by the owner only; {@link #steal} and {@link #isEmpty} by any
 * thread.
 * <p>Ordering: an entry pushed is taken exactly once, by {@code pop} or by one {@code steal}: thieves
 * race on {@code base} by CAS, and the owner races with them by CAS for the last entry only. Entries are
 * hints, as in the shared run queue: a worker runs an actor only after winning its claim.
 * <p>Garbage: only the owner clears a slot it popped; a stolen entry stays referenced until the owner
 * writes that slot again (a thief clearing it could erase a newer entry pushed there meanwhile), so a
 * worker keeps at most {@value #CAPACITY} stale references to actors it once queued.
 */
final class LocalRunQueue {

    static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;

    private static final VarHandle BASE;
    private static final VarHandle TOP;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            BASE = l.findVarHandle(LocalRunQueue.class, "base", int.class);
            TOP = l.findVarHandle(LocalRunQueue.class, "top", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots = new Object[CAPACITY];
    /** The oldest entry's index: advanced by CAS, by thieves and by the owner taking the last entry. */
    @SuppressWarnings("unused") // accessed through BASE
    private volatile int base;
    /** One past the newest entry's index: written by the owner only. */
    @SuppressWarnings("unused") // accessed through TOP
    private volatile int top;

    /**
     * Owner only: adds an entry at the top.
     *
     * @return false if the deque is full (the entry was not added)
     */
    boolean push(Object task) {
        int t = (int) TOP.getOpaque(this); // only the owner writes it
        int b = (int) BASE.getAcquire(this);
        if (t - b >= CAPACITY) {
            return false;
        }
        SLOTS.setRelease(slots, t & MASK, task);
        TOP.setRelease(this, t + 1); // publishes the entry to thieves
        return true;
    }

    /** Owner only: takes the newest entry, or null if none. */
    Object pop() {
        int top = (int) TOP.getOpaque(this);
        if (top - (int) BASE.getAcquire(this) <= 0) {
            return null; // empty, and base only grows: no fence needed to know it
        }
        int t = top - 1;
        TOP.setVolatile(this, t); // full fence: a thief that read the old top is seen below
        int b = (int) BASE.getVolatile(this);
        if (t - b < 0) { // empty
            TOP.setVolatile(this, b);
            return null;
        }
        Object task = SLOTS.getAcquire(slots, t & MASK);
        if (t != b) {
            SLOTS.setRelease(slots, t & MASK, null);
            return task; // more than one entry: no thief can reach this one
        }
        // the last entry: a thief may be taking it; whoever moves base wins
        boolean won = BASE.compareAndSet(this, b, b + 1);
        TOP.setVolatile(this, b + 1);
        if (won) {
            SLOTS.setRelease(slots, t & MASK, null);
            return task;
        }
        return null;
    }

    /** Any thread: takes the oldest entry, or null if none (or if another thread won it). */
    Object steal() {
        for (;;) {
            int b = (int) BASE.getVolatile(this);
            int t = (int) TOP.getVolatile(this);
            if (t - b <= 0) {
                return null;
            }
            Object task = SLOTS.getAcquire(slots, b & MASK);
            if (BASE.compareAndSet(this, b, b + 1)) {
                // the owner may already reuse the slot for a newer entry: only the owner clears slots
                return task;
            }
            // another thief or the owner moved base: look again
        }
    }

    /** Any thread: true if no entry is queued (a moment's view). */
    boolean isEmpty() {
        return (int) TOP.getVolatile(this) - (int) BASE.getVolatile(this) <= 0;
    }
}

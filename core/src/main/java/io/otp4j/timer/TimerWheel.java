package io.otp4j.timer;

/**
 * A hierarchical timing wheel over integer ticks: adding and removing an entry are O(1), and finding the
 * next tick at which anything happens is a few bit operations, so the thread that owns the wheel can
 * sleep until then instead of ticking.
 *
 * <h2>Design</h2>
 * A tick count is read as {@value #LEVELS} digits of {@value #SLOT_BITS} bits; level {@code L} of the
 * wheel has one slot per value of digit {@code L}, and a bitmap of its non-empty slots. An entry goes to
 * the level of the highest digit in which its deadline differs from {@link #now()}, into the slot of its
 * deadline's digit there, which is therefore ahead of now's digit: level 0 holds what falls due within
 * the current 64 ticks, level 1 what falls due within the current 4,096, and so on. When time reaches the
 * start of an occupied slot of level {@code L > 0}, its entries are added again, which moves each to a
 * lower level (their digit {@code L} now matches); when it reaches an occupied slot of level 0, its
 * entries are due (their deadline is that very tick). So an entry is never due early or late by even one
 * tick, and moves down at most once per level over its life (a 60 s timeout of 1 ms ticks: twice).
 *
 * <p>The earliest event is always in the lowest non-empty level, at its lowest occupied slot (every
 * occupied slot is ahead of now's digit, so there is no wrap-around to consider): see
 * {@link #nextEventTick()}.
 *
 * <p>Entries are intrusive (the links are fields of {@link Entry}), so the wheel allocates nothing after
 * construction. Due entries are moved to a first-in first-out list that the owner drains with
 * {@link #pollDue()}; an entry added with a deadline already reached goes there at once.
 *
 * <h2>Threads</h2>
 * Not thread-safe: one owner thread does everything.
 */
final class TimerWheel {

    static final int SLOT_BITS = 6;
    static final int SLOTS = 1 << SLOT_BITS;
    static final int LEVELS = 8;
    /** The latest deadline the wheel distinguishes; later ones are clamped to it. */
    static final long MAX_TICK = (1L << (SLOT_BITS * LEVELS)) - 1;

    private static final int UNLINKED = -1;
    private static final int DUE = LEVELS * SLOTS; // the index of the due list in heads

    /** Something with a deadline, linked into at most one wheel. Fields are the owner thread's only. */
    abstract static class Entry {
        long deadline; // in ticks
        Entry prev;
        Entry next;
        int slot = UNLINKED;
    }

    private final Entry[] heads = new Entry[DUE + 1];
    private Entry dueTail;
    private final long[] occupied = new long[LEVELS];
    private long now;
    private int size;

    /** @param now the current tick; not negative */
    TimerWheel(long now) {
        if (now < 0 || now > MAX_TICK) {
            throw new IllegalArgumentException("tick out of range: " + now);
        }
        this.now = now;
    }

    /** @return the tick up to which time has advanced */
    long now() {
        return now;
    }

    /** @return the entries in the wheel, due ones included */
    int size() {
        return size;
    }

    /** @return true if the entry is in this wheel (waiting or due) */
    static boolean isLinked(Entry e) {
        return e.slot != UNLINKED;
    }

    /**
     * Adds an entry that is in no wheel: into the due list if its deadline has been reached, else into its
     * slot.
     */
    void add(Entry e) {
        if (e.slot != UNLINKED) {
            throw new IllegalStateException("already in a wheel");
        }
        long deadline = Math.min(e.deadline, MAX_TICK);
        e.deadline = deadline;
        size++;
        if (deadline <= now) {
            e.slot = DUE;
            e.prev = dueTail;
            if (dueTail == null) {
                heads[DUE] = e;
            } else {
                dueTail.next = e;
            }
            dueTail = e;
            return;
        }
        int level = (63 - Long.numberOfLeadingZeros(deadline ^ now)) / SLOT_BITS;
        int index = (int) (deadline >>> (level * SLOT_BITS)) & (SLOTS - 1);
        int slot = level * SLOTS + index;
        Entry head = heads[slot];
        e.slot = slot;
        e.next = head;
        if (head != null) {
            head.prev = e;
        }
        heads[slot] = e;
        occupied[level] |= 1L << index;
    }

    /** Removes an entry if it is in the wheel; O(1). */
    void remove(Entry e) {
        int slot = e.slot;
        if (slot == UNLINKED) {
            return;
        }
        Entry prev = e.prev;
        Entry next = e.next;
        if (prev == null) {
            heads[slot] = next;
        } else {
            prev.next = next;
        }
        if (next != null) {
            next.prev = prev;
        } else if (slot == DUE) {
            dueTail = prev;
        }
        e.prev = null;
        e.next = null;
        e.slot = UNLINKED;
        size--;
        if (slot != DUE && heads[slot] == null) {
            occupied[slot / SLOTS] &= ~(1L << (slot % SLOTS));
        }
    }

    /** @return the oldest due entry, now removed from the wheel, or null if none is due */
    Entry pollDue() {
        Entry e = heads[DUE];
        if (e != null) {
            remove(e);
        }
        return e;
    }

    /** @return true if an entry is due */
    boolean hasDue() {
        return heads[DUE] != null;
    }

    /**
     * @return the earliest tick after {@link #now()} at which an entry falls due or moves down a level,
     *     or {@link Long#MAX_VALUE} if no entry is waiting (due entries aside)
     */
    long nextEventTick() {
        for (int level = 0; level < LEVELS; level++) {
            long bits = occupied[level];
            if (bits != 0) {
                int shift = level * SLOT_BITS;
                long above = (now >>> (shift + SLOT_BITS)) << (shift + SLOT_BITS);
                return above | ((long) Long.numberOfTrailingZeros(bits) << shift);
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Moves time forward to {@code tick}, moving every entry whose deadline is reached to the due list, in
     * order of deadline. A tick not after {@link #now()} changes nothing.
     */
    void advance(long tick) {
        long target = Math.min(tick, MAX_TICK);
        for (long event; (event = nextEventTick()) <= target; ) {
            now = event;
            int level = 0;
            while (occupied[level] == 0) {
                level++;
            }
            int index = (int) (event >>> (level * SLOT_BITS)) & (SLOTS - 1);
            int slot = level * SLOTS + index;
            Entry e = heads[slot];
            heads[slot] = null;
            occupied[level] &= ~(1L << index);
            while (e != null) {
                Entry next = e.next;
                e.prev = null;
                e.next = null;
                e.slot = UNLINKED;
                size--;
                add(e); // due now, or into a lower level
                e = next;
            }
        }
        if (target > now) {
            now = target;
        }
    }
}

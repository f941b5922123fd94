package io.otp4j.internal;

import io.otp4j.mailbox.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Unbounded MPSC queue of linked chunks: a send into a chunk with room costs one atomic add and a release
 * store, and no allocation; an empty queue lets go of its last chunk (at the poll that finds it empty, or
 * when the run ends, {@link #trim}), so an idle actor's mailbox is this one 24-byte object. Sizes here are
 * with compressed references, the JVM's default below 32 GB of heap.
 *
 * <p>Threads: {@code offer} from any thread; {@code poll} and {@code trim} from the single consumer.
 * <p>States: empty (no head, no tail); a chunk swapped in as the tail of an empty queue and not yet
 * published as the head (its item is claimed); chunks linked from the head to the tail, the head possibly
 * done and waiting for its successor's link.
 *
 * <p>Chunks: a producer that finds the queue empty makes a {@link Chunk} of one place around its item
 * (24 bytes: what a node per message cost before), so an actor that gets one message at a time allocates
 * nothing more. A producer that finds no place in the newest chunk makes an {@link ArrayChunk} four times
 * as large, up to {@link #MAX_CAPACITY} places: a backlog then costs under 5 bytes per message instead of
 * 24, which is what a sender that runs ahead of its actor pays in allocation, in page faults on a fresh
 * heap, and in the consumer's cache misses. Place 0 of every chunk is its {@code first} field, filled when
 * the chunk is made; an array chunk's other places are its array.
 *
 * <p>Offer: read the newest chunk ({@code tail}); if it is an array chunk, claim its next place by adding
 * one to its {@code claimed} (an atomic add: a full fence, so the following read of the actor's scheduling
 * state cannot move before it). A place below the capacity is the producer's: it stores the item there
 * (release). Otherwise (the queue is empty; the newest chunk is full, closed, or of one place) the
 * producer makes a chunk with its item in place 0 and swaps it in as the tail (a full fence), then links
 * it behind the old tail (release), or publishes it as the head if the swap found the queue empty. Between
 * a claim and its store, or between the swap and the link, the item is claimed but not yet published:
 * {@code poll} checks again at most {@link MessageQueue#CLAIM_SPINS} times and then returns null, while
 * {@code isEmpty} already counts it. Why that is enough for a mailbox is argued in {@link MessageQueue}.
 * Producers never wait for each other.
 *
 * <p>Poll: the consumer takes place 0, then an array chunk's places in order, counting them in the chunk's
 * {@code taken} (on the chunk: producers that stream into the newest chunk do not touch the line of a
 * consumer working through an older one, and {@code head} changes once per chunk, not per item). At a
 * place nobody has claimed, it <em>closes</em> the chunk: a CAS of {@code claimed} from exactly that count
 * to {@link #CLOSED}, after which every claim fails, so no item can land behind the consumer. A done chunk
 * (every place taken, or closed) gives way to its successor and is unlinked from it, so a tenured chunk
 * cannot keep younger ones alive ("nepotism"). A done chunk that is still the tail is dropped: the consumer
 * clears {@code head} and swaps the tail to null (CAS); if that fails, a producer has swapped in a new
 * chunk and will link it, and the consumer waits for the link (at most {@link MessageQueue#CLAIM_SPINS}
 * checks; then {@code poll} returns null and a later one looks again). Only the consumer ever swaps the
 * tail to null, so no producer writes {@code head} while a chunk is the head, and the consumer's clearing
 * of {@code head} happens-before the next producer's publication of a head, through the tail.
 *
 * <p>Trim: a run whose last poll took an item (its batch ended there) has not seen the queue empty, so the
 * run's end calls {@link #trim}, which closes and drops the last chunk as such a poll would have, if
 * nothing waits in it.
 *
 * <p>Order: a producer's reads of the tail follow the chain of chunks forward, so its items land in offer
 * order.
 *
 * <p>Every item in a mailbox of this class alone is {@link Priority#NORMAL}: the first send of another
 * priority replaces it by a {@link PriorityMessageQueue} that keeps it as its NORMAL level (see
 * {@link ActorCell}).
 */
final class LinkedMessageQueue extends MessageQueue {

    /** The capacity of the largest chunk: 64 places, 304 bytes with its array (4.75 bytes a place). */
    static final int MAX_CAPACITY = 64;
    /** What the consumer sets {@code claimed} to when it closes a chunk: far above any capacity. */
    static final int CLOSED = 1 << 30;

    /** A chunk of one place: what a producer makes when it finds the queue empty. */
    static class Chunk {
        /** Place 0: the item of the producer that made the chunk; null once taken. */
        Object first;
        /** The next chunk: written with release, read with acquire. */
        volatile Chunk next;

        Chunk(Object item) {
            first = item;
        }
    }

    /**
     * A chunk of {@code rest.length + 1} places: what a producer makes when the newest chunk has no place for
     * it (full, closed, or of one place).
     */
    static final class ArrayChunk extends Chunk {
        /** Places 1 to capacity - 1. */
        final Object[] rest;
        /** Places claimed, place 0 and failed claims included; {@link #CLOSED} and above once closed. */
        volatile int claimed;
        /** How many places of {@link #rest} the consumer has taken: written by it alone, read racily by others. */
        int taken;

        ArrayChunk(Object item, int capacity) {
            super(item);
            rest = new Object[capacity - 1];
            CLAIMED.set(this, 1); // plain: the chunk is published with a release store
        }
    }

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    private static final VarHandle CLAIMED;
    private static final VarHandle PLACE = MethodHandles.arrayElementVarHandle(Object[].class);
    /** How many times {@link #walk} starts again from the head when the consumer unlinked the chunk it was at. */
    private static final int WALK_RESTARTS = 3;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LinkedMessageQueue.class, "head", Chunk.class);
            TAIL = l.findVarHandle(LinkedMessageQueue.class, "tail", Chunk.class);
            NEXT = l.findVarHandle(Chunk.class, "next", Chunk.class);
            CLAIMED = l.findVarHandle(ArrayChunk.class, "claimed", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The oldest chunk, possibly done and waiting for its successor's link; null while empty. The consumer's,
     * except that a producer that finds the queue empty publishes its chunk here (release).
     */
    @SuppressWarnings("unused") // accessed through HEAD
    private Chunk head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile Chunk tail;

    @Override
    boolean offer(Object item, Priority priority) {
        Chunk t = tail;
        if (t instanceof ArrayChunk a) {
            int place = (int) CLAIMED.getAndAdd(a, 1); // lock xadd: full fence
            if (place <= a.rest.length) {
                PLACE.setRelease(a.rest, place - 1, item); // release: the item's contents before the item
                return true;
            }
        }
        // empty, full or closed: a new chunk, of one place in an empty queue, larger behind a full one
        Chunk c = t == null ? new Chunk(item) : new ArrayChunk(item, capacityAfter(t));
        Chunk prev = (Chunk) TAIL.getAndSet(this, c); // xchg: full fence
        if (prev == null) {
            HEAD.setRelease(this, c); // release: item before head; the consumer's clearing came before our xchg
        } else {
            NEXT.setRelease(prev, c); // release: item before link
        }
        return true;
    }

    /** @return the capacity of a chunk made behind {@code full}: four times its own, at most the maximum */
    private static int capacityAfter(Chunk full) {
        return full instanceof ArrayChunk a ? Math.min((a.rest.length + 1) * 4, MAX_CAPACITY) : 4;
    }

    @Override
    Object poll() {
        Chunk h = (Chunk) HEAD.getAcquire(this);
        if (h != null) {
            Object item = h.first;
            if (item != null) {
                h.first = null; // do not retain the message
                return item;
            }
            if (h instanceof ArrayChunk a) {
                Object[] rest = a.rest;
                int i = a.taken;
                if (i < rest.length && (item = PLACE.getAcquire(rest, i)) != null) {
                    rest[i] = null;
                    a.taken = i + 1;
                    return item;
                }
            }
        }
        return pollSlowly(h);
    }

    /**
     * The poll that finds no item at its place: the queue is empty or being published into, a place is
     * claimed and not yet stored, or the head chunk is done. Consumer only.
     */
    private Object pollSlowly(Chunk h) {
        if (h == null) {
            if (TAIL.getVolatile(this) == null) {
                return null;
            }
            // a producer found the queue empty, swapped the tail and is about to publish its chunk as the head
            for (int spins = 0; (h = (Chunk) HEAD.getAcquire(this)) == null; spins++) {
                if (spins == MessageQueue.CLAIM_SPINS) {
                    return null; // isEmpty() is false until it publishes: see MessageQueue
                }
                Thread.onSpinWait();
            }
        }
        for (;;) {
            Object item = h.first;
            if (item != null) {
                h.first = null;
                return item;
            }
            if (h instanceof ArrayChunk a && a.taken < a.rest.length) {
                Object[] rest = a.rest;
                int i = a.taken;
                item = PLACE.getAcquire(rest, i);
                if (item == null && !closedAt(a, i)) {
                    item = awaitPlace(rest, i); // claimed: its producer is storing it
                    if (item == null) {
                        return null; // isEmpty() is false until it stores: see MessageQueue
                    }
                }
                if (item != null) {
                    rest[i] = null;
                    a.taken = i + 1;
                    return item;
                }
            }
            // h is done: every place taken, or closed
            Chunk next = (Chunk) NEXT.getAcquire(h);
            if (next == null) {
                if (TAIL.getVolatile(this) == h && dropLast(h)) { // nothing behind it: the queue is empty
                    return null;
                }
                next = awaitLink(h);
                if (next == null) {
                    return null;
                }
            }
            HEAD.setRelease(this, next);
            // unlink the done chunk: once tenured, a dead chunk still pointing at its successor keeps every
            // later chunk reachable, and each young GC would copy the whole message stream
            NEXT.setRelease(h, null);
            h = next;
        }
    }

    /**
     * Consumer only, when a run ends: closes and drops the last chunk if nothing waits in it, as a poll that
     * found the queue empty would have. A place claimed and not yet stored keeps the chunk.
     */
    @Override
    void trim() {
        Chunk h = (Chunk) HEAD.getAcquire(this);
        if (h == null || h.first != null) {
            return; // no chunk, or an item waits in place 0
        }
        if (h instanceof ArrayChunk a && a.taken < a.rest.length
                && (PLACE.getAcquire(a.rest, a.taken) != null || !closedAt(a, a.taken))) {
            return; // an item waits, or is on its way
        }
        if (NEXT.getAcquire(h) == null && TAIL.getVolatile(this) == h) {
            dropLast(h);
        }
    }

    /**
     * Consumer only: the queue lets go of {@code h}, its done head, read as the tail too.
     *
     * @return true if the queue is now empty; false if a producer swapped a chunk in first, which it will
     *     link behind {@code h}, which stays the head
     */
    private boolean dropLast(Chunk h) {
        HEAD.setRelease(this, null); // before the CAS: a producer that then finds the tail null sets it
        if (TAIL.compareAndSet(this, h, null)) {
            return true;
        }
        HEAD.setRelease(this, h);
        return false;
    }

    /**
     * Consumer only: the array place {@code i} of {@code a} holds no item yet. Closes the chunk there if
     * nobody has claimed that place.
     *
     * @return true if the chunk is closed (now or before), false if the place is claimed
     */
    private static boolean closedAt(ArrayChunk a, int i) {
        int place = i + 1; // array place i is the chunk's place i + 1
        for (;;) {
            int claimed = (int) CLAIMED.getVolatile(a);
            if (claimed >= CLOSED) {
                return true;
            }
            if (claimed > place) {
                return false;
            }
            if (CLAIMED.compareAndSet(a, claimed, CLOSED)) {
                return true;
            }
        }
    }

    /** @return the item stored at {@code index}, waiting a little for its producer; null if not stored yet */
    private static Object awaitPlace(Object[] rest, int index) {
        Object item;
        for (int spins = 0; (item = PLACE.getAcquire(rest, index)) == null; spins++) {
            if (spins == MessageQueue.CLAIM_SPINS) {
                return null;
            }
            Thread.onSpinWait();
        }
        return item;
    }

    /**
     * @return the chunk linked behind {@code done}, waiting a little for a producer that swapped it in; null
     *     if it is not linked within {@link MessageQueue#CLAIM_SPINS} checks
     */
    private static Chunk awaitLink(Chunk done) {
        Chunk next;
        for (int spins = 0; (next = (Chunk) NEXT.getAcquire(done)) == null; spins++) {
            if (spins == MessageQueue.CLAIM_SPINS) {
                return null; // isEmpty() is false until it links: see MessageQueue
            }
            Thread.onSpinWait();
        }
        return next;
    }

    @Override
    boolean isEmpty() {
        Chunk t = tail;
        if (t == null) {
            return true;
        }
        if (t != HEAD.getAcquire(this) || t.first != null) {
            return false; // an older chunk still holds items, the tail is not yet published, or place 0 waits
        }
        if (t instanceof ArrayChunk a) {
            // empty once every successful claim is taken: a failed claim swaps the tail, counted above
            int claimed = a.claimed;
            return claimed >= CLOSED || Math.min(claimed - 1, a.rest.length) <= a.taken;
        }
        return true;
    }

    @Override
    int knownSize() {
        return -1; // no count kept: it would cost every offer and poll an atomic update
    }

    @Override
    Priority lastPolledPriority() {
        return Priority.NORMAL; // alone, this queue only ever holds NORMAL items (see the class comment)
    }

    /**
     * Shows a producer (any thread, concurrently with offers and polls) the items queued, oldest first: used
     * by a full bounded mailbox to find expired messages. The consumer is not slowed down: it keeps writing
     * its places plainly, so the walk may see an item the consumer has just taken (a claim on the item itself
     * must decide who owns it) or stand on a chunk the consumer has already unlinked (it then starts again
     * from the new head, a few times).
     *
     * @param visitor called with each item seen (an item may be shown twice when the walk starts again); must
     *     not touch this queue
     * @return true if the walk reached the end of the chunk that was the tail when it began: every item queued
     *     before the call was shown, unless the consumer took it first; false if it stopped short (the consumer
     *     overtook it, or a producer had claimed a place and not yet stored or linked it)
     */
    boolean walk(Consumer<Object> visitor) {
        Chunk end = tail;
        if (end == null) {
            return true; // empty
        }
        Chunk start = (Chunk) HEAD.getAcquire(this);
        for (int restarts = 0; start != null; restarts++) {
            boolean complete = true;
            for (Chunk c = start; ; ) {
                complete &= showPlaces(c, visitor);
                if (c == end) {
                    return complete;
                }
                Chunk next = (Chunk) NEXT.getAcquire(c);
                if (next == null) {
                    break; // unlinked by the consumer, or the next chunk is swapped in and not yet linked
                }
                c = next;
            }
            Chunk head = (Chunk) HEAD.getAcquire(this);
            if (head == start || restarts == WALK_RESTARTS) {
                return false; // the consumer did not move: a producer's chunk is swapped in, not yet linked
            }
            start = head; // the consumer moved on and unlinked the chunk the walk was at
        }
        // no head: the first chunk is swapped in and not yet published, or the consumer is emptying the queue
        return false;
    }

    /** @return false if a place claimed in {@code c} and not yet taken held no item (not yet stored) */
    private static boolean showPlaces(Chunk c, Consumer<Object> visitor) {
        Object first = c.first; // racy with the consumer's clearing: null once taken
        if (first != null) {
            visitor.accept(first);
        }
        if (!(c instanceof ArrayChunk a)) {
            return true;
        }
        int claimed = (int) CLAIMED.getVolatile(a);
        int stored = Math.min(claimed - 1, a.rest.length);
        boolean complete = true;
        for (int i = 0; i < stored; i++) {
            Object item = PLACE.getAcquire(a.rest, i);
            if (item != null) {
                visitor.accept(item);
            } else if (a.taken <= i && claimed < CLOSED) {
                complete = false; // claimed, not taken, not stored: its producer is on its way
            }
        }
        return complete;
    }

    @Override
    int size() {
        long n = 0;
        for (Chunk c = (Chunk) HEAD.getAcquire(this); c != null; c = c.next) {
            if (c.first != null) {
                n++;
            }
            if (c instanceof ArrayChunk a) {
                for (Object item : a.rest) {
                    if (item != null) {
                        n++;
                    }
                }
            }
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }
}

package io.otp4j.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

/**
 * The default pool's FIFO queue of runnable actors: a padded JCTools array queue, without an allocation
 * per entry and with its producer and consumer indexes on separate cache lines, backed by an unbounded
 * linked queue for the rare moments when more actors are runnable than the array holds.
 *
 * <p>Threads: any number of producers and consumers.
 * <p>Ordering: FIFO, except around a switch between the two parts: once the array is full, new entries
 * go to the overflow until it has drained, and consumers empty the array first, so an entry waits at most
 * for the array's capacity of older ones, plus those of the overflow ahead of it.
 * <p>Entries are hints: an actor is run only by whoever wins its claim ({@link Mailbox#claim}), so an
 * entry whose actor was already run another way is skipped, never run twice.
 */
final class RunQueue {

    private static final int CAPACITY = 1 << 14;

    private final MpmcAtomicArrayQueue<Object> array = new MpmcAtomicArrayQueue<>(CAPACITY);
    private final ConcurrentLinkedQueue<Object> overflow = new ConcurrentLinkedQueue<>();
    /** Entries offered to the overflow and not yet taken (counted before the offer). */
    private final AtomicInteger inOverflow = new AtomicInteger();

    /** Adds an entry; never fails. A full fence, as every path is an atomic read-modify-write. */
    void offer(Object task) {
        if (inOverflow.get() == 0 && array.offer(task)) {
            return;
        }
        inOverflow.incrementAndGet();
        overflow.offer(task);
    }

    /** @return the oldest entry, or null if none (or only one being added right now) */
    Object poll() {
        Object task = array.poll();
        if (task == null && inOverflow.get() > 0) {
            task = overflow.poll();
            if (task != null) {
                inOverflow.decrementAndGet();
            }
        }
        return task;
    }

    /** @return true if no entry is queued; counts entries being added, so a re-check never misses one */
    boolean isEmpty() {
        return array.isEmpty() && inOverflow.get() == 0;
    }
}

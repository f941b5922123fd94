package io.otp4j.internal;

import io.otp4j.mailbox.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One linked FIFO per {@link Priority}; {@code poll} takes from the highest non-empty one. Optionally
 * bounded by a shared count (reserved before the offer, released after the poll), so the capacity is
 * exact across all levels.
 */
final class PriorityMessageQueue extends MessageQueue {

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(PriorityMessageQueue.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LinkedMessageQueue[] levels = {
        new LinkedMessageQueue(), new LinkedMessageQueue(), new LinkedMessageQueue()
    };
    private final int capacity;
    @SuppressWarnings("unused") // accessed through COUNT
    private volatile int count;

    PriorityMessageQueue(int capacity) {
        this.capacity = capacity;
    }

    private boolean bounded() {
        return capacity != Integer.MAX_VALUE;
    }

    @Override
    boolean offer(Object item, Priority priority) {
        if (bounded()) {
            int c;
            do { // reserve a place; a CAS loop, so a refused offer never counts, even for a moment
                c = count;
                if (c >= capacity) {
                    return false;
                }
            } while (!COUNT.compareAndSet(this, c, c + 1));
        }
        return levels[priority.ordinal()].offer(item, priority);
    }

    @Override
    Object poll() {
        for (LinkedMessageQueue level : levels) {
            Object item = level.poll();
            if (item != null) {
                if (bounded()) {
                    COUNT.getAndAdd(this, -1);
                }
                return item;
            }
        }
        return null;
    }

    @Override
    boolean isEmpty() {
        for (LinkedMessageQueue level : levels) {
            if (!level.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    int size() {
        int n = 0;
        for (LinkedMessageQueue level : levels) {
            n += level.size();
        }
        return n;
    }

    @Override
    int knownSize() {
        return bounded() ? count : -1; // unbounded: only the levels' lengths, which take a walk
    }
}

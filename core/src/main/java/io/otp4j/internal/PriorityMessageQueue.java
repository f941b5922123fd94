package io.otp4j.internal;

import io.otp4j.mailbox.Priority;

/**
 * Unbounded: one linked FIFO per {@link Priority}; {@code poll} takes from the highest non-empty one, so
 * every waiting CRITICAL item goes before any HIGH, and so on down to LOW.
 *
 * <p>Threads, ordering and claims as for {@link LinkedMessageQueue}, per level; {@link #isEmpty} counts a
 * claim on any level, so the argument of {@link MessageQueue} holds for the whole.
 *
 * <p>Built at spawn for {@code MailboxConfig.priority()}, or by {@link ActorCell} around a default mailbox
 * at its first message of another priority than NORMAL: the existing queue becomes the NORMAL level, so a
 * producer that still offers to it directly (it read the mailbox before the swap) offers to the right level.
 */
final class PriorityMessageQueue extends LevelledMessageQueue {

    private static final Priority[] PRIORITIES = Priority.values();
    private static final int NORMAL = Priority.NORMAL.ordinal();

    PriorityMessageQueue() {
        this(new LinkedMessageQueue());
    }

    /** @param normal the queue to keep as the NORMAL level, with what it holds */
    PriorityMessageQueue(LinkedMessageQueue normal) {
        super(new LinkedMessageQueue[PRIORITIES.length], NORMAL);
        for (int i = 0; i < levels.length; i++) {
            levels[i] = i == NORMAL ? normal : new LinkedMessageQueue();
        }
    }

    @Override
    boolean offer(Object item, Priority priority) {
        return levels[priority.ordinal()].offer(item, priority);
    }

    @Override
    Object poll() {
        return pollLevels();
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
        return -1; // only the levels' lengths, which take a walk
    }

    @Override
    boolean ordersByPriority() {
        return true;
    }

    @Override
    Priority lastPolledPriority() {
        return PRIORITIES[lastPolled];
    }
}

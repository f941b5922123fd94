package io.otp4j.internal;

/**
 * A mailbox made of linked FIFO levels, polled highest first: what the priority and the bounded mailboxes
 * share. {@link #pollLevels} takes from the first non-empty level and remembers which; {@link #isEmpty}
 * counts a claim on any level, so the argument of {@link MessageQueue} holds for the whole.
 *
 * <p>Threads: {@code pollLevels} and {@code lastPolled} by the single consumer; {@code isEmpty} by anyone.
 */
abstract class LevelledMessageQueue extends MessageQueue {

    final LinkedMessageQueue[] levels;
    /** Consumer only: the level of the last item polled. */
    int lastPolled;

    LevelledMessageQueue(LinkedMessageQueue[] levels, int lastPolled) {
        this.levels = levels;
        this.lastPolled = lastPolled;
    }

    /** Consumer only: the oldest item of the highest non-empty level, or null. */
    final Object pollLevels() {
        for (int i = 0; i < levels.length; i++) {
            Object item = levels[i].poll();
            if (item != null) {
                lastPolled = i;
                return item;
            }
        }
        return null;
    }

    @Override
    final void trim() {
        for (LinkedMessageQueue level : levels) {
            level.trim();
        }
    }

    @Override
    final boolean isEmpty() {
        for (LinkedMessageQueue level : levels) {
            if (!level.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}

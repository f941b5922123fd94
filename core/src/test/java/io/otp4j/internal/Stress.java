package io.otp4j.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How the stress tests size their work and wait for it, so that a busy machine makes them slower, not red.
 *
 * <p><b>Sizes fit a time budget.</b> A stress test does its full size, or as much as its producers get
 * done in {@link #WORK}, whichever comes first, and then checks everything that was produced. On a quiet
 * 2-core machine every test does its full size well inside the budget; beside other busy processes it does
 * less work in about the same time, and the checks (nothing lost, duplicated, reordered or overfilled) hold
 * for whatever was done.
 *
 * <p><b>Waits fail on lack of progress.</b> A wait has no total deadline: it fails only when the count it
 * watches has not moved for {@link #STALL}, which no scheduling delay explains but a lost message does.
 */
final class Stress {

    /** How long producers keep producing before they stop short of their full size. */
    static final Duration WORK = Duration.ofSeconds(2);
    /** How long a wait tolerates no progress at all. */
    static final Duration STALL = Duration.ofSeconds(30);

    private final long end;

    private Stress(long end) {
        this.end = end;
    }

    /** @return a budget of {@link #WORK} that starts now */
    static Stress startBudget() {
        return new Stress(System.nanoTime() + WORK.toNanos());
    }

    /** @return true once the budget is spent */
    boolean spent() {
        return System.nanoTime() - end >= 0;
    }

    /**
     * @param done how many items this producer has produced so far
     * @return false once it should stop: the budget is spent and it has produced some (looked at only
     *     every 64 items, to keep the clock out of the hot loop)
     */
    boolean keepGoing(int done) {
        return done == 0 || (done & 63) != 0 || !spent();
    }

    /**
     * Waits until {@code progress} reaches {@code target}, polling every millisecond.
     *
     * @throws AssertionError if the value stays the same for {@link #STALL}, or goes past the target
     */
    static void awaitProgress(String what, LongSupplier progress, long target) {
        awaitProgress(what + " (of " + target + ")", progress, () -> {
            long now = progress.getAsLong();
            if (now > target) {
                throw new AssertionError(what + ": " + now + ", more than the " + target + " expected");
            }
            return now == target;
        });
    }

    /**
     * Waits until {@code done} is true, polling every millisecond.
     *
     * @throws AssertionError if {@code progress} stays the same for {@link #STALL} before that
     */
    static void awaitProgress(String what, LongSupplier progress, BooleanSupplier done) {
        long last = progress.getAsLong();
        long lastMoved = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - lastMoved > STALL.toNanos()) {
                throw new AssertionError(what + ": stuck at " + last + " for " + STALL);
            }
            LockSupport.parkNanos(1_000_000);
            long now = progress.getAsLong();
            if (now != last) {
                last = now;
                lastMoved = System.nanoTime();
            }
        }
    }

    /** A clock for detecting a stall inline, in a loop that polls for itself. */
    static final class StallWatch {
        private long lastMoved = System.nanoTime();

        /** Records progress. */
        void moved() {
            lastMoved = System.nanoTime();
        }

        /** @return true if nothing moved for {@link #STALL} */
        boolean stalled() {
            return System.nanoTime() - lastMoved > STALL.toNanos();
        }
    }
}

package io.otp4j;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Waits for tests that count many events: no total deadline (a busy machine makes them slower, not
 * red); a wait fails only when the count has not moved for {@link #STALL}, which no scheduling delay
 * explains but a lost message does.
 */
public final class Progress {

    /** How long a wait tolerates no progress at all. */
    public static final Duration STALL = Duration.ofSeconds(30);

    private Progress() {}

    /**
     * Waits until {@code latch} reaches zero.
     *
     * @param latch counts the events still expected
     * @param what what it counts, for the failure message
     * @throws AssertionError if the count stays the same for {@link #STALL}
     */
    public static void awaitCountDown(CountDownLatch latch, String what) throws InterruptedException {
        long last = latch.getCount();
        while (!latch.await(STALL.toMillis(), TimeUnit.MILLISECONDS)) {
            long now = latch.getCount();
            if (now == last) {
                throw new AssertionError(what + ": " + now + " still missing, none for " + STALL);
            }
            last = now;
        }
    }

    /**
     * Waits until {@code count} reaches {@code target}, polling every millisecond.
     *
     * @param what what it counts, for the failure message
     * @param count the events so far, never decreasing
     * @param target how many are awaited
     * @throws AssertionError if the count stays the same for {@link #STALL}
     */
    public static void awaitAtLeast(String what, LongSupplier count, long target) {
        long last = count.getAsLong();
        long lastMoved = System.nanoTime();
        for (long now = last; now < target; now = count.getAsLong()) {
            if (now != last) {
                last = now;
                lastMoved = System.nanoTime();
            } else if (System.nanoTime() - lastMoved > STALL.toNanos()) {
                throw new AssertionError(what + ": " + now + " of " + target + ", none for " + STALL);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}

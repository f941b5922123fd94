package io.otp4j.timer;

import java.time.Duration;
import java.time.Instant;

/**
 * The runtime's source of time and delayed execution: actor timers, ask timeouts and message expiry all
 * go through it, so a test can swap in a manual one (the testkit's {@code ManualScheduler}) and advance
 * time instead of sleeping.
 *
 * <p>Threads: all methods may be called from any thread. Tasks should be short and must not throw. The
 * system scheduler keeps two threads: the runtime's own timers fire on one, and the tasks given to it
 * here run on the other, one at a time, so a task that blocks delays only the tasks behind it, never an
 * ask timeout or an actor timer. A manual scheduler runs every task on the thread that advances time.
 * The system owns the scheduler it is given and closes it on shutdown.
 *
 * <p>Durations: a delay too long for a {@code long} of nanoseconds (about 292 years, or
 * {@code ChronoUnit.FOREVER}) saturates: the task never runs, but can still be cancelled. Nothing throws
 * for a huge duration.
 *
 * <p>Nulls: no argument may be null; implementations throw {@link NullPointerException} naming it, at the
 * call (not when the task falls due).
 */
public interface Scheduler extends AutoCloseable {

    /** @return the current time in nanoseconds, from an arbitrary origin; only differences matter */
    long nanoTime();

    /**
     * The wall-clock time the runtime stamps on what it reports (monitor events, snapshots). The system
     * scheduler reads the system clock; a scheduler with a clock of its own (the testkit's manual one)
     * derives it from that clock, so that timestamps follow the time the test sets.
     *
     * @return the current instant on this scheduler's clock
     */
    default Instant now() {
        return Instant.now();
    }

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @param delay how long to wait; zero or negative runs as soon as possible
     * @param task what to run
     * @return a handle to cancel it
     */
    Cancellable scheduleOnce(Duration delay, Runnable task);

    /**
     * Runs {@code task} at {@code initialDelay}, then every {@code period} from that start (fixed rate).
     *
     * @param initialDelay delay before the first run
     * @param period time between starts; positive
     * @param task what to run
     * @return a handle to cancel it
     */
    Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);

    /** Stops the scheduler; pending tasks do not run. */
    @Override
    void close();

    /**
     * @return a new scheduler with the JVM's monotonic clock and 1 ms precision: a timing wheel on one
     *     daemon platform thread, plus a second one, started on first use, for the tasks given to it
     */
    static Scheduler system() {
        return new SystemScheduler();
    }
}

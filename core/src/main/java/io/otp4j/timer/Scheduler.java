package io.otp4j.timer;

import java.time.Duration;

/**
 * The runtime's source of time and delayed execution: actor timers, ask timeouts and message expiry all
 * go through it, so a test can swap in a manual one (the testkit's {@code ManualScheduler}) and advance
 * time instead of sleeping.
 *
 * <p>Threads: all methods may be called from any thread. Tasks must be short and must not throw; they
 * run on the scheduler's own thread (the system scheduler) or on the thread that advances time (a manual
 * one). The system owns the scheduler it is given and closes it on shutdown.
 *
 * <p>Nulls: no argument may be null; implementations throw {@link NullPointerException} naming it, at the
 * call (not when the task falls due).
 */
public interface Scheduler extends AutoCloseable {

    /** @return the current time in nanoseconds, from an arbitrary origin; only differences matter */
    long nanoTime();

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
     * @return a new scheduler on one daemon platform thread, with the JVM's monotonic clock
     */
    static Scheduler system() {
        return new SystemScheduler();
    }
}

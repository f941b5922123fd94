package io.otp4j.testkit;

import io.otp4j.timer.Cancellable;
import io.otp4j.timer.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose clock moves only when a test calls {@link #advance(Duration)}: timers, ask
 * timeouts and message expiry become deterministic, with no sleeping.
 *
 * <p>Threads: all methods may be called from any thread. Due tasks run on the thread that calls
 * {@code advance}, in order of due time (then of scheduling), each with the clock set to its due time.
 * A task that a timer delivers to an actor is only enqueued there; the actor still handles it on its
 * dispatcher, so wait for its effect with a {@link TestProbe}.
 *
 * <p>Durations too long for a {@code long} of nanoseconds (such as {@code ChronoUnit.FOREVER}) saturate:
 * the clock stops at {@link Long#MAX_VALUE}, and a task due then never runs (it stays pending, and can be
 * cancelled), as with the system scheduler.
 */
public final class ManualScheduler implements Scheduler {

    /** The wall-clock time of a fresh manual scheduler: {@link #now()} starts here and moves with {@link #advance}. */
    public static final Instant ORIGIN = Instant.EPOCH;

    /** The due time of a task whose delay does not fit in a long: it never runs. */
    private static final long NEVER = Long.MAX_VALUE;
    private static final long MAX_SECONDS_IN_NANOS = Long.MAX_VALUE / 1_000_000_000L;

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    private boolean closed;

    private final class Task implements Comparable<Task>, Cancellable {
        final Runnable body;
        final long period; // 0 for one-shot
        final long seq;
        long due;
        boolean cancelled;

        Task(Runnable body, long due, long period) {
            this.body = body;
            this.due = due;
            this.period = period;
            this.seq = sequence++;
        }

        @Override
        public int compareTo(Task o) {
            int byDue = Long.compare(due, o.due);
            return byDue != 0 ? byDue : Long.compare(seq, o.seq);
        }

        @Override
        public boolean cancel() {
            synchronized (ManualScheduler.this) {
                if (cancelled) {
                    return false;
                }
                cancelled = true;
                return queue.remove(this) || period != 0;
            }
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /**
     * @return {@link #ORIGIN} plus the time advanced so far: the runtime's timestamps (monitor events,
     *     snapshots) follow this clock, not the system's
     */
    @Override
    public synchronized Instant now() {
        return ORIGIN.plusNanos(now);
    }

    /** @return {@code d} in nanoseconds, or the nearest long if it does not fit */
    private static long saturatedNanos(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < MAX_SECONDS_IN_NANOS && seconds > -MAX_SECONDS_IN_NANOS) {
            return d.toNanos();
        }
        return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** @return {@code a + b} for {@code a, b >= 0}, or {@link #NEVER} if that overflows */
    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? NEVER : sum;
    }

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay must not be null");
        return add(task, Math.max(0, saturatedNanos(delay)), 0);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        Objects.requireNonNull(initialDelay, "initialDelay must not be null");
        Objects.requireNonNull(period, "period must not be null");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return add(task, Math.max(0, saturatedNanos(initialDelay)), saturatedNanos(period));
    }

    private synchronized Task add(Runnable body, long delay, long period) {
        Objects.requireNonNull(body, "task");
        Task t = new Task(body, saturatedSum(now, delay), period);
        if (!closed) {
            queue.add(t);
        }
        return t;
    }

    /**
     * Moves the clock forward, running every task that falls due on the way, at its due time.
     *
     * @param by how far; not negative; a step past the end of a {@code long} stops there
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("cannot go back in time: " + by);
        }
        long target;
        synchronized (this) {
            target = saturatedSum(now, saturatedNanos(by));
        }
        for (;;) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target || next.due == NEVER) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
                if (next.period > 0) {
                    next.due = saturatedSum(next.due, next.period);
                    queue.add(next);
                }
            }
            next.body.run();
        }
    }

    /** @return how many tasks are waiting for their time */
    public synchronized int pendingTasks() {
        return queue.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
    }
}

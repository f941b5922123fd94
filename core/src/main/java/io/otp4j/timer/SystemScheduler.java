package io.otp4j.timer;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Scheduler}: one daemon thread that ticks every {@value #TICK_MILLIS} ms while timers
 * are pending, and sleeps when none are.
 *
 * <h2>Why not a ScheduledThreadPoolExecutor</h2>
 * Every {@code ask} schedules a timeout that is almost always cancelled. In an executor, each new timeout
 * that becomes the queue's head wakes the timer thread, and each cancel takes the queue's lock: a
 * context switch per ask, which made blocking asks slower than Pekko's. Here, scheduling is a lock-free
 * offer to a JCTools MPSC queue (one shared queue, where its padding earns its bytes) that the timer
 * thread drains at its next tick; cancelling is one CAS on the timer. The thread is woken only when the
 * first timer arrives after an idle spell.
 *
 * <h2>Precision</h2>
 * A task never runs early. It runs within one tick (10 ms) of its time, later only if the timer thread
 * is starved. Fixed-rate tasks keep their rate without drift.
 *
 * <h2>Threads</h2>
 * Scheduling and cancelling from any thread; tasks run on the timer thread, one at a time, and must be
 * short. A task that throws is logged; a fixed-rate task that throws is not run again.
 */
final class SystemScheduler implements Scheduler {

    static final long TICK_MILLIS = 10;
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);

    private static final int PENDING = 0;
    private static final int CANCELLED = 1;
    private static final int DONE = 2;

    /** One scheduled task. Its state is the only field shared between threads. */
    private static final class Timer extends AtomicInteger implements Cancellable, Comparable<Timer> {
        private static final long serialVersionUID = 1L;
        final Runnable task;
        final long period; // 0: once
        long deadline; // timer thread only, once queued

        Timer(Runnable task, long deadline, long period) {
            this.task = task;
            this.deadline = deadline;
            this.period = period;
        }

        @Override
        public boolean cancel() {
            return compareAndSet(PENDING, CANCELLED);
        }

        @Override
        public int compareTo(Timer o) {
            return Long.compare(deadline, o.deadline);
        }
    }

    private final MpscUnboundedAtomicArrayQueue<Timer> arrivals = new MpscUnboundedAtomicArrayQueue<>(256);
    private final Thread thread;
    private volatile boolean sleeping; // parked with no timer pending: the next arrival must wake it
    private volatile boolean closed;

    SystemScheduler() {
        thread = new Thread(this::loop, "otp4j-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable task) {
        java.util.Objects.requireNonNull(delay, "delay must not be null");
        return add(task, Math.max(0, delay.toNanos()), 0);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        java.util.Objects.requireNonNull(initialDelay, "initialDelay must not be null");
        java.util.Objects.requireNonNull(period, "period must not be null");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return add(task, Math.max(0, initialDelay.toNanos()), period.toNanos());
    }

    private Cancellable add(Runnable task, long delay, long period) {
        Timer timer = new Timer(java.util.Objects.requireNonNull(task, "task"), System.nanoTime() + delay, period);
        if (closed) {
            timer.set(CANCELLED);
            return timer;
        }
        arrivals.offer(timer);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
        return timer;
    }

    private void loop() {
        PriorityQueue<Timer> due = new PriorityQueue<>();
        int ticksSinceSweep = 0;
        while (!closed) {
            for (Timer t; (t = arrivals.poll()) != null; ) {
                due.add(t);
            }
            long now = System.nanoTime();
            for (Timer t; (t = due.peek()) != null && t.deadline - now <= 0; ) {
                due.poll();
                if (t.get() != PENDING) {
                    continue;
                }
                if (t.period == 0 && !t.compareAndSet(PENDING, DONE)) {
                    continue; // cancelled just now
                }
                try {
                    t.task.run();
                    if (t.period > 0) {
                        t.deadline += t.period;
                        due.add(t);
                    }
                } catch (Throwable e) {
                    LOG.error("scheduled task failed", e);
                }
            }
            if (++ticksSinceSweep >= 1024) { // every ~1024 wakes, drop cancelled timeouts rather than keep them until their time
                due.removeIf(t -> t.get() != PENDING);
                ticksSinceSweep = 0;
            }
            if (due.isEmpty()) {
                sleeping = true;
                if (arrivals.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                sleeping = false;
            } else {
                long wait = Math.min(TICK, due.peek().deadline - System.nanoTime());
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}

package io.otp4j.timer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Scheduler}: a hashed hierarchical timing wheel of 1 ms ticks ({@link TimerWheel}),
 * owned by one daemon timer thread that sleeps until the next tick at which something is due.
 *
 * <h2>Why this shape</h2>
 * Every {@code ask} schedules a timeout that is almost always cancelled a few microseconds later, and an
 * actor that resets an idle timer on every message does the same. So scheduling and cancelling must be
 * cheap, must not wake a thread, and a cancelled timer must hold nothing: not its task, nor the reply the
 * task's future holds.
 * <ul>
 *   <li><b>Scheduling</b> is a lock-free offer of the timer to a JCTools MPSC queue that the timer thread
 *       drains; the thread is woken only if the new timer falls due before the tick it sleeps until, or
 *       if it sleeps because nothing was scheduled lately (see Waking).</li>
 *   <li><b>Cancelling</b> is one CAS on the timer's state, then the task is dropped at once. A timer the
 *       timer thread has not taken from the queue yet (an ask answered within the drain interval) needs
 *       nothing more: the thread drops it when it gets to it. One already in the wheel is offered to the
 *       queue again, and the thread unlinks it in O(1) at its next drain. No cancelled timer waits for
 *       its deadline or for a sweep.</li>
 *   <li><b>Firing</b> costs O(1) per timer: a timer moves down the wheel's levels at most once per level
 *       (twice for a 60 s timeout) and is due exactly at its tick.</li>
 * </ul>
 *
 * <h2>Waking</h2>
 * The timer thread publishes in {@code wakeAt} the tick it will wake at by itself. While timers are being
 * scheduled or cancelled, it drains the queue at least every {@value #DRAIN_TICKS} ms, so a queue never
 * holds more than that much traffic, and a producer wakes it only for a timer due before then. After a
 * drain that found nothing, it sleeps until its next due timer (for ever if there is none) and the next
 * timer scheduled wakes it. While awake it publishes {@code AWAKE}, and no producer wakes it.
 *
 * <h2>Precision</h2>
 * A task never runs early. It is due at the first 1 ms tick at or after its time and runs within about a
 * millisecond of it unless the machine is starved. Delays too long for a {@code long} of nanoseconds (such
 * as {@code ChronoUnit.FOREVER}) saturate: such a timer can be cancelled but never falls due. Fixed-rate
 * tasks keep their rate without drift, and catch up on runs missed while the thread was starved.
 *
 * <h2>Threads</h2>
 * Scheduling and cancelling from any thread. The runtime's own tasks ({@link RuntimeTask}: ask timeouts,
 * actor timers, supervisor waits) run on the timer thread, {@code otp4j-scheduler}. Every other task,
 * such as those users schedule through {@code ActorSystem.scheduler()}, is handed to a second daemon
 * thread, {@code otp4j-scheduler-tasks}, started on first use and ended after a minute without work.
 * User tasks run there one at a time in order of due time, so one that blocks delays only the user tasks
 * behind it, never an ask timeout or an actor timer. A task that throws is logged; a fixed-rate task
 * that throws is not run again. A fixed-rate user task is not run again before its previous run has
 * returned; runs it missed meanwhile follow at once (fixed rate catches up).
 *
 * <h2>States</h2>
 * A timer is {@code QUEUED} until the timer thread takes it from the queue, then {@code WAITING} (in the
 * wheel, or a fixed-rate user task between runs); from either, {@code CANCELLED} (by
 * {@link Cancellable#cancel()}); from {@code WAITING}, {@code DONE} (a one-shot task handed to its thread,
 * or a fixed-rate one that threw). {@code CANCELLED} and {@code DONE} are final.
 */
final class SystemScheduler implements Scheduler {

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** While timers arrive, the queue is drained at least this often, in ticks. */
    static final long DRAIN_TICKS = 10;
    /** At most this many queued timers per drain, so a flood of them cannot stop timers from firing. */
    private static final int DRAIN_LIMIT = 1 << 16;
    private static final long USER_THREAD_KEEP_ALIVE_SECONDS = 60;
    private static final long MAX_SECONDS_IN_NANOS = Long.MAX_VALUE / 1_000_000_000L;

    /** {@code wakeAt} while the timer thread is not parked: no producer needs to wake it. */
    private static final long AWAKE = Long.MIN_VALUE;
    /** {@code wakeAt} while it sleeps after a quiet spell: the next timer scheduled wakes it. */
    private static final long ANY_ARRIVAL = Long.MAX_VALUE;

    private static final int QUEUED = 0;
    private static final int WAITING = 1;
    private static final int CANCELLED = 2;
    private static final int DONE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);
    private static final VarHandle STATE;
    private static final VarHandle WAKE_AT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Timer.class, "state", int.class);
            WAKE_AT = l.findVarHandle(SystemScheduler.class, "wakeAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One scheduled task; its wheel links and deadline belong to the timer thread once it is queued. */
    private final class Timer extends TimerWheel.Entry implements Cancellable {
        volatile int state; // see States in the class comment; CAS through STATE
        /**
         * Plain: cleared by the thread that cancels the timer, right after its CAS, so that the task and
         * all it references can be collected at once. The timer thread reads it only after seeing the
         * timer WAITING; a stale read can only start a fixed-rate run that was due as it was cancelled.
         */
        Runnable task;
        final long period; // nanos; 0: once
        long due; // nanos since origin, saturated

        Timer(Runnable task, long due, long period) {
            this.task = task;
            this.period = period;
            setDue(due);
        }

        void setDue(long nanos) {
            due = nanos;
            deadline = Math.ceilDiv(nanos, TICK_NANOS);
        }

        @Override
        public boolean cancel() {
            for (;;) {
                int s = state;
                if (s == QUEUED && STATE.compareAndSet(this, QUEUED, CANCELLED)) {
                    task = null; // still in the queue: the timer thread drops it when it gets there
                    return true;
                }
                if (s == WAITING && STATE.compareAndSet(this, WAITING, CANCELLED)) {
                    task = null;
                    if (!closed) {
                        arrivals.offer(this); // the timer thread unlinks it
                    }
                    return true;
                }
                if (s == CANCELLED || s == DONE) {
                    return false;
                }
            }
        }

        /** Ends a fixed-rate timer whose task threw. */
        void stop() {
            if (STATE.compareAndSet(this, WAITING, DONE)) {
                task = null;
            }
        }
    }

    private final long origin = System.nanoTime();
    private final MpscUnboundedAtomicArrayQueue<Timer> arrivals = new MpscUnboundedAtomicArrayQueue<>(256);
    private final Thread thread;
    @SuppressWarnings("unused") // through WAKE_AT
    private volatile long wakeAt = AWAKE;
    private volatile boolean closed;
    /** Runs user tasks; created by the timer thread on first use, and shut down by it. */
    private ExecutorService userTasks;

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
        Objects.requireNonNull(delay, "delay must not be null");
        return add(task, delay, 0);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        Objects.requireNonNull(initialDelay, "initialDelay must not be null");
        Objects.requireNonNull(period, "period must not be null");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return add(task, initialDelay, saturatedNanos(period));
    }

    /** @return {@code d} in nanoseconds, or the nearest long if it does not fit */
    static long saturatedNanos(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < MAX_SECONDS_IN_NANOS && seconds > -MAX_SECONDS_IN_NANOS) {
            return d.toNanos();
        }
        return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** @return {@code a + b} for {@code a, b >= 0}, or {@link Long#MAX_VALUE} if that overflows */
    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private Cancellable add(Runnable task, Duration delay, long period) {
        Objects.requireNonNull(task, "task");
        long due = saturatedSum(System.nanoTime() - origin, Math.max(0, saturatedNanos(delay)));
        Timer timer = new Timer(task, due, period);
        if (closed) {
            timer.state = CANCELLED;
            timer.task = null;
            return timer;
        }
        submit(timer);
        return timer;
    }

    /** Queues a timer for the timer thread and wakes it if it would otherwise wake too late. */
    private void submit(Timer timer) {
        long tick = timer.deadline; // read before the offer: from then on the timer thread owns the field
        arrivals.offer(timer);
        for (long w; tick < (w = (long) WAKE_AT.getVolatile(this)); ) {
            if (WAKE_AT.compareAndSet(this, w, tick)) { // later producers compare with this tick: one wake-up
                LockSupport.unpark(thread);
                return;
            }
        }
    }

    // ------------------------------------------------------------------ the timer thread

    private long tickNow() {
        return (System.nanoTime() - origin) / TICK_NANOS;
    }

    private void loop() {
        TimerWheel wheel = new TimerWheel(0);
        try {
            while (!closed) {
                try {
                    int drained = drainArrivals(wheel);
                    wheel.advance(tickNow());
                    for (TimerWheel.Entry e; (e = wheel.pollDue()) != null && !closed; ) {
                        fire((Timer) e, wheel);
                    }
                    if (drained < DRAIN_LIMIT) {
                        park(wheel, drained > 0);
                    }
                } catch (Throwable e) { // such as an OutOfMemoryError handing off a task: timers must go on
                    LOG.error("timer thread failed; carrying on", e);
                    WAKE_AT.setVolatile(this, AWAKE);
                }
            }
        } finally {
            if (userTasks != null) {
                userTasks.shutdown(); // the tasks it still holds see closed and do not run
            }
            arrivals.clear();
        }
    }

    /** Links new timers into the wheel and unlinks cancelled ones. @return how many were queued */
    private int drainArrivals(TimerWheel wheel) {
        int n = 0;
        for (Timer t; n < DRAIN_LIMIT && (t = arrivals.poll()) != null; n++) {
            int s = t.state;
            if (TimerWheel.isLinked(t)) {
                if (s == CANCELLED) {
                    wheel.remove(t); // a cancel notice
                }
            } else if (s == QUEUED) {
                if (STATE.compareAndSet(t, QUEUED, WAITING)) { // else cancelled just now: drop it
                    wheel.add(t);
                }
            } else if (s == WAITING) {
                wheel.add(t); // a fixed-rate user task back from its run: only its runner queues it so
            }
            // else cancelled while queued, or a notice for a timer no longer linked: nothing to do
        }
        return n;
    }

    private void fire(Timer t, TimerWheel wheel) {
        if (t.period == 0) {
            if (!STATE.compareAndSet(t, WAITING, DONE)) {
                return; // cancelled just now
            }
            Runnable task = t.task;
            t.task = null;
            if (task instanceof RuntimeTask) {
                runLogged(task);
            } else {
                handOff(() -> {
                    if (!closed) {
                        runLogged(task);
                    }
                });
            }
            return;
        }
        Runnable task = t.task;
        if (t.state != WAITING || task == null) {
            return;
        }
        if (task instanceof RuntimeTask) {
            if (!runLogged(task)) {
                t.stop();
            } else if (t.state == WAITING) {
                t.setDue(saturatedSum(t.due, t.period));
                wheel.add(t); // a run already due again goes to the due list and runs in this round
            }
        } else {
            // the next run is scheduled when this one returns: runs never overlap nor pile up
            handOff(() -> {
                if (closed) {
                    return;
                }
                if (!runLogged(task)) {
                    t.stop();
                } else if (t.state == WAITING) {
                    t.setDue(saturatedSum(t.due, t.period));
                    submit(t);
                }
            });
        }
    }

    /** @return false if the task threw */
    private static boolean runLogged(Runnable task) {
        try {
            task.run();
            return true;
        } catch (Throwable e) {
            LOG.error("scheduled task failed", e);
            return false;
        }
    }

    private void handOff(Runnable run) {
        if (userTasks == null) {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, USER_THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "otp4j-scheduler-tasks");
                        t.setDaemon(true);
                        return t;
                    });
            executor.allowCoreThreadTimeOut(true); // no idle thread kept for a system that rarely uses it
            userTasks = executor;
        }
        try {
            userTasks.execute(run);
        } catch (RejectedExecutionException e) {
            // shut down: pending tasks do not run
        }
    }

    /**
     * Sleeps until the next tick at which a timer falls due or moves down the wheel, or for at most
     * {@link #DRAIN_TICKS} if timers arrived during the last spell, or until a producer wakes it.
     */
    private void park(TimerWheel wheel, boolean traffic) {
        long next = wheel.nextEventTick();
        long wake = traffic ? Math.min(next, wheel.now() + DRAIN_TICKS) : next;
        WAKE_AT.setVolatile(this, traffic ? wake : ANY_ARRIVAL);
        // a producer that queued before seeing wakeAt is seen here (Dekker: both sides write, then read)
        if (arrivals.isEmpty() && !closed) {
            if (wake == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long wakeNanos = wake >= Long.MAX_VALUE / TICK_NANOS ? Long.MAX_VALUE : wake * TICK_NANOS;
                long nanos = wakeNanos - (System.nanoTime() - origin);
                if (nanos > 0) {
                    LockSupport.parkNanos(this, nanos);
                }
            }
        }
        WAKE_AT.setVolatile(this, AWAKE);
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}

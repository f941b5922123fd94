package io.otp4j.internal;

import io.otp4j.dispatch.ActorRunner;
import io.otp4j.dispatch.Dispatcher;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default dispatcher: a fixed set of platform threads that take runnable actors from one shared FIFO
 * run queue, hand actors to each other directly, and are watched by a sentinel thread so that no actor is
 * held hostage by a thread that blocks. Internal; create it with {@link Dispatcher#workStealing(String, int)}.
 *
 * <h2>Threads</h2>
 * {@code parallelism} workers, started with the dispatcher, plus spares started by the sentinel while
 * workers are stuck (see Liveness), plus the sentinel itself. {@link #execute} may be called from any
 * thread; everything else named "worker only" runs on the worker that owns the field.
 *
 * <h2>Where a runnable actor waits</h2>
 * <ul>
 *   <li><b>The run queue</b>: one lock-free FIFO queue ({@code RunQueue}) shared by all workers. Every actor made runnable
 *   from outside the pool (a plain thread, a virtual thread, a timer, a future's callback) goes to its
 *   tail, and so does an actor that used up its batch and reschedules itself: it goes behind everything
 *   that was waiting, so an actor that keeps itself busy cannot starve the others.</li>
 *   <li><b>The hand-off slot</b>: when an actor running on a worker makes another actor runnable (typically
 *   by telling it), the second actor goes into the worker's one-actor slot and runs on the same thread as
 *   soon as the current run returns. A request and its reply then cost no queue operation, no wake-up and
 *   no cache transfer between cores. Only the newest actor waits in the slot; an older one is moved to the
 *   worker's own queue. After {@value #MAX_STREAK} hand-offs in a row, the next one goes to the run queue if
 *   anything is waiting. A run that goes on to another message first moves its slot to its own queue
 *   ({@link #runContinues}), where idle workers steal it, so a hand-off delays an actor by one message at
 *   most.</li>
 *   <li><b>The worker's own queue</b> ({@code LocalRunQueue}): the other actors its runs made runnable (the
 *   children a run spawns, say). The owner takes the newest first, while they are in its cache, so a tree
 *   of actors that spawn actors is walked depth first (a path's worth runnable at once, not a whole level);
 *   searching workers steal the oldest. Every {@value #FAIR_EVERY}th run a worker looks at the run queue
 *   first, then at its own oldest entry, so neither waits for ever behind its newest work.</li>
 * </ul>
 *
 * <h2>Liveness</h2>
 * The sentinel wakes every {@value #SENTINEL_TICK_MICROS} µs while any worker is awake, and sleeps when
 * all are idle. At each tick it looks at each worker:
 * <ul>
 *   <li>a worker whose slot holds the same actor as at the previous tick, and which has not begun a new
 *   run since, is busy with one long run (it computes, blocks, sleeps, waits for IO): the sentinel takes
 *   the actor out of the slot, and every entry out of its own queue, and puts them on the run queue, where
 *   any idle worker takes them. An actor in a slot or an own queue therefore waits at most two ticks longer
 *   than its place in the run queue would make it;</li>
 *   <li>if actors wait in the run queue or an own queue and some worker sleeps, it wakes one;</li>
 *   <li>if actors wait in the run queue, no worker is idle, and some worker has been in the same run for
 *   {@value #STUCK_TICKS} ticks or more while its thread waits (a join, a sleep, a lock), or for
 *   {@value #RUNNABLE_STUCK_TICKS} ticks while runnable (a long computation, blocking IO, or a machine
 *   short of cores, where more threads would not help), the sentinel starts a spare worker, as long as
 *   fewer workers than the pool's parallelism are free of such runs (at most one per tick, at most
 *   {@value #MAX_SPARES} in all): spares stand in for stuck workers, one each. A worker counts as stuck only
 *   inside a run: one just woken from its park shows as waiting until it gets a core. A spare that finds nothing to do for
 *   {@value #SPARE_IDLE_MILLIS} ms ends, and so does one that is no longer needed (more workers than the
 *   parallelism are free of stuck runs) at the end of its current run: a spare kept busy would otherwise stay
 *   for good. A tick counts once however late it comes (a GC pause, a
 *   descheduled sentinel), and a thread stopped for a pause is runnable, not waiting, so a pause alone
 *   starts no spare. This is how blocking in {@code receive} (a join, a sleep,
 *   IO, {@code managedBlock}) costs latency and threads but never stops the other actors.</li>
 * </ul>
 *
 * <h2>Fairness</h2>
 * Every actor made runnable is in a slot (it runs next on that worker, or at most two sentinel ticks later
 * on another), in a worker's own queue (stolen by an idle worker, taken oldest-first by its owner every
 * {@value #FAIR_EVERY}th run, or moved to the run queue within two ticks if its owner stays in one run), or
 * in the FIFO run queue, where it waits at most for the actors ahead of it, each running one batch
 * ({@code throughput} messages), shared among the workers, each of which looks there at least every
 * {@value #FAIR_EVERY}th run. Work from outside the pool (spawns, tells, asks, timers, stops) is never behind
 * an actor that keeps rescheduling itself: that one goes to the run queue's tail. A run that nothing else
 * waits for (this worker's slot and own queue and the run queue are empty) may instead go on with its next
 * batch ({@link #continuesBatch}), or, while a worker sleeps, wait a moment for its next message
 * ({@link #mayLinger}); the first entry to arrive ends it.
 *
 * <h2>Parking</h2>
 * A worker with nothing to do looks at the run queue for a few microseconds, then parks. After a few
 * polls it yields its core between polls: when there are as many busy threads as cores, the thread that
 * would give it work (an outside sender, say) may be waiting for that core, and a worker that spins would
 * take it (measured: a plain thread telling 60 actors got a quarter of a core and sent at a third of the
 * speed). Before parking
 * it publishes its state (a volatile write) and looks at the run queue again; a producer offers to the
 * queue and then reads the number of parked workers. These are sequentially consistent accesses, so at
 * least one side sees the other. A producer wakes a worker only when every worker sleeps and none is
 * searching: so work never waits while all sleep, and a producer pays for a wake-up only after an idle
 * spell. While some worker is awake, a worker that takes a run and sees more waiting wakes the next one
 * ({@code propagate}), and the sentinel wakes a sleeper if work waits while the awake workers stay in
 * their runs: queued work waits at most one tick for a thread.
 */
final class WorkStealingDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkStealingDispatcher.class);

    static final int MAX_STREAK = 64;
    static final long SENTINEL_TICK_MICROS = 1000;
    static final int STUCK_TICKS = 2;
    static final int RUNNABLE_STUCK_TICKS = 100;
    static final int MAX_SPARES = 256;
    static final long SPARE_IDLE_MILLIS = 2000;
    /** How long an idle worker looks for work before it parks: parking and waking cost far more. */
    private static final long SPIN_NANOS = 10_000;
    /** Polls of the run queue with a spin hint before the search yields the core between polls. */
    private static final int SPINS_BEFORE_YIELD = 64;
    static final int MAX_HELP_DEPTH = 4;
    /** Every this many runs, a worker looks at the shared queue and its own oldest entry first. */
    static final int FAIR_EVERY = 32;
    /**
     * How many entries a worker takes in one call of {@code Worker.work} before the call returns and the
     * next one begins: see {@code Worker.loop}.
     */
    static final int ENTRIES_PER_CALL = 1024;
    private static final long IDLE_SENTINEL_MILLIS = 100;

    private static final int ACTIVE = 0;
    private static final int PARKED = 1;

    private static final VarHandle SLOT;
    private static final VarHandle STATE;
    private static final VarHandle RUNS;
    private static final VarHandle IN_RUN;
    private static final VarHandle RUNNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SLOT = l.findVarHandle(Worker.class, "slot", Object.class);
            STATE = l.findVarHandle(Worker.class, "state", int.class);
            RUNS = l.findVarHandle(Worker.class, "runs", long.class);
            IN_RUN = l.findVarHandle(Worker.class, "inRun", int.class);
            RUNNER = l.findVarHandle(WorkStealingDispatcher.class, "runner", ActorRunner.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final int parallelism;
    private final int maxSpares;
    private final RunQueue runQueue = new RunQueue();
    /** Workers that announced they park, and have not been woken yet. */
    private final AtomicInteger parked = new AtomicInteger();
    /** Workers looking for work without parking: a producer need not wake anyone while one is. */
    private final AtomicInteger searching = new AtomicInteger();
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private final Object workersLock = new Object();
    /** Copy-on-write under {@link #workersLock}; read by anyone. */
    private volatile Worker[] workers;
    private final Thread sentinel;
    private volatile boolean sentinelParked;
    private volatile boolean closed;
    /**
     * What runs the actor handles in this pool's queues: the runner of the first {@link #schedule}, the
     * runtime's (every system shares one). A scheduling with another runner is queued as a {@link Task}.
     */
    private volatile ActorRunner<Object> runner;

    /**
     * An entry that is not an actor handle: a task handed to {@link #execute}, or an actor of another runner.
     * Actor handles, the common entries, are queued as they are, with no wrapper.
     */
    private record Task(Runnable task) {}

    /** A pool thread with a one-actor hand-off slot. */
    final class Worker extends Thread {
        /** The handed-off actor: the owner puts and takes it; the sentinel may take it (CAS). */
        @SuppressWarnings("unused") // accessed through SLOT
        private volatile Object slot;
        @SuppressWarnings("unused") // accessed through STATE
        private volatile int state = ACTIVE;
        /** Runs begun so far: written by the owner, read by the sentinel (opaque: a count, not a fence). */
        @SuppressWarnings("unused") // accessed through RUNS
        private long runs;
        /**
         * Runs this thread is inside now (more than one when runs nest): written by the owner, read by the
         * sentinel (opaque). A worker woken from its park is ACTIVE before its thread is scheduled, and its
         * thread still shows as waiting until then: only a worker inside a run can be stuck in it.
         */
        @SuppressWarnings("unused") // accessed through IN_RUN
        private int inRun;
        /** Sentinel only: what it saw at its previous tick. */
        private long seenRuns;
        private Object seenSlot;
        private int stuckTicks;

        final boolean spare;
        /**
         * A spare no longer needed (more workers than the parallelism are free of stuck runs): set by the
         * sentinel, it ends at its next run boundary, and its runs no longer continue or linger.
         */
        private volatile boolean surplus;
        /** Actors this worker made runnable: the owner takes the newest, other threads steal the oldest. */
        final LocalRunQueue local = new LocalRunQueue();
        private Object current; // owner only: the actor whose run is on this thread
        private int ticks; // owner only: runs taken, for the periodic fair look (see next)
        private int streak; // owner only: hand-offs in a row
        private int helpDepth; // owner only: runs nested in a blocked send, see runWhileWaiting

        Worker(boolean spare) {
            this.spare = spare;
            setName(name + "-worker-" + threadNumbers.incrementAndGet());
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                loop();
            } finally {
                retire(this);
            }
        }

        /**
         * The worker's life: calls of {@link #work}, each a bounded loop, so that each call enters the
         * method's newest compiled code. With one loop for the thread's life, which the JIT can only replace
         * on the stack, one JVM in five of the {@code pairs} benchmark had a worker about eight times slower
         * per hop than the other for the JVM's life (ninety per cent of the hops on one worker), while
         * {@code -XX:+PrintCompilation} showed the loop's compiled versions replaced with workers inside
         * them: most likely a worker left in an obsolete version. With bounded calls, ten JVMs of ten were
         * balanced.
         */
        private void loop() {
            while (work()) {
                // the next call enters the newest compiled version of work
            }
        }

        /** @return false if this worker should end (closed, no longer needed, or a spare idle too long) */
        private boolean work() {
            for (int taken = 0; taken < ENTRIES_PER_CALL; taken++) {
                if (closed || surplus) {
                    return false;
                }
                Object task = next();
                if (task == null) {
                    task = search();
                    if (task == null) {
                        return park(); // false: a spare with nothing to do, or closed
                    }
                }
                runTask(task);
            }
            return true;
        }

        /** @return the actor to run next on this worker, or null if none waits */
        private Object next() {
            // the sentinel may take the slot at any time: only an atomic exchange makes it ours
            Object handed = SLOT.getOpaque(this) == null ? null : SLOT.getAndSet(this, null);
            if (handed != null) {
                if (++streak <= MAX_STREAK) {
                    return handed;
                }
                streak = 0;
                if (runQueue.isEmpty() && local.isEmpty()) {
                    return handed; // nothing to be fair to
                }
                runQueue.offer(handed); // behind those that wait
            } else {
                streak = 0;
            }
            Object task;
            if (++ticks % FAIR_EVERY == 0) {
                // now and then, what waits longest goes first: the shared queue, then this worker's own
                // oldest entry, so a worker busy with the newest work of its own never starves either
                if ((task = runQueue.poll()) != null) {
                    propagate();
                    return task;
                }
                if ((task = local.steal()) != null) {
                    return task;
                }
            }
            if ((task = local.pop()) != null) {
                return task;
            }
            if ((task = runQueue.poll()) != null) {
                propagate();
            }
            return task;
        }

        /** Spins a little on the run queue before parking; returns what it found. */
        private Object search() {
            searching.incrementAndGet();
            Object task = null;
            long until = System.nanoTime() + SPIN_NANOS;
            for (int i = 0; !closed; i++) {
                if ((task = runQueue.poll()) != null || (task = stealFromOthers()) != null) {
                    break;
                }
                if ((i & 63) == 63 && System.nanoTime() - until > 0) {
                    break;
                }
                if (i < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    // the thread that produces our work may be waiting for this very core: on a
                    // machine with as many busy threads as cores, spinning would starve it
                    Thread.yield();
                }
            }
            if (searching.decrementAndGet() == 0 && task != null && workWaits()) {
                wakeOne(); // the last searcher found work: more may be waiting
            }
            return task;
        }

        /** Takes the oldest entry of another worker's own queue, if any. */
        private Object stealFromOthers() {
            Worker[] ws = workers;
            int n = ws.length;
            int start = (int) (ticks & Integer.MAX_VALUE) % n;
            for (int k = 0; k < n; k++) {
                Worker victim = ws[(start + k) % n];
                if (victim != this) {
                    Object task = victim.local.steal();
                    if (task != null) {
                        return task;
                    }
                }
            }
            return null;
        }

        /** @return false if this worker should end */
        private boolean park() {
            parked.incrementAndGet();
            STATE.setVolatile(this, PARKED);
            // full fence above; re-check after publishing, so a producer that missed us is seen here
            if (workWaits() || closed) {
                if (STATE.compareAndSet(this, PARKED, ACTIVE)) {
                    parked.decrementAndGet();
                }
                return !closed;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPARE_IDLE_MILLIS);
            while ((int) STATE.getVolatile(this) == PARKED && !closed) {
                if (spare) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || surplus) {
                        if (STATE.compareAndSet(this, PARKED, ACTIVE)) {
                            parked.decrementAndGet();
                            return false; // idle for long, or no longer needed: retire
                        }
                        break; // woken just now: go and work
                    }
                    LockSupport.parkNanos(this, left);
                } else {
                    LockSupport.park(this);
                }
            }
            return !closed;
        }

        /**
         * Runs an entry: a task, or an actor through the runner, which skips a stale entry (its scheduling was
         * served another way, see {@link #runWhileWaiting}).
         *
         * @return false if the entry was a stale actor handle
         */
        boolean runTask(Object entry) {
            RUNS.setOpaque(this, (long) RUNS.getOpaque(this) + 1);
            IN_RUN.setOpaque(this, (int) IN_RUN.getOpaque(this) + 1);
            try {
                if (entry instanceof Task t) {
                    try {
                        t.task().run();
                    } catch (Throwable e) {
                        LOG.error("task failed on dispatcher thread {}", getName(), e);
                    }
                    return true;
                }
                Object outer = current;
                current = entry;
                try {
                    return runner.run(entry);
                } catch (Throwable t) { // the runner guards its own run; this is the last line
                    LOG.error("uncaught exception on dispatcher thread {}", getName(), t);
                    return true;
                } finally {
                    current = outer;
                }
            } finally {
                IN_RUN.setOpaque(this, (int) IN_RUN.getOpaque(this) - 1);
            }
        }

        /** Owner only: the previous occupant goes to the run queue. */
        void handOff(Object task) {
            if (SLOT.getOpaque(this) == null) {
                // only the owner fills the slot, so it stays empty until this store: no exchange needed
                SLOT.setRelease(this, task);
                return;
            }
            Object older = SLOT.getAndSet(this, task);
            if (older != null) {
                pushLocal(older);
            }
        }

        /** Owner only: moves the slot's actor to this worker's own queue, where another worker can steal it. */
        void releaseSlot() {
            if (SLOT.getOpaque(this) != null) {
                Object waiting = SLOT.getAndSet(this, null);
                if (waiting != null) {
                    pushLocal(waiting);
                }
            }
        }

        /**
         * Owner only: queues an actor this worker made runnable on its own queue (the shared one if full),
         * and wakes a sleeping worker to steal it if none is looking for work. A wake-up missed here (the
         * push is not a full fence) costs parallelism, not liveness: the owner takes the entry itself when
         * its run returns, and the sentinel wakes a sleeper while entries wait.
         */
        void pushLocal(Object task) {
            if (!local.push(task)) {
                runQueue.offer(task);
            }
            if (parked.get() > 0 && searching.get() == 0) {
                wakeOne();
            }
        }

        WorkStealingDispatcher pool() {
            return WorkStealingDispatcher.this;
        }
    }

    /**
     * @param name a prefix for thread names
     * @param parallelism the number of threads; at least 1
     */
    public WorkStealingDispatcher(String name, int parallelism) {
        this(name, parallelism, MAX_SPARES);
    }

    /**
     * @param name a prefix for thread names
     * @param parallelism the number of threads; at least 1
     * @param maxSpares the most spare workers alive at once (tests that must see the run queue hold an entry
     *     while every worker is stuck pass 0)
     */
    WorkStealingDispatcher(String name, int parallelism, int maxSpares) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.name = name;
        this.parallelism = parallelism;
        this.maxSpares = maxSpares;
        Worker[] initial = new Worker[parallelism];
        for (int i = 0; i < parallelism; i++) {
            initial[i] = new Worker(false);
        }
        workers = initial;
        sentinel = new Thread(this::watch, name + "-sentinel");
        sentinel.setDaemon(true);
        for (Worker w : initial) {
            w.start();
        }
        sentinel.start();
    }

    /** @return the name of this pool's worker with that {@linkplain Thread#threadId id}, or null if none */
    String workerName(long threadId) {
        for (Worker w : workers) {
            if (w.threadId() == threadId) {
                return w.getName();
            }
        }
        return null;
    }

    /** @return the actor whose run is on the current thread, or null off this kind of dispatcher's threads */
    static ActorCell<?> currentCell() {
        return Thread.currentThread() instanceof Worker w && w.current instanceof ActorCell<?> cell ? cell : null;
    }

    /**
     * Whether the run of {@code cell}, which used up its batch, may go on with another batch on this thread,
     * as it would after being rescheduled through the run queue: only on a worker of this kind of pool that
     * runs the cell itself (not nested in a blocked send's wait), and only while nothing else waits for it:
     * its slot and own queue are empty, and so is the run queue. The new batch counts as a new run for the
     * sentinel, which therefore does not take a busy actor fed from outside for one stuck in a long run.
     */
    static boolean continuesBatch(ActorCell<?> cell) {
        Worker w = freeFor(cell);
        if (w == null) {
            return false;
        }
        RUNS.setOpaque(w, (long) RUNS.getOpaque(w) + 1);
        return true;
    }

    /**
     * Whether the run of {@code cell}, whose mailbox ran dry, may spin a moment on this thread for its next
     * message ({@code ActorCell.runMessages}): where it {@link #continuesBatch could go on with a batch},
     * and only while some worker of the pool sleeps. With a thread per core, a sleeping worker leaves a
     * core to the thread that sends the message waited for; when every worker is awake the spin would take
     * that core from it (the fjt workload, a plain thread telling 60 actors, was slower in each of three
     * alternating rounds with a spin that ignored this). An idle pool's workers still park: the spin is
     * bounded, then the worker searches and parks as usual.
     */
    static boolean mayLinger(ActorCell<?> cell) {
        Worker w = freeFor(cell);
        return w != null && w.pool().parked.get() > 0;
    }

    /** @return true on a thread of a pool of this kind: a send from it to an idle actor schedules it from inside */
    static boolean onWorker() {
        return Thread.currentThread() instanceof Worker;
    }

    /**
     * Whether the run of {@code cell}, scheduled from outside the pool ({@link Mailbox#SCHEDULED_FROM_OUTSIDE}),
     * which handled messages, should keep the actor scheduled, at the run queue's tail, instead of making it
     * idle: only on a worker that runs the cell itself, and only while other actors wait on the run queue, so
     * that its next look comes after theirs. A sender that finds the actor scheduled only queues its message.
     * With many actors fed by a thread outside the pool, each drained a little faster than it is fed, every
     * send otherwise finds its actor idle and pays for a compare-and-set on the actor's status and a place on
     * the run queue, and a worker for taking it from there, once per message: the fork-join throughput
     * benchmark (a plain thread telling 60 actors) ran at a third of its speed in that state, which keeps
     * itself, since the cheaper runs drain the actors sooner. The next run that finds nothing makes the actor
     * idle: an actor that stops getting messages costs one empty run more. Actors fed by other actors are
     * not kept: a send from a worker hands its idle receiver to the sender's slot, which a kept actor would
     * bypass (two actors playing ping-pong ran at two thirds of their speed).
     */
    static boolean keepsScheduled(ActorCell<?> cell) {
        Worker w = runningItself(cell);
        return w != null && !w.pool().closed && !w.pool().runQueue.isEmpty();
    }

    /**
     * @return the current thread if it is a worker that runs {@code cell} itself (not nested in a blocked
     *     send's wait) and stays in the pool (not a surplus spare), else null
     */
    private static Worker runningItself(ActorCell<?> cell) {
        return Thread.currentThread() instanceof Worker w && w.current == cell && w.helpDepth == 0 && !w.surplus
                ? w : null;
    }

    /** @return the current worker if it runs {@code cell} itself and nothing else waits for it, else null */
    private static Worker freeFor(ActorCell<?> cell) {
        Worker w = runningItself(cell);
        if (w == null) {
            return null;
        }
        WorkStealingDispatcher pool = w.pool();
        boolean free = !pool.closed && SLOT.getOpaque(w) == null && w.local.isEmpty() && pool.runQueue.isEmpty();
        return free ? w : null;
    }

    /**
     * Moves the current worker's handed-off actor (if any) to the run queue, where idle workers can take
     * it: called before the current run does more work or blocks, so that the hand-off never delays an
     * actor by more than the one message being handled.
     */
    static void releaseHandoff() {
        if (Thread.currentThread() instanceof Worker w) {
            w.releaseSlot();
        }
    }

    /**
     * Moves the calling worker's handed-off actor (if any) to its own queue, where idle workers can steal it:
     * the run on this thread goes on, so the hand-off never delays an actor by more than the one message
     * being handled.
     */
    @Override
    public void runContinues() {
        if (Thread.currentThread() instanceof Worker w && w.pool() == this) {
            w.releaseSlot();
        }
    }

    /**
     * Lets a worker whose actor waits for space in {@code actor}'s full mailbox run {@code actor} itself,
     * nested in the waiting run, if {@code actor} waits for a thread of this pool (it is scheduled and not
     * running: this thread wins its claim): the actor that would make space is then never starved of a thread
     * by the senders it would unblock, however many of them hold the pool's threads. Nesting is at most
     * {@value #MAX_HELP_DEPTH} deep.
     */
    @Override
    public <A> boolean runWhileWaiting(A actor, ActorRunner<A> actorRunner) {
        if (!(Thread.currentThread() instanceof Worker w) || w.pool() != this || w.helpDepth >= MAX_HELP_DEPTH
                || actor == w.current || actorRunner != runner) {
            return false;
        }
        // a won claim makes this run the one for the actor's scheduling: its entry in the run queue or a
        // slot, if any, is now stale, and whoever takes it skips it
        w.helpDepth++;
        try {
            return w.runTask(actor);
        } finally {
            w.helpDepth--;
            w.releaseSlot(); // whatever the nested run handed off must not wait behind the blocked sender
        }
    }

    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("dispatcher " + name + " is closed");
        }
        enqueue(new Task(task));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> void schedule(A actor, ActorRunner<A> actorRunner) {
        if (closed) {
            throw new RejectedExecutionException("dispatcher " + name + " is closed");
        }
        ActorRunner<Object> ours = runner;
        if (ours != actorRunner) {
            if (ours != null || !RUNNER.compareAndSet(this, null, actorRunner)) {
                enqueue(new Task(() -> actorRunner.run(actor))); // another runtime's actor: rare, wrapped
                return;
            }
        }
        if (Thread.currentThread() instanceof Worker w && w.pool() == this) {
            Object current = w.current;
            if (current != null && actor != current) {
                w.handOff(actor);
                return;
            }
            // an actor rescheduling itself (its batch is used up) goes behind the others: fairness
        }
        enqueue(actor);
    }

    private void enqueue(Object task) {
        runQueue.offer(task); // a full fence: the reads below cannot move before it
        if (closed) {
            refuseWaiting(); // raced with close (or a worker leaving after it): nobody would take it
            return;
        }
        // only when every worker sleeps: a worker that is awake takes this once its run returns, and if
        // work piles up it wakes the next one itself (see propagate), so a producer pays for a wake-up only
        // after an idle spell, not for every message it sends
        if (parked.get() >= workers.length && searching.get() == 0) {
            wakeOne();
        }
    }

    /**
     * Called by a worker that took a run from the queue: if more work waits and nobody looks for it,
     * another worker is woken. Wake-ups thus spread along with the work instead of costing every producer.
     */
    private void propagate() {
        if (parked.get() > 0 && searching.get() == 0 && !runQueue.isEmpty()) {
            wakeOne();
        }
    }

    private void wakeOne() {
        for (Worker w : workers) {
            // a surplus spare would leave instead of taking the work it was woken for
            if (!w.surplus && (int) STATE.getVolatile(w) == PARKED && STATE.compareAndSet(w, PARKED, ACTIVE)) {
                parked.decrementAndGet();
                LockSupport.unpark(w);
                break;
            }
        }
        if (sentinelParked) {
            LockSupport.unpark(sentinel);
        }
    }

    /** The sentinel's loop: see the class comment. */
    private void watch() {
        long tick = TimeUnit.MICROSECONDS.toNanos(SENTINEL_TICK_MICROS);
        while (!closed) {
            Worker[] ws = workers;
            if (parked.get() >= ws.length && runQueue.isEmpty()) {
                sentinelParked = true;
                if (parked.get() >= workers.length && runQueue.isEmpty() && !closed) {
                    // timed: a worker that re-activates itself without a wake-up is seen within this
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(IDLE_SENTINEL_MILLIS));
                }
                sentinelParked = false;
                continue;
            }
            LockSupport.parkNanos(this, tick);
            inspect(workers);
        }
    }

    private void inspect(Worker[] ws) {
        int free = 0; // workers neither stuck in a run nor leaving as surplus
        Worker leaving = null; // a spare on its way out as surplus, kept if it is needed again
        Worker unneeded = null; // a free spare
        for (Worker w : ws) {
            long runs = (long) RUNS.getOpaque(w);
            Object inSlot = SLOT.getVolatile(w);
            boolean sameRun = runs == w.seenRuns && (int) STATE.getVolatile(w) == ACTIVE;
            if (inSlot != null && inSlot == w.seenSlot && sameRun && SLOT.compareAndSet(w, inSlot, null)) {
                enqueue(inSlot); // held by a long run: let another worker have it
                inSlot = null;
            }
            if (sameRun) {
                // the same for its own queue: what it made runnable must not wait for the long run's end
                for (Object r; (r = w.local.steal()) != null; ) {
                    enqueue(r);
                }
            }
            w.stuckTicks = sameRun ? w.stuckTicks + 1 : 0;
            boolean stuck = false;
            if (w.stuckTicks >= STUCK_TICKS) {
                // a thread that waits (a join, a sleep, a lock, managedBlock) is blocked for sure; one that
                // is runnable may be computing, doing IO, or only waiting for a core on a busy machine,
                // where more threads would make things worse: it counts only after a much longer run
                // (a worker just woken from its park is ACTIVE, but its thread shows as waiting until it
                // gets a core, which on a busy machine can take ticks: it counts only once inside a run, or
                // each slow wake-up would start a spare, which slows the next wake-ups: dozens of spares)
                Thread.State state = w.getState();
                boolean inRun = (int) IN_RUN.getOpaque(w) > 0;
                stuck = inRun && (state != Thread.State.RUNNABLE || w.stuckTicks >= RUNNABLE_STUCK_TICKS);
            }
            if (w.surplus) {
                leaving = w;
            } else if (!stuck) {
                free++;
                if (w.spare) {
                    unneeded = w;
                }
            }
            w.seenRuns = runs;
            w.seenSlot = inSlot;
        }
        if (free > parallelism && unneeded != null) {
            // the run it stood in for has ended: a spare kept busy would stay for good (a pool of two with a
            // spare started for a class's first use ran the fork-join benchmark on three threads), and more
            // threads than the parallelism only share the same cores
            unneeded.surplus = true;
            LockSupport.unpark(unneeded); // if it sleeps, it leaves now
        }
        if (searching.get() == 0 && workWaits()) {
            if (parked.get() > 0) {
                wakeOne(); // work waits while the awake workers are all in runs: a sleeper takes it
            } else if (free < parallelism && !runQueue.isEmpty()) {
                // spares make up for the stuck workers, no more: with as many free workers as the pool's
                // parallelism, more threads would only share the same cores (one long run on a busy machine
                // used to add a spare at every tick while all were busy: dozens of threads for one run)
                if (leaving != null) {
                    leaving.surplus = false; // needed again: if it has not left yet, it stays
                } else {
                    startSpare();
                }
            }
        }
    }

    private void startSpare() {
        synchronized (workersLock) {
            Worker[] ws = workers;
            if (closed || ws.length >= parallelism + maxSpares) {
                return;
            }
            Worker spare = new Worker(true);
            Worker[] grown = Arrays.copyOf(ws, ws.length + 1);
            grown[ws.length] = spare;
            workers = grown;
            spare.start();
        }
    }

    private void retire(Worker w) {
        synchronized (workersLock) {
            Worker[] ws = workers;
            List<Worker> kept = new ArrayList<>(ws.length);
            for (Worker o : ws) {
                if (o != w) {
                    kept.add(o);
                }
            }
            workers = kept.toArray(new Worker[0]);
        }
        List<Object> left = new ArrayList<>();
        Object inSlot = SLOT.getAndSet(w, null);
        if (inSlot != null) {
            left.add(inSlot);
        }
        for (Object r; (r = w.local.steal()) != null; ) {
            left.add(r);
        }
        for (Object r : left) {
            if (!closed) {
                enqueue(r);
            } else {
                refuse(r); // queued after shutdownNow collected the waiting runs: nobody will take it
            }
        }
    }

    /** @return true if some actor waits in the shared queue or in a worker's own queue */
    private boolean workWaits() {
        if (!runQueue.isEmpty()) {
            return true;
        }
        for (Worker w : workers) {
            if (!w.local.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops taking work and ends the threads once their current runs return. Actors still waiting in the
     * run queue or in a slot are returned, not run: the caller decides what happens to their mailboxes.
     *
     * @return the entries that were waiting: actor handles ({@link ActorCell}s, with the runtime's runner) and
     *     tasks, which are dropped
     */
    List<Object> shutdownNow() {
        closed = true;
        List<Object> waiting = new ArrayList<>();
        for (Worker w : workers) {
            Object r = SLOT.getAndSet(w, null);
            if (r != null) {
                waiting.add(r);
            }
            while ((r = w.local.steal()) != null) {
                waiting.add(r);
            }
            LockSupport.unpark(w);
        }
        for (Object r; (r = runQueue.poll()) != null; ) {
            waiting.add(r);
        }
        LockSupport.unpark(sentinel);
        return waiting;
    }

    /**
     * Stops taking work, as {@link #shutdownNow()}, and refuses the runs that were waiting: an actor whose
     * run was accepted but never started would otherwise stay scheduled for ever, its mailbox never read.
     * Each such actor is told its dispatcher refused it, as {@link #execute} refuses once closed (it
     * terminates with the refusal as its exit reason, running none of its code on the closing thread). So is
     * a run that reaches the queue or a worker after this, racing with it.
     */
    @Override
    public void close() {
        for (Object waiting : shutdownNow()) {
            refuse(waiting);
        }
    }

    /** Closed: refuses whatever is in the run queue now. */
    private void refuseWaiting() {
        for (Object r; (r = runQueue.poll()) != null; ) {
            refuse(r);
        }
    }

    /**
     * A run left waiting in the closed pool: the cell is told its dispatcher refused it, which ends it (or,
     * once its system is closed, drains it). A stale entry (the scheduling was served another way) is not
     * claimed; nor is a run that a worker not yet aware of the close takes first: it runs, as a run already
     * started does.
     */
    private void refuse(Object waiting) {
        if (!(waiting instanceof Task)) {
            runner.reject(waiting, new RejectedExecutionException("dispatcher " + name + " was closed before running it"));
        }
    }

    @Override
    public String toString() {
        return "WorkStealingDispatcher[" + name + ", " + workers.length + " threads]";
    }
}

package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.InvalidActorNameException;
import io.otp4j.actor.SystemTerminatedException;
import io.otp4j.dispatch.ActorRunner;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.internal.RuntimeAccess.ChildListener;
import io.otp4j.mailbox.MailboxConfig;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Supplier;

/**
 * A live actor: the run that feeds its mailbox's signals and messages to the actor. The sending side
 * (queues, scheduling, overflow) is its superclass {@link Mailbox}, the actor's {@link io.otp4j.actor.ActorContext}
 * the class between them ({@link ContextImpl}); all three are one object, the {@link ActorRef} users hold and
 * the context the actor is handed. The rest of the actor's life works on this object's fields from stateless classes beside it:
 * {@link SignalHandling} (the system channel), {@link Incarnations} (instances, failures, restarts),
 * {@link CellShutdown} (stopping, with the children), all moving along the one transition table of
 * {@link Lifecycle}. Internal.
 *
 * <h2>Memory</h2>
 * An idle actor is this object, its mailbox's queue and its instance, so every field here is paid a
 * million times by a million actors. What an actor that never spawned, linked, watched, timed or stopped
 * does not use (its children, relations, timers, path, a supervisor's listener) lives in one
 * {@link CellExtras}, created on first use; its parent knows it through {@link #nextSibling}
 * ({@link Children}), not a map entry.
 *
 * <h2>Threads</h2>
 * What {@link Mailbox} does runs on any thread. Everything else runs inside a run ({@link #RUNNER}), which
 * the scheduling states guarantee is never entered by two threads at once; fields marked "run only" need no
 * synchronisation because each run happens-after the previous one (the status CAS that schedules a run
 * follows the release that ended the last).
 *
 * <h2>Lifecycle</h2>
 * See {@link Lifecycle}. Only RUNNING handles user messages; the others leave them queued. TERMINATED drains
 * them to dead letters, and its system channel is closed, so a signal sent later is answered on the sender's
 * thread (a watch of a dead actor is notified at once, with {@code noproc}, as an Erlang monitor is).
 *
 * @param <M> the actor's message type
 */
final class ActorCell<M> extends ContextImpl<M> {

    /**
     * How many times a run whose mailbox ran dry looks for the next message before it goes idle: each look
     * follows a spin hint (tens of nanoseconds), so the whole wait stays well under a microsecond.
     */
    static final int LINGER_POLLS = 32;

    /** What {@link #processMessages} returns when the run must end: the system closed, or the actor left RUNNING. */
    private static final int STOPPED = -1;

    /** The cell running on this thread, for threads that are not pool workers (virtual, calling-thread). */
    private static final ThreadLocal<ActorCell<?>> RUNNING_HERE = new ThreadLocal<>();

    /**
     * How every dispatcher runs a cell: the cell is the handle it keeps, and only this runner, which
     * dispatchers get and users do not, runs it. A run first claims the scheduling ({@link #claim}), so a
     * handle kept in two places (a stale queue entry, a blocked sender that ran the cell itself) runs once.
     */
    static final ActorRunner<ActorCell<?>> RUNNER = new ActorRunner<>() {
        @Override
        public boolean run(ActorCell<?> cell) {
            int scheduled = cell.claim();
            if (scheduled == NOT_CLAIMED) {
                return false;
            }
            cell.runClaimed(scheduled == SCHEDULED_FROM_OUTSIDE);
            return true;
        }

        @Override
        public void reject(ActorCell<?> cell, RuntimeException cause) {
            if (cell.claim() != NOT_CLAIMED) {
                cell.refused(cause);
            }
        }
    };

    private static final VarHandle EXTRAS;

    static {
        try {
            EXTRAS = MethodHandles.lookup().findVarHandle(ActorCell.class, "extras", CellExtras.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ActorCell<?> parent; // null for the guardian
    private final String name; // null: anonymous, named after the id
    final long id;
    final Supplier<? extends Actor<M>> factory;

    // run only
    Actor<M> actor;
    Lifecycle lifecycle = Lifecycle.NEW;
    /**
     * The {@linkplain Thread#threadId id} of the thread inside the run, 0 between runs ({@link #isRunningOn}:
     * the context's confinement, a BLOCK send to oneself, the logging context, a supervisor child's start
     * answer; the shutdown report). Written by the run; other threads read it plainly (a sender's BLOCK
     * check, the shutdown report), which is exact for their own thread. An id, not the {@code Thread}: with
     * the parallel collector every reference store also writes the card-table byte of the object stored
     * into, and the cells of actors run by different workers share that table's cache lines, so a reference
     * stored here at each run made every hop between two actors contend with the other workers' hops (the
     * {@code pairs} benchmark).
     */
    long runnerId;
    /**
     * The thread inside the run when it is not a pool worker running this cell itself (a virtual thread,
     * the calling thread, a task of another dispatcher), else null: for the shutdown report's thread name,
     * which for a pool worker its dispatcher finds by the id. Set and cleared by such runs only, which keep
     * a thread-local anyway.
     */
    Thread trackedRunner;
    /** What an idle actor seldom uses: created on first use, once ({@link #extras()}). */
    @SuppressWarnings("unused") // accessed through EXTRAS
    private volatile CellExtras extras;
    /** Instances built so far: the current instance's number, reported to a supervising parent. */
    int incarnation;
    long processed; // messages handled, for snapshots; written by the run only
    private boolean inLoggingContext; // the MDC names this actor until the end of the current run
    /** The next child of this cell's parent, in its {@link Children}; guarded by that object's monitor. */
    ActorCell<?> nextSibling;
    /** Left its parent's children (terminated or abandoned): its name is free. Any thread. */
    private volatile boolean departed;
    /**
     * Parent's run only: this child was told to stop by its stopping parent, which waits for its
     * {@code ChildTerminated} (a mark on the child instead of a set in the parent: a parent of a million
     * children would otherwise build and empty a million-entry set on every stop).
     */
    boolean stopAwaited;
    /** Set when a supervisor gave up waiting: finish as killed, report nothing more. */
    volatile boolean abandoned;

    ActorCell(SystemRuntime runtime, ActorCell<?> parent, String name, long id,
              Supplier<? extends Actor<M>> factory, MailboxConfig mailboxConfig, Dispatcher dispatcher,
              ChildListener listener) {
        super(runtime, mailboxConfig, dispatcher);
        if (listener != null) {
            this.extras = new CellExtras(listener);
        }
        this.parent = parent;
        this.name = name;
        this.id = id;
        this.factory = factory;
    }

    // ------------------------------------------------------------------ identity

    @Override
    ActorCell<M> cell() {
        return this;
    }

    ActorCell<?> parentCell() {
        return parent;
    }

    /** @return the name among siblings ({@code $} and the id in base 36 when anonymous) */
    public String name() {
        return name != null ? name : "$" + Long.toString(id, 36);
    }

    /** @return the name given at the spawn, null if anonymous */
    String nameOrNull() {
        return name;
    }

    @Override
    public ActorPath path() {
        CellExtras e = extras();
        ActorPath p = e.path;
        if (p == null) {
            p = parent == null ? ActorPath.root(runtime.name()).child(name) : parent.path().child(name());
            e.path = p; // racy but idempotent: equal values
        }
        return p;
    }

    /** @return this cell's extras, created now if it has none; any thread, always the same object */
    CellExtras extras() {
        CellExtras e = (CellExtras) EXTRAS.getAcquire(this);
        if (e == null) {
            CellExtras created = new CellExtras(null);
            e = (CellExtras) EXTRAS.compareAndExchange(this, null, created);
            if (e == null) {
                e = created;
            }
        }
        return e;
    }

    /** @return this cell's extras, or null if none was needed yet */
    CellExtras extrasOrNull() {
        return (CellExtras) EXTRAS.getAcquire(this);
    }

    /** @return the supervising parent's listener, or null */
    ChildListener listener() {
        CellExtras e = extrasOrNull();
        return e == null ? null : e.listener;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        return path().address() + "#" + id;
    }

    /**
     * Identity equality, with a hash spread from the unique id: cheaper than the identity hash, which
     * the JVM computes and stores in the object header on first use (anonymous children are keyed by
     * their cell in the parent's map, so every anonymous spawn would pay for it).
     */
    @Override
    public int hashCode() {
        return Long.hashCode(id * 0x9E3779B97F4A7C15L);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    /** This cell stands for {@code foreign} ({@link io.otp4j.actor.ForeignRef#standIn()}). */
    void presentAs(ActorRef<?> foreign) {
        runtime().presentAs(this, foreign);
    }

    /** @return the ref that signals caused by this cell name: itself, or the foreign ref it stands for */
    ActorRef<?> presented() {
        return runtime().presented(this);
    }

    /** @return true if the actor passes its messages on and wants their deadlines ({@link Forwarding}); run only */
    boolean forwardsDeadlines() {
        return actor instanceof RuntimeAccess.Forwarder;
    }

    /** The dispatcher refused to run this cell: see {@link CellShutdown#refused}. */
    @Override
    void refused(RuntimeException cause) {
        try {
            CellShutdown.refused(this, cause);
        } finally {
            STATUS.setVolatile(this, IDLE);
        }
    }

    // ------------------------------------------------------------------ the run

    /**
     * Processes signals, then up to {@code throughput} messages; then goes idle or reschedules. Only by the
     * thread that won this scheduling's {@link #claim}.
     */
    private void runClaimed(boolean fromOutside) {
        runnerId = Thread.currentThread().threadId();
        long handledBefore = processed;
        // a pool worker that runs this handle itself knows its cell; other threads (virtual, calling-thread,
        // a worker running a task that wraps this run for another dispatcher) keep it here
        boolean tracked = WorkStealingDispatcher.currentCell() != this;
        boolean drained = true; // the run's last poll found the mailbox empty (or the run handled none)
        ActorCell<?> outer = tracked ? track() : null;
        if (Monitoring.COMPILED_IN && runtime.loggingContextEager) {
            enterLoggingContext();
        }
        try {
            if (runtime.closed) {
                CellShutdown.closeOut(this); // the system is gone: no more actor code
            } else {
                if (lifecycle == Lifecycle.NEW) {
                    Incarnations.start(this);
                }
                if (systemQueue != null) {
                    SignalHandling.processSystemMessages(this);
                }
                if (lifecycle == Lifecycle.RUNNING) {
                    drained = runMessages();
                } else if (lifecycle == Lifecycle.TERMINATED) {
                    drainToDeadLetters();
                }
            }
        } catch (Throwable t) { // a bug in the runtime itself: never kill the pool thread
            CellShutdown.failInternally(this, t);
        } finally {
            runnerId = 0L;
            if (tracked) {
                untrack(outer);
            }
            if (inLoggingContext) {
                leaveLoggingContext();
            }
        }
        if (fromOutside && processed != handledBefore && lifecycle == Lifecycle.RUNNING && !runtime.closed
                && WorkStealingDispatcher.keepsScheduled(this)) {
            requeue(); // still scheduled: the next send only queues its message
            return;
        }
        if (!drained) {
            mailbox.trim(); // the batch ended at an item: an idle actor keeps no chunk of its mailbox
        }
        STATUS.setVolatile(this, IDLE); // full fence before the re-check below
        if (hasWork()) {
            schedule();
        }
    }

    /**
     * Begins a run on a thread that is not a pool worker running this cell itself: the thread keeps the
     * cell, and the cell the thread (out of the run's own code, which a pool worker's runs share).
     *
     * @return the cell whose run this one is nested in on this thread, or null
     */
    private ActorCell<?> track() {
        ActorCell<?> outer = RUNNING_HERE.get();
        RUNNING_HERE.set(this);
        trackedRunner = Thread.currentThread();
        return outer;
    }

    /** Ends a run begun by {@link #track}. */
    private void untrack(ActorCell<?> outer) {
        trackedRunner = null;
        if (outer == null) {
            RUNNING_HERE.remove();
        } else {
            RUNNING_HERE.set(outer);
        }
    }

    private void leaveLoggingContext() {
        inLoggingContext = false;
        LoggingContext.exit();
    }

    /** The run ends with the actor still scheduled: it goes to the run queue's tail, as if a sender had queued it. */
    private void requeue() {
        STATUS.setVolatile(this, SCHEDULED_FROM_OUTSIDE);
        try {
            dispatcher.schedule(this, RUNNER);
        } catch (RuntimeException e) {
            refused(e);
        }
    }

    /** @return the actor whose run is on the current thread, on any dispatcher; null outside actors */
    static ActorCell<?> running() {
        ActorCell<?> onWorker = WorkStealingDispatcher.currentCell();
        return onWorker != null ? onWorker : RUNNING_HERE.get();
    }

    private boolean hasWork() {
        SystemMessage s = systemQueue;
        if (s != null && s != DEAD) {
            return true;
        }
        return (lifecycle == Lifecycle.RUNNING || lifecycle == Lifecycle.TERMINATED) && !mailboxVolatile().isEmpty();
    }

    /**
     * Handles up to {@code budget} messages.
     *
     * @return the budget left if the mailbox ran dry; 0 if the budget is used up; {@link #STOPPED} if the
     *     system closed or the actor left RUNNING
     */
    private int processMessages(int budget) {
        // one check per run: per-message events for a tracing monitor, timing for Flight Recorder
        boolean observed = Monitoring.COMPILED_IN && (runtime.traced || FlightRecorder.timesMessages());
        // a bounded mailbox reported full is re-armed by the first take that leaves it below capacity
        boolean rearmsFull = Monitoring.COMPILED_IN && runtime.monitored && mailboxConfig.isBounded();
        for (int handled = 0; handled < budget; handled++) {
            Object item = mailbox.poll();
            if (item == null) {
                return budget - handled;
            }
            if (rearmsFull) {
                mailbox.rearmFullReport(mailboxConfig.capacity());
            }
            if (handled > 0) {
                // more work before this run ends: do not keep a handed-off actor waiting behind it
                dispatcher.runContinues();
            }
            invoke(item, observed);
            if (runtime.closed) {
                return STOPPED; // abandoned at shutdown while handling that message: no more actor code
            }
            if (systemQueue != null) {
                SignalHandling.processSystemMessages(this);
            }
            if (lifecycle != Lifecycle.RUNNING) {
                return STOPPED;
            }
        }
        return 0;
    }

    /**
     * Handles messages in batches of {@code throughput}. After a batch, the run goes on with the next one,
     * and a run whose mailbox ran dry waits a moment, still claimed, for its next message, both only on a
     * pool worker that nothing else waits for ({@link WorkStealingDispatcher#continuesBatch}; the wait also
     * needs a sleeping worker, so that it never takes the sender's core: see
     * {@link WorkStealingDispatcher#mayLinger}): ending the run
     * would put the actor on the run queue to be taken by the same idle worker (after a batch), or would
     * make the next sender compare-and-set its status and queue it there, and a worker take it from there,
     * for every message of a producer a little slower than its consumer (ran dry). A sender that finds the
     * actor claimed only queues its message. Bounded: the run ends as soon as other work or a signal waits,
     * and after {@value #LINGER_POLLS} looks without a message (a message counts once it is handled, so a
     * send caught between claiming its place and linking it cannot hold the run). Fair: what waits on this
     * pool's queues or slots ends the run at its next batch, as a rescheduled run would have let it go first.
     *
     * @return true if the run's last poll found the mailbox empty, false if its last batch ended at an item
     *     (or the actor stopped)
     */
    private boolean runMessages() {
        int budget = runtime.throughput();
        int left = processMessages(budget);
        for (int polls = 0; left != STOPPED && polls < LINGER_POLLS; ) {
            if (systemQueue != null || runtime.closed) {
                return left > 0; // the run ends: signals go first, and the re-check after the run reschedules
            }
            if (left == 0) {
                if (!WorkStealingDispatcher.continuesBatch(this)) {
                    return false;
                }
                left = processMessages(budget);
                polls = 0;
                continue;
            }
            if (!WorkStealingDispatcher.mayLinger(this)) {
                return true;
            }
            Thread.onSpinWait();
            polls++;
            if (!mailboxVolatile().isEmpty()) {
                int before = left;
                left = processMessages(left);
                if (left != before) {
                    polls = 0; // a message came: wait for the next one afresh
                }
            }
        }
        return left > 0;
    }

    /**
     * Hands one item to the actor. {@code observed} (decided once per run) adds the per-message events of a
     * tracing monitor and the Flight Recorder timing; unobserved, the run pays two untaken branches for them.
     */
    private void invoke(Object item, boolean observed) {
        if (observed && runtime.traced) {
            CellEvents.dequeued(this);
        }
        Object message = open(item);
        if (message == null) {
            return;
        }
        processed++;
        Object timing = observed ? CellEvents.messageReceived(this, message) : null;
        // only a tracing monitor wants the handling time in nanoseconds; Flight Recorder's timing has its own
        // (cheaper) clock: two reads of System.nanoTime per message would cost a recording's every message
        boolean clocked = observed && runtime.traced;
        long start = clocked ? System.nanoTime() : 0L;
        Throwable failure = null;
        try {
            receive(message);
        } catch (Throwable t) {
            failure = t;
        }
        if (observed) {
            CellEvents.messageHandled(this, message, timing, clocked ? System.nanoTime() - start : 0L, failure != null);
        }
        if (failure != null) {
            Incarnations.handleFailure(this, failure);
        }
    }

    /** @return the message inside {@code item}, or null if it is not for the actor (expired, stale timer) */
    private Object open(Object item) {
        if (item instanceof Envelope envelope) {
            try {
                return envelope.open(this);
            } catch (Throwable t) {
                Incarnations.handleFailure(this, t);
                return null;
            }
        }
        return item;
    }

    @SuppressWarnings("unchecked")
    private void receive(Object message) throws Exception {
        actor.receive((M) message, this);
    }

    /** @return true if {@code thread} is inside this cell's run (a plain read: exact for the thread itself) */
    @Override
    boolean isRunningOn(Thread thread) {
        return runnerId == thread.threadId();
    }

    /** A supervisor reports that its own children have started. */
    void ackStarted() {
        ChildListener listener = listener();
        if (listener != null) {
            listener.started(this, incarnation, null);
        }
    }

    /**
     * The instance's preStart answers the supervisor starting it: see {@link Incarnations#answerStart}.
     *
     * @throws IllegalStateException if called elsewhere, for an actor that is not a supervisor's child, or twice
     */
    void answerStart(Object info) {
        Incarnations.answerStart(this, info);
    }

    void cancelTimers() {
        TimersImpl<M> timers = timersOrNull();
        if (timers != null) {
            timers.cancelAll();
        }
    }

    // ------------------------------------------------------------------ context operations (run only)

    /** Registers a new child; any thread for the guardian, the run otherwise. */
    void addChild(ActorCell<?> child) {
        CellExtras e = extras();
        Children all = e.children;
        if (all == null) {
            all = new Children();
            e.children = all;
        }
        ActorCell<?> existing = all.add(child);
        if (existing != null) {
            throw new InvalidActorNameException("name '" + child.name + "' is taken by a live child of "
                    + path() + ": " + existing);
        }
        if (e.stopping || lifecycle == Lifecycle.STOPPING || lifecycle == Lifecycle.TERMINATED) {
            // stopping was set before we read it: the stop may not see this child (the flag is for spawners
            // on other threads, into the guardian; a cell's own run sees its lifecycle)
            all.undoAdd(child);
            throw parent == null
                    ? new SystemTerminatedException("actor system '" + runtime.name() + "' is shutting down")
                    : new IllegalStateException(this + " is stopping; it cannot spawn children");
        }
    }

    /**
     * A stop has begun: spawns from now on fail. Only a cell with extras can have spawners on other threads
     * (the guardian, whose children's list is made before any spawn); any other cell spawns in its own run,
     * which sees its lifecycle, so a cell without extras needs no flag, and gets no extras for it.
     */
    void markStopping() {
        CellExtras e = extrasOrNull();
        if (e != null) {
            e.stopping = true;
        }
    }

    /** Guardian only: created before any spawn, so other threads can add children safely. */
    void initChildren() {
        extras().children = new Children();
    }

    /** @return the children, or null if this cell never had one */
    Children childrenOrNull() {
        CellExtras e = extrasOrNull();
        return e == null ? null : e.children;
    }

    /** @return the live children, in the order they were added; none if this cell never had one */
    ActorCell<?>[] liveChildren() {
        Children all = childrenOrNull();
        return all == null ? Children.NONE : all.live();
    }

    /** @return the relations, created now if there are none; run only */
    Relations relations() {
        CellExtras e = extras();
        Relations r = e.relations;
        if (r == null) {
            r = new Relations();
            e.relations = r;
        }
        return r;
    }

    /** @return the relations, or null if there are none; run only */
    Relations relationsOrNull() {
        CellExtras e = extrasOrNull();
        return e == null ? null : e.relations;
    }

    /** Forgets the relations (termination); run only. */
    void dropRelations() {
        CellExtras e = extrasOrNull();
        if (e != null) {
            e.relations = null;
        }
    }

    /** @return the timers, created now if there are none; run only */
    @SuppressWarnings("unchecked")
    TimersImpl<M> ensureTimers() {
        CellExtras e = extras();
        TimersImpl<M> t = (TimersImpl<M>) e.timers;
        if (t == null) {
            t = new TimersImpl<>(this);
            e.timers = t;
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    TimersImpl<M> timersOrNull() {
        CellExtras e = extrasOrNull();
        return e == null ? null : (TimersImpl<M>) e.timers;
    }

    /** Forgets the timers (termination); run only. */
    void dropTimers() {
        CellExtras e = extrasOrNull();
        if (e != null) {
            e.timers = null;
        }
    }

    /** @return the stop of all children under way, or null; run only */
    CellShutdown.Progress shutdown() {
        CellExtras e = extrasOrNull();
        return e == null ? null : e.shutdown;
    }

    /** Sets or (null) ends the stop of all children; run only. */
    void shutdown(CellShutdown.Progress progress) {
        if (progress != null) {
            extras().shutdown = progress;
        } else {
            CellExtras e = extrasOrNull();
            if (e != null) {
                e.shutdown = null;
            }
        }
    }

    /** This terminated or abandoned child leaves its parent's children: see {@link Children}. Any thread. */
    void removeChild(ActorCell<?> child) {
        child.leaveParent(); // the parent's run unlinks it later, when it hears of the termination
    }

    /** Marks this cell as gone from its parent's children; any thread. */
    void leaveParent() {
        departed = true;
    }

    /** @return true once this cell has left its parent's children; any thread */
    boolean hasLeftParent() {
        return departed;
    }

    /** A supervisor gave up on this cell: see {@link CellShutdown#abandon}. Any thread. */
    void abandon() {
        CellShutdown.abandon(this);
    }

    /**
     * The system's shutdown timed out with this cell alive: see {@link CellShutdown#abandonAtShutdown}.
     * Any thread.
     *
     * @return what the cell was doing, for the shutdown report
     */
    String abandonAtShutdown() {
        return CellShutdown.abandonAtShutdown(this);
    }

    /** {@code ctx.stop()}: a signal to self, so the stop begins after the current hook returns. */
    void stopSelf(ExitReason reason) {
        sendSystem(new SystemMessage.Stop(reason));
    }

    Actor<M> actorOrNull() {
        return actor;
    }

    /**
     * Puts this actor in the MDC until the end of the current run; only from the thread running it (so
     * {@code ctx.log()} called from elsewhere leaves the MDC alone).
     */
    void enterLoggingContext() {
        if (!inLoggingContext && runtime.loggingContextAvailable && isRunningOn(Thread.currentThread())) {
            inLoggingContext = true;
            LoggingContext.enter(runtime.name(), pathName());
        }
    }

    /** @return the path as a string, built once */
    String pathName() {
        CellExtras e = extras();
        String p = e.pathName;
        if (p == null) {
            p = path().toString();
            e.pathName = p;
        }
        return p;
    }
}

package io.otp4j.internal;

import static io.otp4j.internal.ActorCell.Lifecycle.HALTED;
import static io.otp4j.internal.ActorCell.Lifecycle.NEW;
import static io.otp4j.internal.ActorCell.Lifecycle.RESTARTING;
import static io.otp4j.internal.ActorCell.Lifecycle.RUNNING;
import static io.otp4j.internal.ActorCell.Lifecycle.STOPPING;
import static io.otp4j.internal.ActorCell.Lifecycle.SUSPENDED;
import static io.otp4j.internal.ActorCell.Lifecycle.TERMINATED;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorState;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.HookFailed;
import io.otp4j.actor.InvalidActorNameException;
import io.otp4j.actor.RuntimeFault;
import io.otp4j.actor.SetupActor;
import io.otp4j.actor.Signal;
import io.otp4j.actor.SystemTerminatedException;
import io.otp4j.dispatch.ActorRunner;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.internal.RuntimeAccess.ChildListener;
import io.otp4j.internal.RuntimeAccess.SupervisingActor;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.monitor.ActorEvent;
import io.otp4j.monitor.MailboxEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A live actor: the run that feeds its mailbox's signals and messages to the actor, and the actor's
 * lifecycle, failures, children and relations. The sending side (queues, scheduling, overflow) is its
 * superclass {@link Mailbox}; both are one object, the {@link ActorRef} users hold. Internal.
 *
 * <h2>Threads</h2>
 * What {@link Mailbox} does runs on any thread. Everything here runs inside a run ({@link #RUNNER}), which
 * the scheduling states guarantee is never entered by two threads at once; fields marked "run only" need no
 * synchronisation because each run happens-after the previous one (the status CAS that schedules a run
 * follows the release that ended the last).
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   NEW --first run: factory, preStart--> RUNNING --failure, ESCALATE--> SUSPENDED (parent decides)
 *   RUNNING --RESTART--> RESTARTING (stop all children at once) --> new instance, RUNNING
 *   RUNNING | SUSPENDED --halt (supervisor)--> RESTARTING --> HALTED --restart--> new instance, RUNNING
 *   any --stop--> STOPPING (stop all children at once; postStop) --> TERMINATED
 *   a supervised preStart that answered ignore --> STOPPING at once, reason normal, before any message
 * </pre>
 * Only RUNNING handles user messages; the others leave them queued. TERMINATED drains them to dead
 * letters, and its system channel is closed, so a signal sent later is answered on the sender's thread (a
 * watch of a dead actor is notified at once, with {@code noproc}, as an Erlang monitor is).
 *
 * @param <M> the actor's message type
 */
final class ActorCell<M> extends Mailbox<M> {

    /** Where the actor is in its life; see the class comment for the transitions. */
    enum Lifecycle {
        NEW, RUNNING, SUSPENDED, RESTARTING, HALTED, STOPPING, TERMINATED;

        /** @return true once a stop has begun: nothing but the stop's own steps changes the state any more */
        boolean isEnding() {
            return this == STOPPING || this == TERMINATED;
        }
    }

    /** The cell running on this thread, for threads that are not pool workers (virtual, calling-thread). */
    private static final ThreadLocal<ActorCell<?>> RUNNING_HERE = new ThreadLocal<>();
    private static final ActorCell<?>[] NO_CELLS = new ActorCell<?>[0];

    /**
     * How every dispatcher runs a cell: the cell is the handle it keeps, and only this runner, which
     * dispatchers get and users do not, runs it. A run first claims the scheduling ({@link #claim}), so a
     * handle kept in two places (a stale queue entry, a blocked sender that ran the cell itself) runs once.
     */
    static final ActorRunner<ActorCell<?>> RUNNER = new ActorRunner<>() {
        @Override
        public boolean run(ActorCell<?> cell) {
            if (!cell.claim()) {
                return false;
            }
            cell.runClaimed();
            return true;
        }

        @Override
        public void reject(ActorCell<?> cell, RuntimeException cause) {
            if (cell.claim()) {
                cell.refused(cause);
            }
        }
    };

    private final ActorCell<?> parent; // null for the guardian
    private final String name; // null: anonymous, named after the id
    private final long id;
    private final Supplier<? extends Actor<M>> factory;
    /** Set when stopping begins; read by spawners on other threads (guardian only). */
    private volatile boolean stopping;

    // run only
    private Actor<M> actor;
    private ContextImpl<M> context;
    private Lifecycle lifecycle = Lifecycle.NEW;
    private Thread runner; // the thread inside run(), for the BLOCK self-send check
    private ConcurrentHashMap<Object, ActorCell<?>> children;
    private Relations relations;
    private TimersImpl<M> timers;
    private Shutdown shutdown;
    private ActorPath path;
    /** Instances built so far: the current instance's number, reported to a supervising parent. */
    private int incarnation;
    private long processed; // messages handled, for snapshots; written by the run only
    private String pathName; // the path as a string, built once for the logging context
    private boolean inLoggingContext; // the MDC names this actor until the end of the current run
    /** Set by a supervising parent before the first run; receives this cell's lifecycle. */
    private ChildListener listener;
    /**
     * Parent's run only: this child was told to stop by its stopping parent, which waits for its
     * {@code ChildTerminated} (a mark on the child instead of a set in the parent: a parent of a million
     * children would otherwise build and empty a million-entry set on every stop).
     */
    private boolean stopAwaited;
    /** Set when a supervisor gave up waiting: finish as killed, report nothing more. */
    private volatile boolean abandoned;

    ActorCell(SystemRuntime runtime, ActorCell<?> parent, String name, long id,
              Supplier<? extends Actor<M>> factory, MailboxConfig mailboxConfig, Dispatcher dispatcher,
              ChildListener listener) {
        super(runtime, mailboxConfig, dispatcher);
        this.listener = listener;
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

    @Override
    public ActorPath path() {
        ActorPath p = path;
        if (p == null) {
            p = parent == null ? ActorPath.root(runtime.name()).child(name) : parent.path().child(name());
            path = p; // racy but idempotent: equal values
        }
        return p;
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

    // ------------------------------------------------------------------ sending

    // ------------------------------------------------------------------ system channel

    /**
     * The dispatcher refused to run this cell (it is closed, or rejects work). The SCHEDULED status won by
     * this thread makes it the cell's owner, as a run would be; it must not run actor code (this is a
     * sender's thread), so the cell ends here without hooks: an actor whose dispatcher refuses it can never
     * run again, so it terminates with the refusal as its exit reason, its parent, watchers and links are
     * told, and its messages, queued and later, go to dead letters. During a shutdown it is named in the
     * shutdown's report. Once the system is closed, it only drains.
     */
    @Override
    void refused(RuntimeException cause) {
        try {
            if (runtime.closed || lifecycle == TERMINATED) {
                LOG.debug("{} not scheduled: {}", this, cause.toString());
                if (runtime.closed) {
                    closeOut();
                } else {
                    drainToDeadLetters();
                }
            } else {
                LOG.warn("{} cannot run: its dispatcher {} refused it; terminating it", this, dispatcher, cause);
                runtime.refused(this, cause); // before the termination, which the shutdown may be waiting for
                terminateWithoutHooks(ExitReason.failed(cause));
            }
        } catch (Throwable t) {
            cause.addSuppressed(t);
            LOG.error("{} could not be terminated after its dispatcher refused it", this, t);
        } finally {
            STATUS.setVolatile(this, IDLE);
        }
    }

    // ------------------------------------------------------------------ the run

    /**
     * Processes signals, then up to {@code throughput} messages; then goes idle or reschedules. Only by the
     * thread that won this scheduling's {@link #claim}.
     */
    private void runClaimed() {
        Thread thread = Thread.currentThread();
        runner = thread;
        // a pool worker that runs this handle itself knows its cell; other threads (virtual, calling-thread,
        // a worker running a task that wraps this run for another dispatcher) keep it here
        boolean tracked = WorkStealingDispatcher.currentCell() != this;
        ActorCell<?> outer = null;
        if (tracked) {
            outer = RUNNING_HERE.get();
            RUNNING_HERE.set(this);
        }
        if (Monitoring.COMPILED_IN && runtime.loggingContextEager) {
            enterLoggingContext();
        }
        try {
            if (runtime.closed) {
                closeOut(); // the system is gone: no more actor code
            } else {
                if (lifecycle == NEW) {
                    start();
                }
                if (systemQueue != null) {
                    processSystemMessages();
                }
                if (lifecycle == RUNNING) {
                    processMessages(runtime.throughput());
                } else if (lifecycle == TERMINATED) {
                    drainToDeadLetters();
                }
            }
        } catch (Throwable t) { // a bug in the runtime itself: never kill the pool thread
            failInternally(t);
        } finally {
            runner = null;
            if (tracked) {
                if (outer == null) {
                    RUNNING_HERE.remove();
                } else {
                    RUNNING_HERE.set(outer);
                }
            }
            if (inLoggingContext) {
                inLoggingContext = false;
                LoggingContext.exit();
            }
        }
        STATUS.setVolatile(this, IDLE); // full fence before the re-check below
        if (hasWork()) {
            schedule();
        }
    }

    /**
     * The system closed while this cell was alive (abandoned) or still queued: no hook runs; the system
     * channel is closed, so whatever waits on this cell (a watch, a termination hook) is answered as a dead
     * cell answers, and the mailbox goes to dead letters. Run only.
     */
    private void closeOut() {
        if (exitReason == null) {
            abandoned = true;
            exitReason = ExitReason.KILLED;
        }
        if (relations != null) {
            completeStopWaiters(relations.stopWaiters, exitReason); // abandoned: no finishStop will tell them
        }
        if (systemQueue != DEAD) {
            SystemMessage pending = reverse((SystemMessage) SYSTEM_QUEUE.getAndSet(this, DEAD));
            for (SystemMessage m = pending; m != null; m = m.next) {
                answerWhenDead(m, exitReason);
            }
        }
        drainToDeadLetters();
    }

    /**
     * Ends the cell at once, running no actor code: its children are killed (not awaited), its timers
     * cancelled, and its parent, watchers and links told of {@code reason}. For a cell whose state or
     * thread can no longer be trusted with hooks. Run only (or the owner of a won scheduling).
     */
    private void terminateWithoutHooks(ExitReason reason) {
        if (lifecycle == NEW) {
            actor = null; // never built
        }
        shutdown = null;
        lifecycle = STOPPING;
        stopping = true;
        ConcurrentHashMap<Object, ActorCell<?>> map = children;
        if (map != null) {
            for (ActorCell<?> child : map.values()) {
                child.sendSystem(new SystemMessage.Kill());
            }
        }
        cancelTimers();
        finishStop(reason, false);
    }

    /** @return the actor whose run is on the current thread, on any dispatcher; null outside actors */
    static ActorCell<?> running() {
        ActorCell<?> onWorker = WorkStealingDispatcher.currentCell();
        return onWorker != null ? onWorker : RUNNING_HERE.get();
    }

    /**
     * The runtime's own code failed in this cell's run: the state can no longer be trusted, so the cell
     * terminates as killed (no more hooks), and its parent, supervisor and watchers hear of it. Logged and
     * reported as a {@link RuntimeFault}.
     */
    private void failInternally(Throwable t) {
        LOG.error("internal error in {}; terminating it as killed", this, t);
        RuntimeFault fault = new RuntimeFault(runtime.name(), path(), t);
        RuntimeFault.report(fault);
        try {
            runtime.eventStream().publish(fault);
            if (lifecycle != TERMINATED) {
                terminateWithoutHooks(ExitReason.KILLED);
            }
        } catch (Throwable again) {
            t.addSuppressed(again);
            LOG.error("{} could not be terminated after an internal error", this, again);
        }
    }

    private boolean hasWork() {
        SystemMessage s = systemQueue;
        if (s != null && s != DEAD) {
            return true;
        }
        return (lifecycle == RUNNING || lifecycle == TERMINATED) && !mailboxVolatile().isEmpty();
    }

    private void processMessages(int budget) {
        // one check per run: per-message events for a tracing monitor, timing for Flight Recorder
        boolean observed = Monitoring.COMPILED_IN && (runtime.traced || FlightRecorder.timesMessages());
        // a bounded mailbox reported full is re-armed by the first take that leaves it below capacity
        boolean rearmsFull = Monitoring.COMPILED_IN && runtime.monitored && mailboxConfig.isBounded();
        for (int handled = 0; handled < budget; handled++) {
            Object item = mailbox.poll();
            if (item == null) {
                return;
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
                return; // abandoned at shutdown while handling that message: no more actor code
            }
            if (systemQueue != null) {
                processSystemMessages();
            }
            if (lifecycle != RUNNING) {
                return;
            }
        }
    }

    /**
     * Hands one item to the actor. {@code observed} (decided once per run) adds the per-message events of a
     * tracing monitor and the Flight Recorder timing; unobserved, the run pays two untaken branches for them.
     */
    private void invoke(Object item, boolean observed) {
        if (observed && runtime.traced) {
            Monitoring monitoring = runtime.monitoring();
            monitoring.emit(new MailboxEvent.Dequeued(monitoring.now(), path(), CellEvents.knownLength(mailbox)));
        }
        Object message = open(item);
        if (message == null) {
            return;
        }
        processed++;
        Object timing = observed ? received(message) : null;
        long start = observed ? System.nanoTime() : 0L;
        Throwable failure = null;
        try {
            receive(message);
        } catch (Throwable t) {
            failure = t;
        }
        if (observed) {
            handled(message, timing, System.nanoTime() - start, failure != null);
        }
        if (failure != null) {
            handleFailure(failure);
        }
    }

    /** Observed runs: a message is about to be handled. */
    private Object received(Object message) {
        if (runtime.traced) {
            Monitoring monitoring = runtime.monitoring();
            monitoring.emit(new ActorEvent.MessageReceived(monitoring.now(), path(), shown(message)));
        }
        return FlightRecorder.messageStarted();
    }

    /** Observed runs: a message was handled in {@code nanos}. */
    private void handled(Object message, Object timing, long nanos, boolean failed) {
        Class<?> type = shown(message).getClass();
        FlightRecorder.messageHandled(timing, this, type);
        if (runtime.traced) {
            Monitoring monitoring = runtime.monitoring();
            monitoring.emit(new ActorEvent.MessageProcessed(monitoring.now(), path(), type, nanos, failed));
        }
    }

    /** @return what monitors are shown: what a router receives with its deadline, as the message itself */
    private static Object shown(Object message) {
        return message instanceof RuntimeAccess.Timed timed ? timed.message() : message;
    }

    /** @return the message inside {@code item}, or null if it is not for the actor (expired, stale timer) */
    private Object open(Object item) {
        if (item instanceof Envelope envelope) {
            try {
                return envelope.open(this);
            } catch (Throwable t) {
                handleFailure(t);
                return null;
            }
        }
        return item;
    }

    @SuppressWarnings("unchecked")
    private void receive(Object message) throws Exception {
        actor.receive((M) message, context);
    }

    private void signal(Signal signal) {
        deliverNotice(signal);
    }

    /**
     * Delivers a signal, or a {@code watchWith} message wrapped in {@link Relations.Notice}, now if the
     * actor is running; keeps it for the next instance while the actor is suspended, restarting or
     * halted; drops it once the actor is stopping.
     */
    @SuppressWarnings("unchecked")
    private void deliverNotice(Object notice) {
        if (lifecycle == SUSPENDED || lifecycle == RESTARTING || lifecycle == HALTED) {
            relations().deferred.add(notice);
            return;
        }
        if (lifecycle != RUNNING) {
            return;
        }
        try {
            if (notice instanceof Relations.Notice(Object message)) {
                actor.receive((M) message, context);
            } else {
                actor.onSignal((Signal) notice, context);
            }
        } catch (Throwable t) {
            handleFailure(t);
        }
    }

    /** Hands the notices kept while the actor was not running to the running instance. */
    private void flushDeferredNotices() {
        Relations r = relations;
        while (r != null && !r.deferred.isEmpty() && lifecycle == RUNNING) {
            deliverNotice(r.deferred.removeFirst());
        }
    }

    // ------------------------------------------------------------------ lifecycle

    private void start() {
        lifecycle = RUNNING;
        if (createInstance() && reportStarted()) {
            flushDeferredNotices();
        }
    }

    /**
     * preStart is running and has not answered its supervisor. A supervised instance's answer to its start is
     * kept in its context's {@code startAnswer}: this, the start info it handed over, or {@link #IGNORE}; null
     * at any other time, so that an answer outside preStart is refused.
     */
    private static final Object NO_ANSWER = new Object();
    /** preStart answered ignore. */
    private static final Object IGNORE = new Object();

    /**
     * Tells a supervising parent this cell started (with the start info its preStart handed over), unless it
     * is a supervisor that reports itself; or, if preStart answered ignore, that it did not start, and stops
     * it at once with reason normal, before it handles any message.
     *
     * @return false if the instance ignored its start and is stopping
     */
    private boolean reportStarted() {
        Object answer = context.startAnswer;
        context.startAnswer = null;
        if (listener == null || actor instanceof SupervisingActor) {
            return true;
        }
        if (answer == IGNORE) {
            listener.ignored(this);
            beginStop(ExitReason.NORMAL, false);
            return false;
        }
        listener.started(this, incarnation, answer == NO_ANSWER ? null : answer);
        return true;
    }

    /** @return true if {@code thread} is inside this cell's run (a plain read: exact for the thread itself) */
    @Override
    boolean isRunningOn(Thread thread) {
        return runner == thread;
    }

    /** A supervisor reports that its own children have started. */
    void ackStarted() {
        if (listener != null) {
            listener.started(this, incarnation, null);
        }
    }

    /**
     * The instance's preStart answers the supervisor starting it: {@code info} to hand back with its ref, or
     * null to ignore the start. Only from that preStart, on the run's thread, and at most once.
     *
     * @throws IllegalStateException if called elsewhere, for an actor that is not a supervisor's child, or twice
     */
    void answerStart(Object info) {
        Object answer = runner == Thread.currentThread() && context != null ? context.startAnswer : null;
        if (answer == null) {
            throw new IllegalStateException("only the preStart of a supervisor's child can answer its start ("
                    + this + ")");
        }
        if (answer != NO_ANSWER) {
            throw new IllegalStateException(this + " already answered its start");
        }
        context.startAnswer = info == null ? IGNORE : info;
    }

    /** Builds an instance and runs preStart; on failure the actor stops with the cause. */
    private boolean createInstance() {
        try {
            Actor<M> created = factory.get();
            if (created == null) {
                throw new NullPointerException("actor factory returned null for " + path());
            }
            incarnation++;
            if (context == null) {
                context = new ContextImpl<>(this);
            }
            created = SetupActor.build(created, context); // Actor.setup: built from the context
            actor = created;
            if (listener != null && !(created instanceof SupervisingActor)) {
                context.startAnswer = NO_ANSWER;
            }
            actor.preStart(context);
            CellEvents.started(this, created, incarnation);
            return true;
        } catch (Throwable t) {
            if (context != null) {
                context.startAnswer = null;
            }
            enterLoggingContext();
            LOG.warn("{} failed to start", this, t);
            CellEvents.failed(this, actor, t, ErrorAction.STOP); // actor: the instance whose preStart threw
            actor = null; // preStart did not complete: no postStop, as Erlang skips terminate after init fails
            beginStop(ExitReason.failed(t), false);
            return false;
        }
    }

    private void handleFailure(Throwable cause) {
        ErrorAction action;
        if (cause instanceof VirtualMachineError) {
            // fatal to the instance: the JVM may be short of memory or stack, so the instance's state and
            // its onFailure cannot be trusted; the actor stops with the error and its parent decides
            action = ErrorAction.STOP;
        } else {
            try {
                action = actor.onFailure(cause, context);
                if (action == null) {
                    action = ErrorAction.STOP;
                }
            } catch (Throwable t) {
                cause.addSuppressed(t);
                action = ErrorAction.STOP;
            }
        }
        CellEvents.failed(this, actor, cause, action);
        enterLoggingContext();
        switch (action) {
            case RESUME -> LOG.debug("{} failed; resuming", this, cause);
            case RESTART -> {
                LOG.warn("{} failed; restarting", this, cause);
                restart();
            }
            case STOP -> {
                LOG.warn("{} failed; stopping", this, cause);
                beginStop(ExitReason.failed(cause), false);
            }
            case ESCALATE -> {
                lifecycle = SUSPENDED;
                if (listener != null) {
                    listener.failed(this, incarnation, cause);
                } else if (parent != null) {
                    LOG.warn("{} failed; escalating to its parent {}", this, parent, cause);
                    if (Monitoring.COMPILED_IN) {
                        FlightRecorder.escalated(path(), ExitReason.failed(cause));
                    }
                    parent.sendSystem(new SystemMessage.ChildFailed(this, cause));
                } else {
                    beginStop(ExitReason.failed(cause), false);
                }
            }
        }
    }

    /** Replaces the instance in place: the mailbox is kept; children and timers are stopped. */
    private void restart() {
        dropInstance();
        stopChildrenThen(new Shutdown(Shutdown.Then.RECREATE, false));
    }

    /** Halts for a supervisor: like a restart that waits for the order to recreate. */
    private void halt() {
        dropInstance();
        stopChildrenThen(new Shutdown(Shutdown.Then.HALT, false));
    }

    /** Starts replacing the instance; postStop runs once the children have stopped. */
    private void dropInstance() {
        lifecycle = RESTARTING;
        cancelTimers();
        terminateSupervisedChildren();
    }

    /** A supervisor stops its children itself, in its own order and with their shutdown specs. */
    private void terminateSupervisedChildren() {
        if (actor instanceof SupervisingActor supervisor) {
            try {
                supervisor.terminateChildren();
            } catch (Throwable t) {
                LOG.error("{} failed to terminate its children", this, t);
            }
        }
    }

    private void beginStop(ExitReason reason, boolean brutal) {
        if (lifecycle.isEnding()) {
            if (brutal && shutdown != null && !shutdown.brutal) {
                shutdown.brutal = true; // a kill overtakes a slow stop: skip postStop
                shutdown.reason = reason;
                killAwaitedChildren();
            }
            return;
        }
        // no instance: never started (NEW), or halted (its postStop already ran)
        boolean runPostStop = !brutal && actor != null;
        lifecycle = STOPPING;
        stopping = true;
        cancelTimers();
        if (runPostStop) {
            terminateSupervisedChildren();
        }
        Shutdown s = new Shutdown(Shutdown.Then.TERMINATE, brutal);
        s.reason = reason;
        s.runPostStop = runPostStop;
        stopChildrenThen(s);
    }

    /**
     * Stops all children at once (each told youngest first), so that independent subtrees stop
     * concurrently and one slow child holds up no sibling; then, once every one has reported its
     * {@code ChildTerminated}, terminates, halts or recreates, as {@code s} says. A supervisor has already
     * stopped its children one by one, in its own order, before this runs.
     */
    private void stopChildrenThen(Shutdown s) {
        shutdown = s;
        stopRemainingChildren();
    }

    private void stopRemainingChildren() {
        Shutdown s = shutdown;
        // children leave the map on their own threads before they report: one snapshot, then decide
        ActorCell<?>[] left = children == null ? NO_CELLS : children.values().toArray(NO_CELLS);
        if (left.length == 0) {
            shutdown = null;
            switch (s.then) {
                case RECREATE -> {
                    runPostStop();
                    actor = null;
                    recreate();
                }
                case HALT -> {
                    runPostStop();
                    actor = null;
                    lifecycle = HALTED;
                    if (listener != null) {
                        listener.halted(this);
                    }
                }
                case TERMINATE -> finishStop(s.reason, s.runPostStop && !s.brutal);
            }
            return;
        }
        Arrays.sort(left, Comparator.comparingLong((ActorCell<?> c) -> c.id).reversed());
        for (ActorCell<?> child : left) {
            if (!child.stopAwaited) {
                child.stopAwaited = true;
                s.awaiting++;
                child.sendSystem(s.brutal ? new SystemMessage.Kill() : new SystemMessage.Stop(ExitReason.SHUTDOWN));
            }
        }
    }

    /** A kill arrived while children were being stopped: they are killed too. */
    private void killAwaitedChildren() {
        if (shutdown.awaiting == 0 || children == null) {
            return;
        }
        // an awaited child that already left the map has terminated: only those still in it need a kill
        for (ActorCell<?> child : children.values()) {
            if (child.stopAwaited) {
                child.sendSystem(new SystemMessage.Kill());
            }
        }
    }

    private void recreate() {
        lifecycle = RUNNING;
        if (createInstance() && reportStarted()) {
            flushDeferredNotices();
        }
    }

    private void runPostStop() {
        if (actor == null) {
            return;
        }
        try {
            actor.postStop(context);
        } catch (Throwable t) {
            LOG.warn("{} postStop failed", this, t);
            runtime.eventStream().publish(new HookFailed(this, "postStop", t));
        }
    }

    private void finishStop(ExitReason reason, boolean runPostStop) {
        if (runPostStop) {
            runPostStop();
        }
        actor = null;
        timers = null;
        if (abandoned) {
            reason = ExitReason.KILLED;
        }
        // reported before the name is released, so a monitor never sees a successor under the same path
        // start before this one stops; an abandoned cell was reported when it was abandoned; the guardian
        // was never reported spawned
        if (!abandoned && parent != null) {
            CellEvents.stopped(this, reason);
        }
        if (parent != null && parent.children != null) {
            parent.children.remove(name != null ? name : this, this);
        }
        if (parent != null) {
            runtime.actorTerminated(); // its slot frees before anyone hears of the death, so a restart fits
        }
        lifecycle = TERMINATED;
        exitReason = reason;
        // order matters: clean-up hooks (names, subscriptions) first, so that whoever hears of the death
        // (supervisor, watchers, links) already sees the clean state
        Relations r = relations;
        relations = null;
        if (r != null) {
            r.runTerminationHooks(reason);
        }
        // close the system channel; what arrived meanwhile reached the actor alive, so it is answered with
        // the exit reason (not noproc), hooks first
        SystemMessage pending = reverse((SystemMessage) SYSTEM_QUEUE.getAndSet(this, DEAD));
        for (SystemMessage m = pending; m != null; m = m.next) {
            if (m instanceof SystemMessage.OnTermination) {
                answerWhenDead(m, exitReason);
            }
        }
        List<CompletableFuture<ExitReason>> lateStops = null; // told last, with the others
        for (SystemMessage m = pending; m != null; m = m.next) {
            if (m instanceof SystemMessage.Stop stop && stop.done != null) {
                lateStops = lateStops == null ? new ArrayList<>(1) : lateStops;
                lateStops.add(stop.done);
            } else if (!(m instanceof SystemMessage.OnTermination)) {
                answerWhenDead(m, exitReason);
            }
        }
        // the mailbox goes to dead letters before anyone hears of the death: once the parent knows, every
        // message sent before the death is accounted for
        drainToDeadLetters();
        if (listener != null && !abandoned) {
            listener.terminated(this, reason);
        }
        if (r != null) {
            r.notifyTermination(this, reason);
        }
        if (parent != null) {
            parent.sendSystem(new SystemMessage.ChildTerminated(this, reason));
        } else {
            runtime.guardianTerminated(reason);
        }
        if (r != null) {
            completeStopWaiters(r.stopWaiters, reason);
        }
        if (lateStops != null) {
            completeStopWaiters(lateStops, reason);
        }
    }

    /** Tells the stops waiting from outside how the actor ended ({@code ActorSystem.stop}). */
    private static void completeStopWaiters(List<CompletableFuture<ExitReason>> waiters, ExitReason reason) {
        for (CompletableFuture<ExitReason> waiter : waiters) {
            waiter.complete(reason);
        }
        waiters.clear();
    }

    private void cancelTimers() {
        if (timers != null) {
            timers.cancelAll();
        }
    }

    // ------------------------------------------------------------------ signals

    private void processSystemMessages() {
        for (;;) {
            SystemMessage head = systemQueue;
            if (head == null || head == DEAD) {
                return;
            }
            SystemMessage batch = (SystemMessage) SYSTEM_QUEUE.getAndSet(this, null);
            for (SystemMessage m = reverse(batch); m != null; ) {
                SystemMessage next = m.next;
                m.next = null;
                if (lifecycle == TERMINATED) {
                    answerWhenDead(m, exitReason);
                } else {
                    handleSystem(m);
                }
                m = next;
            }
        }
    }

    private void handleSystem(SystemMessage message) {
        switch (message) {
            case SystemMessage.Stop s -> {
                if (s.done != null) {
                    relations().stopWaiters.add(s.done);
                }
                beginStop(s.reason, false);
            }
            case SystemMessage.Kill k -> beginStop(ExitReason.KILLED, true);
            case SystemMessage.ExitSignal e -> onExitSignal(e);
            case SystemMessage.Watch w -> relations().addWatcher(w.watcher);
            case SystemMessage.Unwatch u -> {
                if (relations != null) {
                    relations.removeWatcher(u.watcher);
                }
            }
            case SystemMessage.DeathNotice d -> onDeathNotice(d);
            case SystemMessage.Link l -> relations().links.add(l.other);
            case SystemMessage.Unlink u -> {
                if (relations != null) {
                    relations.links.remove(u.other);
                }
            }
            case SystemMessage.LinkExit e -> onLinkExit(e);
            case SystemMessage.ChildTerminated t -> onChildTerminated(t);
            case SystemMessage.ChildFailed f -> onChildFailed(f);
            case SystemMessage.Restart r -> {
                switch (lifecycle) {
                    case SUSPENDED -> {
                        discardUnlessKept(r);
                        restart();
                    }
                    case HALTED -> {
                        discardUnlessKept(r);
                        recreate();
                    }
                    case RUNNING -> {
                        if (listener != null) {
                            listener.started(this, incarnation, null); // say so: never leave a waiter hanging
                        }
                    }
                    case NEW, RESTARTING, STOPPING, TERMINATED -> { } // starting, or past restarting
                }
            }
            case SystemMessage.Halt h -> {
                switch (lifecycle) {
                    case RUNNING, SUSPENDED -> halt();
                    case NEW, HALTED -> {
                        lifecycle = HALTED;
                        if (listener != null) {
                            listener.halted(this);
                        }
                    }
                    case RESTARTING, STOPPING, TERMINATED -> { } // already on the way
                }
            }
            case SystemMessage.Crash c -> {
                switch (lifecycle) {
                    case RUNNING -> {
                        if (listener != null) {
                            lifecycle = SUSPENDED;
                            listener.failed(this, incarnation, c.cause);
                        }
                    }
                    case NEW, SUSPENDED, RESTARTING, HALTED, STOPPING, TERMINATED -> { } // nothing running to crash
                }
            }
            case SystemMessage.OnTermination h -> relations().terminationHooks.add(h.hook);
            case SystemMessage.Dead d -> { }
        }
    }

    /** A restart that does not keep the mailbox sends what waits in it to dead letters first. */
    private void discardUnlessKept(SystemMessage.Restart restart) {
        if (!restart.keepMailbox) {
            drainToDeadLetters(DeadLetter.Reason.DISCARDED_ON_RESTART);
        }
    }

    private void onDeathNotice(SystemMessage.DeathNotice notice) {
        Object custom = relations == null ? null : relations.watching.remove(notice.dead);
        if (custom == null) {
            return; // unwatched meanwhile
        }
        if (custom == Relations.NO_MESSAGE) {
            signal(new Signal.Terminated(notice.dead.presented(), notice.reason));
        } else {
            deliverNotice(new Relations.Notice(custom));
        }
    }

    private void onLinkExit(SystemMessage.LinkExit exit) {
        if (relations == null || !relations.links.remove(exit.from)) {
            return; // unlinked meanwhile
        }
        if (relations.trapExits) {
            signal(new Signal.Exit(exit.from.presented(), exit.reason));
        } else if (!(exit.reason instanceof ExitReason.Normal)) {
            beginStop(exit.reason, false);
        }
    }

    /**
     * Erlang's {@code exit(Pid, Reason)} arriving: {@code kill} ({@link ExitReason.Killed}) cannot be trapped
     * and kills; a trapping actor gets every other reason as {@link Signal.Exit}; otherwise the actor stops
     * with the reason, except {@code normal} from another actor, which is ignored.
     */
    private void onExitSignal(SystemMessage.ExitSignal exit) {
        if (exit.reason instanceof ExitReason.Killed) {
            beginStop(ExitReason.KILLED, true);
        } else if (relations != null && relations.trapExits) {
            signal(new Signal.Exit(exit.from.presented(), exit.reason));
        } else if (!(exit.reason instanceof ExitReason.Normal) || exit.from == this) {
            beginStop(exit.reason, false);
        }
    }

    private void onChildTerminated(SystemMessage.ChildTerminated terminated) {
        Shutdown s = shutdown;
        ActorCell<?> child = terminated.child;
        if (s != null && child.stopAwaited) {
            child.stopAwaited = false;
            if (--s.awaiting == 0) {
                stopRemainingChildren(); // a child spawned meanwhile, if any, is stopped now
            }
        }
    }

    private void onChildFailed(SystemMessage.ChildFailed failed) {
        if (lifecycle.isEnding()) {
            return; // the child is being stopped with the rest
        }
        if (parent == null) {
            LOG.error("top-level actor {} crashed; stopping it", failed.child, failed.cause);
        }
        failed.child.sendSystem(new SystemMessage.Stop(ExitReason.failed(failed.cause)));
    }

    // ------------------------------------------------------------------ context operations (run only)

    /** Registers a new child; any thread for the guardian, the run otherwise. */
    void addChild(ActorCell<?> child) {
        ConcurrentHashMap<Object, ActorCell<?>> map = children;
        if (map == null) {
            map = new ConcurrentHashMap<>(4);
            children = map;
        }
        Object key = child.name != null ? child.name : child;
        ActorCell<?> existing = map.putIfAbsent(key, child);
        if (existing != null) {
            throw new InvalidActorNameException("name '" + child.name + "' is taken by a live child of "
                    + path() + ": " + existing);
        }
        if (stopping) { // stopping was set before we read it: the stop may not see this child
            map.remove(key, child);
            throw parent == null
                    ? new SystemTerminatedException("actor system '" + runtime.name() + "' is shutting down")
                    : new IllegalStateException(this + " is stopping; it cannot spawn children");
        }
    }

    /** Guardian only: created before any spawn, so other threads can add children safely. */
    void initChildren() {
        children = new ConcurrentHashMap<>(64);
    }

    ConcurrentHashMap<Object, ActorCell<?>> childrenOrNull() {
        return children;
    }

    Relations relations() {
        Relations r = relations;
        if (r == null) {
            r = new Relations();
            relations = r;
        }
        return r;
    }

    TimersImpl<M> timers() {
        TimersImpl<M> t = timers;
        if (t == null) {
            t = new TimersImpl<>(this);
            timers = t;
        }
        return t;
    }

    TimersImpl<M> timersOrNull() {
        return timers;
    }

    /** A supervisor gave up on this cell: release the name now, finish as killed, report nothing. */
    void abandon() {
        abandoned = true;
        CellEvents.stopped(this, ExitReason.KILLED); // now: its name is released now, its run may never end
        if (parent != null && parent.children != null) {
            parent.children.remove(name != null ? name : this, this);
        }
        sendSystem(new SystemMessage.Kill());
    }

    /**
     * The system's shutdown timed out with this cell alive: it is terminated as far as the rest of the
     * world is concerned (sends are dead-lettered), and its mailbox is drained now if no run holds it.
     * Any thread.
     *
     * @return what the cell was doing, for the shutdown report
     */
    String abandonAtShutdown() {
        Thread inRun = runner;
        String doing = inRun != null ? "still handling a message on " + inRun.getName()
                : switch (lifecycle) {
                    case STOPPING -> "stopping: waiting for its children to stop";
                    case RESTARTING -> "restarting: waiting for its children to stop";
                    case NEW -> "never started";
                    default -> "not scheduled to run (" + actorState() + ")";
                };
        abandoned = true;
        exitReason = ExitReason.KILLED;
        drainIfIdle();
        return doing;
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
        if (!inLoggingContext && runtime.loggingContextAvailable && runner == Thread.currentThread()) {
            inLoggingContext = true;
            LoggingContext.enter(runtime.name(), pathName());
        }
    }

    /** @return the path as a string, built once */
    String pathName() {
        String p = pathName;
        if (p == null) {
            p = path().toString();
            pathName = p;
        }
        return p;
    }

    /** @return what a snapshot shows of this cell's lifecycle (a racy read, as snapshots are) */
    ActorState actorState() {
        return switch (lifecycle) {
            case NEW -> ActorState.STARTING;
            case RUNNING -> ActorState.RUNNING;
            case SUSPENDED, HALTED -> ActorState.SUSPENDED;
            case RESTARTING -> ActorState.RESTARTING;
            case STOPPING -> ActorState.STOPPING;
            case TERMINATED -> ActorState.TERMINATED;
        };
    }

    /** @return messages handled so far, by every instance (a racy read) */
    long processedCount() {
        return processed;
    }

    /** @return restarts in place so far (a racy read) */
    int restartCount() {
        return Math.max(0, incarnation - 1);
    }

    /** @return the class of the current instance, or null between instances */
    Class<?> actorClass() {
        Actor<M> a = actor;
        return a == null ? null : a.getClass();
    }

    /** State of an ongoing stop of all children. */
    private static final class Shutdown {
        enum Then { TERMINATE, RECREATE, HALT }

        final Then then;
        boolean brutal;
        boolean runPostStop = true;
        ExitReason reason = ExitReason.SHUTDOWN;
        /** Children told to stop whose {@code ChildTerminated} has not arrived yet (each marked {@code stopAwaited}). */
        int awaiting;

        Shutdown(Then then, boolean brutal) {
            this.then = then;
            this.brutal = brutal;
        }
    }
}

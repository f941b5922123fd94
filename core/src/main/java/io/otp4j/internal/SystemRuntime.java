package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorLimitExceededException;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.actor.ShutdownReport;
import io.otp4j.actor.SystemSnapshot;
import io.otp4j.actor.SystemTerminatedException;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.internal.RuntimeAccess.ChildListener;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.monitor.Monitor;
import io.otp4j.monitor.SystemEvent;
import io.otp4j.timer.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind one {@link ActorSystem}: id sequence, default dispatcher, scheduler, event stream
 * and the {@code /user} guardian under which all top-level actors live. Internal.
 */
final class SystemRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(SystemRuntime.class);

    private final ActorSystem system;
    private final String name;
    private final int throughput;
    private final Dispatcher defaultDispatcher;
    private final boolean ownsDispatcher;
    private final SupervisionDispatcher supervision;
    private final Scheduler scheduler;
    private final EventStreamImpl eventStream = new EventStreamImpl();
    private final AtomicLong ids = new AtomicLong();
    /**
     * Actors spawned and not yet terminated, the guardian not counted: one CAS at spawn (which refuses past
     * {@link #maxActors}) and one decrement as each one terminates. Exact: never above the limit.
     */
    private final AtomicInteger liveActors = new AtomicInteger();
    private final int maxActors;
    private final MailboxConfig defaultMailbox;
    private final ActorCell<Void> guardian;
    /** Completed when the guardian, and so every actor, has terminated. */
    private final CompletableFuture<Void> guardianDone = new CompletableFuture<>();
    /** Completed with the report once the shutdown is over and the threads are released. */
    private final CompletableFuture<ShutdownReport> terminated = new CompletableFuture<>();
    private final AtomicBoolean shutdownBegun = new AtomicBoolean();
    /** The refusals the shutdown's report names (see {@link #refused}): each actor ended without postStop. */
    private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final Object releaseLock = new Object();
    /** Set when the shutdown ends: from then on no actor code runs; read once per run and per message. */
    volatile boolean closed;
    private final Monitoring monitoring;
    /**
     * Stand-ins of foreign refs ({@link io.otp4j.actor.ForeignRef}) and the refs they are presented as in
     * signals; weak keys, so that a terminated stand-in leaves no entry once collected. Empty, and never
     * locked, in a system that no transport uses.
     */
    private final Map<ActorCell<?>, ActorRef<?>> standIns = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile boolean hasStandIns;
    private final AtomicBoolean shutdownReported = new AtomicBoolean();
    /** A monitor wants per-message events: read once per actor run. */
    final boolean traced;
    /** A monitor is installed: read on every send (per-message events, a bounded mailbox becoming full). */
    final boolean monitored;
    /** The SLF4J provider keeps an MDC: {@code ctx.log()} and failure logs put the actor in it. */
    final boolean loggingContextAvailable;
    /** Every actor run puts the actor in the MDC: read once per actor run. */
    final boolean loggingContextEager;
    /** How long a caller blocked on an ask's reply spins before it parks, learnt from all such waits. */
    final SpinBudget askSpin = new SpinBudget();

    /**
     * @param system the public facade
     * @param name the system's name
     * @param throughput messages per actor run
     * @param dispatcher the default dispatcher, or null to create one
     * @param parallelism the threads of the dispatcher created when {@code dispatcher} is null
     * @param scheduler the scheduler; owned by the runtime from now on
     * @param monitor the monitor
     * @param loggingContext whether every actor run puts its actor in the MDC
     * @param defaultMailbox the mailbox of actors whose props name none
     * @param maxActors the most live actors, {@code Integer.MAX_VALUE} for no limit
     */
    public SystemRuntime(ActorSystem system, String name, int throughput, Dispatcher dispatcher, int parallelism,
                         Scheduler scheduler, Monitor monitor, boolean loggingContext, MailboxConfig defaultMailbox,
                         int maxActors) {
        this.system = system;
        this.defaultMailbox = defaultMailbox;
        this.maxActors = maxActors;
        this.monitoring = new Monitoring(monitor, scheduler);
        Monitoring.register(system, monitoring);
        this.traced = monitoring.tracing();
        this.monitored = monitoring.enabled();
        this.loggingContextAvailable = Monitoring.COMPILED_IN && LoggingContext.isAvailable();
        this.loggingContextEager = loggingContextAvailable && loggingContext;
        eventStream.monitorWith(monitoring, ActorPath.root(name).child("deadLetters"));
        this.name = name;
        this.throughput = throughput;
        this.ownsDispatcher = dispatcher == null;
        this.defaultDispatcher = dispatcher != null ? dispatcher
                : new WorkStealingDispatcher("otp4j-" + name, parallelism);
        this.supervision = new SupervisionDispatcher("otp4j-" + name + "-supervision");
        this.scheduler = scheduler;
        this.guardian = new ActorCell<>(this, null, "user", nextId(), Guardian::new,
                MailboxConfig.unbounded(), defaultDispatcher, null);
        guardian.initChildren();
        if (monitoring.enabled()) {
            monitoring.emit(new SystemEvent.Started(monitoring.now(), ActorPath.root(name), name));
        }
    }

    /**
     * One thread per core, and never fewer than two: on a one-core container a single actor that blocks
     * would otherwise stop every other actor of the system.
     *
     * @return the number of threads of a system's own pool when its settings leave it unset
     */
    public static int defaultParallelism() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** Top-level actors' parent; it handles nothing itself. */
    private static final class Guardian implements Actor<Void> {
        @Override
        public void receive(Void message, io.otp4j.actor.ActorContext<Void> ctx) {}
    }

    ActorSystem system() {
        return system;
    }

    /** @return the {@code /user} guardian, parent of the top-level actors */
    ActorCell<Void> guardian() {
        return guardian;
    }

    /** @return the system's name */
    public String name() {
        return name;
    }

    int throughput() {
        return throughput;
    }

    /** @return the scheduler */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** @return the dispatcher of actors spawned without one of their own */
    Dispatcher defaultDispatcher() {
        return defaultDispatcher;
    }

    /** @return how the runtime reports to the monitor */
    Monitoring monitoring() {
        return monitoring;
    }

    /** @return a snapshot of the live actor tree */
    public SystemSnapshot snapshot() {
        return Introspection.snapshot(this, guardian);
    }

    /** @return the event stream */
    public EventStreamImpl eventStream() {
        return eventStream;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /**
     * Spawns a top-level actor.
     *
     * @param name the name, or null for an anonymous actor
     * @param factory builds instances
     * @param props mailbox and dispatcher
     * @param <M> the message type
     * @return the new actor's ref
     */
    public <M> ActorRef<M> spawnTopLevel(String name, Supplier<? extends Actor<M>> factory, Props props) {
        return spawn(guardian, name, factory, props, null);
    }

    <M> ActorCell<M> spawn(ActorCell<?> parent, String name, Supplier<? extends Actor<M>> factory, Props props) {
        return spawn(parent, name, factory, props, null);
    }

    <M> ActorCell<M> spawn(ActorCell<?> parent, String name, Supplier<? extends Actor<M>> factory, Props props,
                           ChildListener listener) {
        Objects.requireNonNull(factory, "actor factory must not be null");
        Objects.requireNonNull(props, "props must not be null");
        if (name != null) {
            ActorPath.requireValidName("actor name", name);
        }
        if (shutdownBegun.get() || terminated.isDone()) {
            throw new SystemTerminatedException("actor system '" + this.name + "' is terminated");
        }
        props = SupervisionDispatcher.propsFor(props, factory);
        Dispatcher dispatcher = supervision.resolve(props, factory, defaultDispatcher);
        reserveActor(parent);
        ActorCell<M> cell;
        try {
            cell = new ActorCell<>(this, parent, name, nextId(), factory, props.mailbox().orElse(defaultMailbox),
                    dispatcher, listener);
            parent.addChild(cell);
        } catch (RuntimeException | Error e) { // a name taken, a parent stopping: nothing was spawned
            liveActors.decrementAndGet();
            throw e;
        }
        CellEvents.spawned(cell);
        cell.sendStart();
        return cell;
    }

    /** Counts one more live actor, or refuses the spawn if the system already runs its most. */
    private void reserveActor(ActorCell<?> parent) {
        int live;
        do {
            live = liveActors.get();
            if (live >= maxActors) {
                if (monitoring.enabled()) {
                    monitoring.emit(new SystemEvent.ActorLimitReached(monitoring.now(), parent.path(), maxActors));
                }
                throw new ActorLimitExceededException("actor system '" + name + "' already runs its most actors ("
                        + maxActors + "): spawn under " + parent.path() + " refused", maxActors);
            }
        } while (!liveActors.compareAndSet(live, live + 1));
    }

    /** A spawned actor terminated: its slot is free. Called once per actor, as it terminates. */
    void actorTerminated() {
        liveActors.decrementAndGet();
    }

    /**
     * Stops an actor from outside with {@link ExitReason#SHUTDOWN}.
     *
     * @param ref the actor
     * @return completed with the actor's exit reason once it has terminated and its watchers, links and
     *     parent have been told; with {@link ExitReason#NO_PROC} if it had already terminated
     */
    public CompletableFuture<ExitReason> stop(ActorRef<?> ref) {
        ActorCell<?> cell = LocalActors.of(system, ref);
        CompletableFuture<ExitReason> done = new CompletableFuture<>();
        cell.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN, done));
        return done;
    }

    /**
     * Kills an actor: it stops after its current message, without running {@code postStop}.
     *
     * @param ref the actor
     */
    public void kill(ActorRef<?> ref) {
        LocalActors.of(system, ref).sendSystem(new SystemMessage.Kill());
    }

    static ActorCell<?> local(ActorRef<?> ref) {
        Objects.requireNonNull(ref, "ref must not be null");
        if (ref instanceof ActorCell<?> cell) {
            return cell;
        }
        throw new IllegalArgumentException(ref + " is not an actor of this runtime");
    }

    /** {@code standIn} stands for {@code foreign}: signals it causes name {@code foreign}. */
    void presentAs(ActorCell<?> standIn, ActorRef<?> foreign) {
        standIns.put(standIn, foreign);
        hasStandIns = true;
    }

    /** @return the ref that signals caused by {@code cell} name: the foreign ref it stands for, else itself */
    ActorRef<?> presented(ActorCell<?> cell) {
        if (!hasStandIns) {
            return cell;
        }
        ActorRef<?> foreign = standIns.get(cell);
        return foreign != null ? foreign : cell;
    }

    void deadLetter(Object message, ActorRef<?> recipient, DeadLetter.Reason reason) {
        LOG.debug("dead letter to {} ({}): {}", recipient, reason, message);
        eventStream.deadLetter(new DeadLetter(message, recipient, reason));
    }

    /** A cell its dispatcher refused, and the refusal. */
    private record Refusal(ActorCell<?> cell, RuntimeException cause) {}

    /**
     * A cell's dispatcher refused it; called before the cell terminates (so before its parent, and in the
     * end the guardian, can hear of it). Once the shutdown has begun, the cell is named in the report: it
     * ends without its postStop, and its children are killed with it. So is the guardian at any time: its
     * refusal kills every actor, and the shutdown that follows finds none left to stop.
     */
    void refused(ActorCell<?> cell, RuntimeException cause) {
        if (shutdownBegun.get() || cell.parentCell() == null) {
            refusals.add(new Refusal(cell, cause));
        }
    }

    void guardianTerminated(ExitReason reason) {
        guardianDone.complete(null);
    }

    /** @return a stage completed with the shutdown's report once every actor has terminated or been abandoned */
    public CompletableFuture<ShutdownReport> whenTerminated() {
        return terminated;
    }

    /**
     * Stops every actor top-down (children before parents; independent subtrees concurrently), waits up to
     * {@code timeout}, abandons what is still running, and releases the threads. From inside one of this
     * system's actors it only begins the shutdown, which a separate thread finishes.
     *
     * @param timeout the longest wait for the actors; saturated, never overflows
     * @return how it ended
     */
    public ShutdownReport shutdown(Duration timeout) {
        long nanos = saturatedNanos(timeout);
        boolean first = shutdownBegun.compareAndSet(false, true);
        if (first) {
            guardian.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN));
        }
        if (terminated.isDone()) {
            return terminated.join();
        }
        ActorCell<?> caller = ActorCell.running();
        if (caller != null && caller.runtime() == this) {
            // an actor cannot wait for its own termination: a separate thread finishes the shutdown
            if (first) {
                Thread finisher = new Thread(() -> awaitAndRelease(nanos), "otp4j-" + name + "-shutdown");
                finisher.setDaemon(true);
                finisher.start();
            }
            return new ShutdownReport(ShutdownReport.Outcome.IN_PROGRESS, List.of());
        }
        return awaitAndRelease(nanos);
    }

    static long saturatedNanos(Duration d) {
        Objects.requireNonNull(d, "timeout must not be null");
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private ShutdownReport awaitAndRelease(long nanos) {
        boolean interrupted = false;
        try {
            guardianDone.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // reported below, with the actors that did not stop
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        synchronized (releaseLock) {
            if (terminated.isDone()) {
                return terminated.join();
            }
            closed = true;
            List<ShutdownReport.Abandoned> abandoned = new ArrayList<>();
            boolean timedOut = !guardianDone.isDone();
            if (timedOut) {
                abandonLive(guardian, abandoned);
            }
            for (Refusal refusal : refusals) {
                abandoned.add(new ShutdownReport.Abandoned(refusal.cell().path(), "refused by its dispatcher ("
                        + refusal.cause() + "): ended without postStop, its children killed"));
                // it killed its children without waiting for them (it could not run to hear of them): one
                // still in a message is abandoned, as after a timeout
                for (ActorCell<?> child : refusal.cell().liveChildren()) {
                    abandonLive(child, abandoned);
                }
            }
            if (ownsDispatcher && defaultDispatcher instanceof WorkStealingDispatcher pool) {
                for (Object waiting : pool.shutdownNow()) {
                    if (waiting instanceof ActorCell<?> cell && cell.claim() != Mailbox.NOT_CLAIMED) { // stale entries skipped
                        cell.drainScheduled();
                    }
                }
            } else if (ownsDispatcher) {
                defaultDispatcher.close();
            }
            for (Object waiting : supervision.shutdownNow()) {
                if (waiting instanceof ActorCell<?> cell && cell.claim() != Mailbox.NOT_CLAIMED) {
                    cell.drainScheduled();
                }
            }
            scheduler.close();
            ShutdownReport.Outcome outcome = timedOut ? ShutdownReport.Outcome.TIMED_OUT
                    : abandoned.isEmpty() ? ShutdownReport.Outcome.CLEAN : ShutdownReport.Outcome.REFUSED;
            ShutdownReport report = new ShutdownReport(outcome, abandoned);
            if (timedOut) {
                LOG.warn("actor system '{}' did not stop within its timeout; {} actor(s) abandoned: {}", name,
                        abandoned.size(), abandoned);
            } else if (!report.clean()) {
                LOG.warn("actor system '{}' stopped, but {} actor(s) were refused by their dispatcher and ended "
                        + "without postStop: {}", name, abandoned.size(), abandoned);
            }
            if (monitoring.enabled() && shutdownReported.compareAndSet(false, true)) {
                monitoring.emit(new SystemEvent.Shutdown(monitoring.now(), ActorPath.root(name), name, report.clean()));
            }
            terminated.complete(report);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return report;
        }
    }

    /** Abandons every live cell below {@code parent}, deepest first, and the parent itself if alive. */
    private static void abandonLive(ActorCell<?> parent, List<ShutdownReport.Abandoned> out) {
        for (ActorCell<?> child : parent.liveChildren()) {
            abandonLive(child, out);
        }
        if (!parent.isTerminated() && parent.parentCell() != null) {
            out.add(new ShutdownReport.Abandoned(parent.path(), parent.abandonAtShutdown()));
        } else if (!parent.isTerminated()) {
            parent.abandonAtShutdown(); // the guardian: not an actor of the user's
        }
    }
}

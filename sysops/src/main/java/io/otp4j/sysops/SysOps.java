package io.otp4j.sysops;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import io.otp4j.sysops.audit.AuditRecord;
import io.otp4j.sysops.audit.AuditSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Supervised system operations behind a deny-by-default {@link Policy}, each one audited.
 *
 * <pre>{@code
 * try (SysOps ops = SysOps.start(system, policy, JsonLinesAuditLog.open(auditFile))) {
 *     Result<FileOperation.Content> read = ops.submit(Principal.of("alice", "reader"),
 *             new FileOperation.ReadFile(Path.of("/srv/inbox/a.csv"), 1 << 20)).toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <p>The tree: a ONE_FOR_ONE supervisor ({@link SysOpsSettings#name()}, under {@code /user}) with
 * {@link SysOpsSettings#workersPerKind()} workers for each kind of operation ({@code file-0},
 * {@code process-0}, {@code network-0}, ...), all on virtual threads. A request goes to the next worker of its
 * kind, round robin; the worker checks it against the policy, does it, and answers. A worker that crashes
 * answers its request with {@link Result.Failure#CRASHED} and is restarted alone; the other workers and their
 * requests carry on.
 *
 * <p>Time: a file operation may take {@link SysOpsSettings#fileTimeout()}; a process, TCP or HTTP operation its
 * own timeout (plus a second for the worker to report). Past that, the request is answered
 * {@link Result.TimedOut} and its work stopped: file or socket closed, process and descendants killed.
 * Cancelling the returned stage ({@code toCompletableFuture().cancel(true)}) stops the work the same way.
 *
 * <p>Audit: every request that {@link #submit} accepts produces exactly one {@link AuditRecord} when it is
 * answered (allowed or denied, done, failed, timed out or cancelled), stamped by
 * {@link SysOpsSettings#clock()}.
 *
 * <p>Threads: {@link #submit} from any thread, actors included (it never blocks); the stage completes on the
 * worker's thread, or the timer's, or the canceller's. {@link #close} once, from outside the workers.
 */
public final class SysOps implements AutoCloseable {

    private final ActorSystem system;
    private final SupervisorRef supervisor;
    private final Map<Worker.Kind, List<ActorRef<Job<?>>>> workers;
    private final Map<Worker.Kind, AtomicInteger> next = new EnumMap<>(Worker.Kind.class);
    private final AuditSink audit;
    private final SysOpsSettings settings;
    private final Watches watches;
    private final Set<Job<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SysOps(ActorSystem system, SupervisorRef supervisor, Map<Worker.Kind, List<ActorRef<Job<?>>>> workers,
            AuditSink audit, SysOpsSettings settings, Watches watches) {
        this.system = system;
        this.supervisor = supervisor;
        this.workers = workers;
        this.audit = audit;
        this.settings = settings;
        this.watches = watches;
        for (Worker.Kind kind : Worker.Kind.values()) {
            next.put(kind, new AtomicInteger());
        }
    }

    /**
     * Starts sysops with {@link SysOpsSettings#defaults()}.
     *
     * @param system the actor system to run in
     * @param policy what is allowed
     * @param audit where the audit records go; closed by {@link #close()}
     * @return sysops, its workers started
     */
    public static SysOps start(ActorSystem system, Policy policy, AuditSink audit) {
        return start(system, policy, audit, SysOpsSettings.defaults());
    }

    /**
     * Starts sysops: its supervisor and workers, before this returns.
     *
     * @param system the actor system to run in
     * @param policy what is allowed
     * @param audit where the audit records go; closed by {@link #close()}
     * @param settings how it runs
     * @return sysops, its workers started
     * @throws NullPointerException if an argument is null
     * @throws io.otp4j.actor.InvalidActorNameException if the supervisor's name is taken
     */
    public static SysOps start(ActorSystem system, Policy policy, AuditSink audit, SysOpsSettings settings) {
        return start(system, policy, audit, settings, Hooks.NONE);
    }

    static SysOps start(ActorSystem system, Policy policy, AuditSink audit, SysOpsSettings settings, Hooks hooks) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(settings, "settings");
        Watches watches = new Watches();
        Props onVirtualThreads = Props.defaults().withDispatcher(Dispatcher.virtualThreads());
        SupervisorSpec.Builder spec = Supervisor.builder().strategy(Strategy.ONE_FOR_ONE)
                .intensity(settings.maxRestarts(), settings.restartPeriod());
        for (Worker.Kind kind : Worker.Kind.values()) {
            for (int i = 0; i < settings.workersPerKind(); i++) {
                spec.child(ChildSpec.worker(childId(kind, i), () -> new Worker(kind, policy, hooks, watches))
                        .withProps(onVirtualThreads));
            }
        }
        SupervisorRef supervisor = Supervisor.start(system, settings.name(), spec.build());
        Map<Worker.Kind, List<ActorRef<Job<?>>>> workers = new EnumMap<>(Worker.Kind.class);
        for (Worker.Kind kind : Worker.Kind.values()) {
            List<ActorRef<Job<?>>> refs = new ArrayList<>();
            for (int i = 0; i < settings.workersPerKind(); i++) {
                refs.add(workerRef(supervisor, childId(kind, i)));
            }
            workers.put(kind, List.copyOf(refs));
        }
        return new SysOps(system, supervisor, workers, audit, settings, watches);
    }

    @SuppressWarnings("unchecked")
    private static ActorRef<Job<?>> workerRef(SupervisorRef supervisor, String id) {
        return (ActorRef<Job<?>>) supervisor.child(id).toCompletableFuture().join()
                .orElseThrow(() -> new IllegalStateException("sysops worker " + id + " did not start"));
    }

    private static String childId(Worker.Kind kind, int index) {
        return kind.name().toLowerCase(Locale.ROOT) + "-" + index;
    }

    /**
     * Submits an operation on behalf of a principal.
     *
     * @param principal who asks
     * @param operation what
     * @param <R> the value of a success
     * @return a stage completed with the answer; never completed exceptionally, except by its own
     *     cancellation. After {@link #close()}, an already completed {@link Result.Failure#CLOSED} failure, not
     *     audited.
     * @throws NullPointerException if an argument is null
     */
    public <R> CompletionStage<Result<R>> submit(Principal principal, Operation<R> operation) {
        Job<R> job = new Job<>(principal, operation);
        long started = System.nanoTime();
        CompletableFuture<Result<R>> answer = new CompletableFuture<>();
        pending.add(job);
        if (closed) {
            pending.remove(job);
            return CompletableFuture.completedFuture(new Result.Failed<>(Result.Failure.CLOSED, "sysops is closed"));
        }
        Duration timeout = timeoutOf(operation);
        job.answer.completeOnTimeout(new Result.TimedOut<>(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        job.answer.whenComplete((result, never) -> {
            try {
                if (!(result instanceof Result.Ok)) {
                    job.stop(); // a timeout, a cancel or a close overtook the work: end it
                }
                record(job, result, System.nanoTime() - started, answer.isCancelled());
            } finally {
                pending.remove(job);
                answer.complete(result);
            }
        });
        answer.whenComplete((result, error) -> {
            if (answer.isCancelled()) {
                job.answer.complete(new Result.Failed<>(Result.Failure.IO, "cancelled by the caller"));
            }
        });
        List<ActorRef<Job<?>>> candidates = workers.get(Worker.Kind.of(operation));
        ActorRef<Job<?>> worker = candidates.get(
                Math.floorMod(next.get(Worker.Kind.of(operation)).getAndIncrement(), candidates.size()));
        try {
            worker.tell(job);
        } catch (RuntimeException e) {
            job.answer.complete(new Result.Failed<>(Result.Failure.CRASHED, "no worker took it: " + e));
        }
        return answer;
    }

    private Duration timeoutOf(Operation<?> operation) {
        Duration reportingMargin = Duration.ofSeconds(1);
        return switch (operation) {
            case FileOperation<?> file -> settings.fileTimeout();
            case ProcessOperation.RunProcess run -> run.timeout().plus(reportingMargin);
            case NetworkOperation.TcpExchange tcp -> tcp.timeout().plus(reportingMargin);
            case NetworkOperation.HttpCall call -> call.timeout().plus(reportingMargin);
        };
    }

    private void record(Job<?> job, Result<?> result, long nanos, boolean cancelled) {
        String outcome = cancelled ? "cancelled" : switch (result) {
            case Result.Ok<?> ok -> "ok";
            case Result.Denied<?> denied -> "denied";
            case Result.Failed<?> failed -> "failed:" + failed.kind().name().toLowerCase(Locale.ROOT);
            case Result.TimedOut<?> timedOut -> "timed-out";
        };
        AuditRecord record = new AuditRecord(settings.clock().instant(), job.principal.name(),
                job.operation.name(), job.target, job.decision, job.rule, outcome, Duration.ofNanos(nanos),
                job.bytes);
        try {
            audit.record(record);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(SysOps.class).error("audit record lost: {}", record.toJson(), e);
        }
    }

    /** @return the supervisor of the workers, for inspection */
    public SupervisorRef supervisor() {
        return supervisor;
    }

    /** @return how many submitted requests are not answered yet */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Stops everything sysops runs, then closes the audit sink: requests in flight are answered
     * {@link Result.Failure#CLOSED} (and audited) and their work stopped (processes and their descendants
     * killed, files and sockets closed), the workers and their supervisor stopped, the directory watches
     * cancelled. Every record of an answered request is in the sink before it closes. Idempotent; the
     * actor system itself is left running.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Job<?> job : pending) {
            // answer first: stopping the work first would let the worker answer with what the stop did
            job.answer.complete(new Result.Failed<>(Result.Failure.CLOSED, "sysops closed"));
            job.stop();
        }
        try {
            system.stop(supervisor.ref()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LoggerFactory.getLogger(SysOps.class).warn("sysops workers did not stop within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LoggerFactory.getLogger(SysOps.class).warn("stopping the sysops workers failed", e);
        }
        watches.closeAll();
        audit.close();
    }

    int liveWatches() {
        return watches.liveCount();
    }

    @Override
    public String toString() {
        return "SysOps[" + settings.name() + ", " + pending.size() + " pending]";
    }
}

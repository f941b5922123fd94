package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.ManualScheduler;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One supervision test's world: an actor system (real or manual time), the shared lifecycle log the
 * {@link Worker}s write to, the workers' current refs, and an {@link EventRecorder}.
 *
 * <p>Waiting: every wait here returns as soon as its condition holds and fails after {@link #WAIT}; no
 * test depends on how long anything takes.
 */
final class Lab implements AutoCloseable {

    /** The most any single wait may take before the test fails: generous, never reached when green. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** How a child is made to exit. */
    enum ExitKind {
        /** {@code ctx.stop()}: reason normal. */
        NORMAL,
        /** {@code ctx.exit(SHUTDOWN)}. */
        SHUTDOWN,
        /** {@code ctx.exit(new Shutdown("detail"))}: Erlang's {@code {shutdown, Term}}. */
        SHUTDOWN_WITH_DETAIL,
        /** {@code receive} throws: the child is suspended for its supervisor. */
        CRASH,
        /** {@code ctx.exit(failed(..))}: an abnormal exit that terminates the actor. */
        FAILED_EXIT,
        /** {@code system.kill(ref)}: killed, no postStop. */
        KILLED;

        boolean abnormal() {
            return this == CRASH || this == FAILED_EXIT || this == KILLED;
        }
    }

    private static final ActorSystemSettings SETTINGS =
            ActorSystemSettings.defaults().withShutdownTimeout(Duration.ofSeconds(3));

    final ActorTestKit kit;
    final EventRecorder events;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, ActorRef<Worker.Cmd>> refs = new ConcurrentHashMap<>();
    private final Map<String, Worker.Factory> factories = new ConcurrentHashMap<>();
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
    private TestProbe<Object> probe;

    private Lab(ActorTestKit kit) {
        this.kit = kit;
        this.events = new EventRecorder(kit.system());
    }

    static Lab realTime() {
        return new Lab(ActorTestKit.create(SETTINGS));
    }

    static Lab manualTime() {
        return new Lab(ActorTestKit.withManualTime(SETTINGS));
    }

    /** @return a lab with real time whose system's default dispatcher is {@code on} */
    static Lab realTime(DispatcherUnderTest on) {
        return new Lab(on.testKit(SETTINGS));
    }

    /** @return a lab with manual time whose system's default dispatcher is {@code on} */
    static Lab manualTime(DispatcherUnderTest on) {
        return new Lab(on.manualTimeTestKit(SETTINGS));
    }

    // ------------------------------------------------------------------ children

    /** @return the factory of the worker with this id (one per id, shared by its incarnations) */
    Worker.Factory worker(String id) {
        return factories.computeIfAbsent(id, i -> new Worker.Factory(i, this));
    }

    /** @return a permanent worker child with the default 5 s shutdown */
    ChildSpec<Worker.Cmd> child(String id) {
        return ChildSpec.worker(id, worker(id));
    }

    /** @return a template whose children are workers with the argument as id */
    ChildTemplate<String, Worker.Cmd> template() {
        return ChildTemplate.of(arg -> worker(arg).get());
    }

    void register(String id, ActorRef<Worker.Cmd> ref) {
        refs.put(id, ref);
    }

    /** @return the ref of the worker's latest incarnation */
    ActorRef<Worker.Cmd> ref(String id) {
        ActorRef<Worker.Cmd> ref = refs.get(id);
        assertThat(ref).as("worker %s has started", id).isNotNull();
        return ref;
    }

    /**
     * Tells the worker from a thread of its own: for a {@link Worker.Hold}, so that on the calling-thread
     * dispatcher the worker waits at the gate on that thread, not on the test's (on the other dispatchers
     * it changes nothing). Wait for the worker's {@code hold:<id>} before relying on the order of later sends.
     */
    void tellFromAnotherThread(String id, Worker.Cmd cmd) {
        ActorRef<Worker.Cmd> ref = ref(id);
        Thread.ofPlatform().name("lab-sender").daemon().start(() -> ref.tell(cmd));
    }

    /** @return the ref of the worker's latest incarnation, or null if none has finished its preStart yet */
    ActorRef<Worker.Cmd> refOrNull(String id) {
        return refs.get(id);
    }

    void tell(String id, Worker.Cmd cmd) {
        ref(id).tell(cmd);
    }

    /** Makes the worker crash; returns the thrown exception, which is the cause in its exit reason. */
    RuntimeException crash(String id) {
        RuntimeException cause = new IllegalStateException("crash of " + id);
        tell(id, new Worker.Crash(cause));
        return cause;
    }

    /** Makes the worker exit in the given way; returns the reason its supervisor should see. */
    ExitReason exit(String id, ExitKind kind) {
        return switch (kind) {
            case NORMAL -> {
                tell(id, new Worker.StopSelf());
                yield ExitReason.NORMAL;
            }
            case SHUTDOWN -> {
                tell(id, new Worker.ExitWith(ExitReason.SHUTDOWN));
                yield ExitReason.SHUTDOWN;
            }
            case SHUTDOWN_WITH_DETAIL -> {
                ExitReason reason = new ExitReason.Shutdown("detail");
                tell(id, new Worker.ExitWith(reason));
                yield reason;
            }
            case CRASH -> ExitReason.failed(crash(id));
            case FAILED_EXIT -> {
                ExitReason reason = ExitReason.failed(new IllegalStateException("exit of " + id));
                tell(id, new Worker.ExitWith(reason));
                yield reason;
            }
            case KILLED -> {
                kit.system().kill(ref(id));
                yield ExitReason.KILLED;
            }
        };
    }

    /** @return a closed gate, opened at the latest when the lab closes */
    CountDownLatch gate() {
        CountDownLatch gate = new CountDownLatch(1);
        gates.add(gate);
        return gate;
    }

    // ------------------------------------------------------------------ supervisors

    SupervisorRef start(SupervisorSpec spec) {
        return Supervisor.start(kit.system(), "sup", spec);
    }

    /** @return a handle on the child supervisor {@code id} of {@code parent} */
    static SupervisorRef childSupervisor(SupervisorRef parent, String id) {
        assertThat(info(parent, id).supervisor()).as("%s is a supervisor", id).isTrue();
        return join(parent.childSupervisor(id)).orElseThrow();
    }

    static ChildInfo info(SupervisorRef sup, String id) {
        return join(sup.whichChildren()).stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no child " + id));
    }

    /** @return the refs of the children that have one, in start order */
    static List<ActorRef<?>> refs(SupervisorRef sup) {
        return join(sup.whichChildren()).stream().flatMap(c -> c.ref().stream()).toList();
    }

    static List<String> ids(SupervisorRef sup) {
        return join(sup.whichChildren()).stream().map(ChildInfo::id).toList();
    }

    /** Waits for the actor to terminate and returns its exit reason. */
    ExitReason awaitTerminated(ActorRef<?> ref) {
        if (probe == null) {
            probe = kit.createTestProbe();
        }
        return probe.expectTerminated(ref, WAIT).reason();
    }

    // ------------------------------------------------------------------ the log

    void record(String entry) {
        log.add(entry);
    }

    List<String> log() {
        return List.copyOf(log);
    }

    /** @return the entries of the log that {@code keep} accepts, in order */
    List<String> log(Predicate<String> keep) {
        return log.stream().filter(keep).toList();
    }

    /** @return the lifecycle entries only: start, startfail and stop */
    List<String> lifecycle() {
        return log(e -> e.startsWith("start:") || e.startsWith("startfail:") || e.startsWith("stop:"));
    }

    long count(String entry) {
        return log.stream().filter(entry::equals).count();
    }

    /** Waits until the log holds {@code entry} at least {@code times} times. */
    void awaitLog(String entry, int times) {
        await().atMost(WAIT).pollInterval(1, TimeUnit.MILLISECONDS).alias(entry + " x" + times + " in " + log)
                .until(() -> count(entry) >= times);
    }

    void awaitLog(String entry) {
        awaitLog(entry, 1);
    }

    // ------------------------------------------------------------------ time

    ManualScheduler time() {
        return kit.manualTime();
    }

    /** Waits until the manual scheduler holds at least {@code count} tasks (timers that have been set). */
    void awaitPendingTimers(int count) {
        await().atMost(WAIT).pollInterval(1, TimeUnit.MILLISECONDS).alias(count + " pending timers")
                .until(() -> time().pendingTasks() >= count);
    }

    // ------------------------------------------------------------------ stages

    /** @return the value of a stage that must complete normally */
    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success but failed with " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + WAIT + " (is the supervisor stuck?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return the failure of a stage that must fail with a {@link SupervisorException} */
    static SupervisorException failure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected a SupervisorException but got " + value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SupervisorException s) {
                return s;
            }
            throw new AssertionError("expected a SupervisorException but failed with " + cause, cause);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + WAIT + " (is the supervisor stuck?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Optional<ActorRef<?>> refOf(SupervisorRef sup, String id) {
        return info(sup, id).ref();
    }

    @Override
    public void close() {
        gates.forEach(CountDownLatch::countDown);
        kit.close();
    }
}

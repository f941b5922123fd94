package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Supervision keeps working while user actors saturate a dispatcher: actors that compute without end,
 * at least one per thread of the dispatcher, started before the supervision tree and running until the
 * test ends. Supervisors run on their system's own supervision dispatcher, so neither saturation can
 * hold up a start, a restart, an escalation or a control call.
 *
 * <p>On the virtual-thread dispatcher, the computing actors hold every carrier thread (a virtual thread
 * is never preempted): a supervisor that ran there would not run at all until they return, which they do
 * only when the test releases them. Every wait below fails after {@link #HANG}, which only detects that
 * nothing progresses: no figure here measures speed (the latencies are measured by the benchmarks'
 * {@code SupervisionLatency} program).
 */
class SupervisionUnderSaturationTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    /** Which dispatcher the computing user actors saturate. */
    enum Saturated {
        VIRTUAL_THREADS {
            @Override
            Props props() {
                return Props.defaults().withDispatcher(Dispatcher.virtualThreads());
            }

            @Override
            int threads() {
                // the virtual-thread scheduler has one carrier per core unless configured otherwise
                return Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                        Runtime.getRuntime().availableProcessors());
            }
        },
        DEFAULT_DISPATCHER {
            @Override
            Props props() {
                return Props.defaults();
            }

            @Override
            int threads() {
                return Math.max(2, Runtime.getRuntime().availableProcessors()); // the default pool's size
            }
        };

        abstract Props props();

        abstract int threads();
    }

    private ActorSystem system;
    private volatile boolean released;

    @AfterEach
    void close() {
        released = true; // the computing actors return, so the system can stop them
        if (system != null) {
            system.close();
        }
    }

    /** Computes until the test ends, never returning from its run: a CPU-bound user actor. */
    private final class Spinner implements Actor<String> {
        private final CountDownLatch spinning;

        Spinner(CountDownLatch spinning) {
            this.spinning = spinning;
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {
            spinning.countDown();
            while (!released) {
                Thread.onSpinWait();
            }
        }
    }

    /** A worker child: records each started incarnation, crashes when told. */
    static final class Fragile implements Actor<String> {
        private final String id;
        private final Map<String, BlockingQueue<ActorRef<String>>> starts;

        Fragile(String id, Map<String, BlockingQueue<ActorRef<String>>> starts) {
            this.id = id;
            this.starts = starts;
        }

        @Override
        public void preStart(ActorContext<String> ctx) {
            starts.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).add(ctx.self());
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {
            throw new IllegalStateException("told to crash: " + id);
        }
    }

    private final Map<String, BlockingQueue<ActorRef<String>>> starts = new ConcurrentHashMap<>();

    private ChildSpec<String> fragile(String id) {
        Supplier<Actor<String>> factory = () -> new Fragile(id, starts);
        return ChildSpec.worker(id, factory);
    }

    /** Waits for the next incarnation of a child to start. */
    private ActorRef<String> nextStart(String id) throws InterruptedException {
        ActorRef<String> ref = starts.computeIfAbsent(id, k -> new LinkedBlockingQueue<>())
                .poll(HANG.toSeconds(), TimeUnit.SECONDS);
        assertThat(ref).as("a new incarnation of %s started", id).isNotNull();
        return ref;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(HANG.toSeconds(), TimeUnit.SECONDS).join();
    }

    private void saturate(Saturated which) throws InterruptedException {
        system = ActorSystem.create("saturated-" + which.name().toLowerCase(java.util.Locale.ROOT),
                ActorSystemSettings.defaults().withShutdownTimeout(Duration.ofSeconds(10)));
        int threads = which.threads();
        CountDownLatch spinning = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            system.spawn("spinner-" + i, () -> new Spinner(spinning), which.props()).tell("spin");
        }
        assertThat(spinning.await(HANG.toSeconds(), TimeUnit.SECONDS)).as("every thread computes").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Saturated.class)
    void aTreeStartsRestartsEscalatesAndAnswersWhileUserActorsSaturateADispatcher(Saturated which)
            throws InterruptedException {
        saturate(which);
        SupervisorSpec inner = Supervisor.builder()
                .intensity(0, Duration.ofSeconds(60)) // the first crash below it is escalated
                .child(fragile("leaf"))
                .build();
        SupervisorSpec root = Supervisor.builder()
                .intensity(10, Duration.ofSeconds(60))
                .child(fragile("worker"))
                .child(ChildSpec.supervisor("inner", inner))
                .build();

        // start: the whole tree, nested supervisor included
        SupervisorRef sup = Supervisor.start(system, "root", root, HANG);
        ActorRef<String> worker = nextStart("worker");
        ActorRef<String> leaf = nextStart("leaf");

        // control API
        List<ChildInfo> children = join(sup.whichChildren());
        assertThat(children).extracting(ChildInfo::id).containsExactly("worker", "inner");
        assertThat(children).extracting(ChildInfo::status).containsOnly(ChildStatus.RUNNING);
        ActorRef<?> firstInner = children.get(1).ref().orElseThrow();

        // restart: a crashed worker gets a new incarnation
        worker.tell("crash");
        nextStart("worker");
        assertThat(info(sup, "worker").restarts()).isEqualTo(1);

        // escalation: the leaf's crash exceeds the inner supervisor's intensity; the root restarts the inner one
        leaf.tell("crash");
        nextStart("leaf");
        ChildInfo restartedInner = info(sup, "inner");
        assertThat(restartedInner.restarts()).as("the root restarted the inner supervisor").isEqualTo(1);
        assertThat(restartedInner.status()).isEqualTo(ChildStatus.RUNNING);
        assertThat(restartedInner.ref()).isPresent();
        assertThat(restartedInner.ref().orElseThrow()).isNotSameAs(firstInner);

        // terminate and restart a child through the control API
        join(sup.terminateChild("worker"));
        ActorRef<?> restarted = join(sup.restartChild("worker")).orElseThrow();
        assertThat(nextStart("worker")).isSameAs(restarted);
        assertThat(info(sup, "worker").status()).isEqualTo(ChildStatus.RUNNING);
    }

    private static ChildInfo info(SupervisorRef sup, String id) {
        return join(sup.whichChildren()).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}

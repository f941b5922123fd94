package io.otp4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ErrorAction;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spawns, stops, crashes and supervisor restarts, counted on a running system, tagged by actor class. */
class ActorLifecycleMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Readings read = new Readings(registry);
    private final MicrometerMonitor monitor = MicrometerMonitor.create(registry);
    private final ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
    private final String system = kit.system().name();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void spawnsAndStopsAreCountedAndTheLiveGaugeFollowsThem() {
        TestProbe<String> probe = kit.createTestProbe();
        double liveBefore = read.gauge(MeterNames.ACTORS_LIVE, "system", system).orElseThrow();
        double spawnedBefore = read.count(MeterNames.ACTORS_SPAWNED, "system", system);

        ActorRef<Worker.Cmd> a = kit.spawn("a", Worker::new);
        ActorRef<Worker.Cmd> b = kit.spawn("b", Worker::new);
        kit.spawn("c", Worker::new);
        assertThat(read.count(MeterNames.ACTORS_SPAWNED, "system", system)).isEqualTo(spawnedBefore + 3);
        assertThat(read.gauge(MeterNames.ACTORS_LIVE, "system", system)).hasValue(liveBefore + 3);

        kit.system().stop(a);
        probe.expectTerminated(a);
        kit.system().kill(b);
        probe.expectTerminated(b);

        assertThat(read.gauge(MeterNames.ACTORS_LIVE, "system", system)).hasValue(liveBefore + 1);
        assertThat(read.gauge(MeterNames.ACTORS_LIVE, "system", system))
                .hasValue(kit.system().snapshot().actorCount());
        assertThat(read.count(MeterNames.ACTORS_STOPPED, "class", Worker.CLASS, "reason", "shutdown")).isEqualTo(1);
        assertThat(read.count(MeterNames.ACTORS_STOPPED, "class", Worker.CLASS, "reason", "killed")).isEqualTo(1);
        assertThat(read.count(MeterNames.ACTORS_STOPPED, "system", system)).isEqualTo(2);
    }

    @Test
    void crashesAreCountedByActorClassAndDecision() {
        TestProbe<String> probe = kit.createTestProbe();
        ActorRef<Worker.Cmd> resuming = kit.spawn("resuming", () -> new Worker(ErrorAction.RESUME));
        ActorRef<Worker.Cmd> restarting = kit.spawn("restarting", () -> new Worker(ErrorAction.RESTART));
        ActorRef<Worker.Cmd> stopping = kit.spawn("stopping", () -> new Worker(ErrorAction.STOP));

        resuming.tell(new Worker.Crash("one"));
        resuming.tell(new Worker.Crash("two"));
        resuming.tell(new Worker.Ping(probe.ref()));
        restarting.tell(new Worker.Crash("three"));
        restarting.tell(new Worker.Ping(probe.ref()));
        stopping.tell(new Worker.Crash("four"));
        probe.expectMessage("pong");
        probe.expectMessage("pong");
        probe.expectTerminated(stopping);

        assertThat(read.count(MeterNames.ACTOR_FAILURES, "system", system, "class", Worker.CLASS, "decision", "resume"))
                .isEqualTo(2);
        assertThat(read.count(MeterNames.ACTOR_FAILURES, "class", Worker.CLASS, "decision", "restart")).isEqualTo(1);
        assertThat(read.count(MeterNames.ACTOR_FAILURES, "class", Worker.CLASS, "decision", "stop")).isEqualTo(1);
        assertThat(read.series(MeterNames.ACTOR_FAILURES)).as("no series for a decision never taken").isEqualTo(3);
        assertThat(read.count(MeterNames.ACTORS_STOPPED, "class", Worker.CLASS, "reason", "failed")).isEqualTo(1);
    }

    @Test
    void supervisorRestartsAreCountedByTheChildsClass() {
        SupervisorRef sup = Supervisor.start(kit.system(), "sup", Supervisor.builder()
                .intensity(5, Duration.ofSeconds(5))
                .child(ChildSpec.worker("w", () -> new Worker(ErrorAction.ESCALATE))).build());

        child(sup).tell(new Worker.Crash("once"));
        await().until(() -> read.count(MeterNames.SUPERVISOR_RESTARTS, "class", Worker.CLASS) == 1);
        child(sup).tell(new Worker.Crash("twice"));
        await().until(() -> read.count(MeterNames.SUPERVISOR_RESTARTS, "class", Worker.CLASS) == 2);

        assertThat(read.count(MeterNames.SUPERVISOR_RESTARTS, "system", system)).isEqualTo(2);
        assertThat(read.count(MeterNames.ACTOR_FAILURES, "class", Worker.CLASS, "decision", "escalate"))
                .isEqualTo(2);
    }

    @Test
    void anActorWhoseFirstInstanceNeverStartedIsCountedAsUnknown() {
        TestProbe<String> probe = kit.createTestProbe();
        ActorRef<String> broken = kit.spawn("broken", BrokenAtStart::new);
        probe.expectTerminated(broken);

        assertThat(read.count(MeterNames.ACTOR_FAILURES, "class", MeterNames.UNKNOWN_CLASS, "decision", "stop"))
                .isEqualTo(1);
        assertThat(read.count(MeterNames.ACTORS_STOPPED, "class", MeterNames.UNKNOWN_CLASS, "reason", "failed"))
                .isEqualTo(1);
    }

    @Test
    void lambdaActorsAreTaggedWithoutTheirPerRunAddress() {
        TestProbe<String> probe = kit.createTestProbe();
        ActorRef<String> echo = kit.spawn("echo", () -> (Actor<String>) (message, ctx) -> {
            throw new IllegalArgumentException(message);
        });
        echo.tell("boom");
        probe.expectTerminated(echo); // the default onFailure escalates; the guardian stops it

        String lambdaClass = ActorLifecycleMetersTest.class.getName() + "$$Lambda";
        assertThat(read.count(MeterNames.ACTOR_FAILURES, "class", lambdaClass)).isEqualTo(1);
    }

    /** Fails in preStart: its first instance never starts. */
    private static final class BrokenAtStart implements Actor<String> {
        @Override
        public void preStart(ActorContext<String> ctx) {
            throw new IllegalStateException("no database");
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }

    @SuppressWarnings("unchecked")
    private static ActorRef<Worker.Cmd> child(SupervisorRef sup) {
        ChildInfo info = sup.whichChildren().toCompletableFuture().join().getFirst();
        return (ActorRef<Worker.Cmd>) info.ref().orElseThrow();
    }
}

package io.otp4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.ExitReason;
import io.otp4j.supervisor.Backoff;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Health;
import io.otp4j.supervisor.HealthCheck;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The supervisor event family, observed on real crashes and restarts. */
class SupervisorEventsTest {

    private final InMemoryMonitor monitor = InMemoryMonitor.create();
    private ActorTestKit kit;

    @AfterEach
    void close() {
        kit.close();
    }

    private static ChildSpec<Subject.Cmd> child(String id) {
        return ChildSpec.worker(id, () -> new Subject(ErrorAction.ESCALATE));
    }

    @SuppressWarnings("unchecked")
    private static ActorRef<Subject.Cmd> childRef(SupervisorRef sup, String id) {
        ChildInfo info = sup.whichChildren().toCompletableFuture().join().stream()
                .filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        return (ActorRef<Subject.Cmd>) info.ref().orElseThrow();
    }

    private List<SupervisorEvent> about(ActorPath supervisor) {
        return monitor.history(SupervisorEvent.class).stream().filter(e -> e.path().equals(supervisor)).toList();
    }

    /** Answers every health check DEGRADED. */
    static final class Degraded implements io.otp4j.actor.Actor<ActorRef<Health>> {
        @Override
        public void receive(ActorRef<Health> replyTo, io.otp4j.actor.ActorContext<ActorRef<Health>> ctx) {
            replyTo.tell(Health.degraded("running on a replica"));
        }
    }

    @Test
    void aDegradedChildIsReportedAsAWarning() {
        kit = ActorTestKit.withManualTime(ActorSystemSettings.defaults().with(monitor));
        Duration interval = Duration.ofSeconds(10);
        SupervisorRef sup = Supervisor.start(kit.system(), "sup", Supervisor.builder()
                .child(ChildSpec.<ActorRef<Health>>worker("db", Degraded::new)
                        .withHealthCheck(new HealthCheck<>(replyTo -> replyTo, interval, Duration.ofSeconds(1), 0)))
                .build());

        kit.manualTime().advance(interval);

        await().until(() -> !monitor.history(SupervisorEvent.HealthChanged.class).isEmpty());
        SupervisorEvent.HealthChanged changed =
                monitor.history(SupervisorEvent.HealthChanged.class).getFirst();
        assertThat(changed.path()).isEqualTo(sup.ref().path());
        assertThat(changed.childId()).isEqualTo("db");
        assertThat(changed.health()).isEqualTo(Health.degraded("running on a replica"));
        assertThat(changed.kind()).isEqualTo(EventKind.SUPERVISOR_CHILD_HEALTH_CHANGED);
        assertThat(changed.severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void aCrashIsReportedAsFailureDecisionAndRestart() {
        kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
        SupervisorRef sup = Supervisor.start(kit.system(), "sup", Supervisor.builder()
                .strategy(Strategy.REST_FOR_ONE).child(child("a")).child(child("b")).child(child("c")).build());
        ActorPath path = sup.ref().path();
        childRef(sup, "b").tell(new Subject.Crash("b broke"));
        await().until(() -> about(path).stream()
                .filter(e -> e instanceof SupervisorEvent.ChildStarted s && s.restart()).count() == 2);

        assertThat(about(path)).map(MonitorEvent::kind).containsExactly(
                EventKind.SUPERVISOR_CHILD_STARTED, EventKind.SUPERVISOR_CHILD_STARTED,
                EventKind.SUPERVISOR_CHILD_STARTED,
                EventKind.SUPERVISOR_CHILD_FAILED,
                EventKind.SUPERVISOR_CHILD_STOPPED, // c halted; b's exit was its failure
                EventKind.SUPERVISOR_STRATEGY_APPLIED,
                EventKind.SUPERVISOR_CHILD_RESTARTED, EventKind.SUPERVISOR_CHILD_RESTARTED);
        SupervisorEvent.ChildExited failed = monitor.history(SupervisorEvent.ChildExited.class).getFirst();
        assertThat(failed.childId()).isEqualTo("b");
        assertThat(((ExitReason.Failed) failed.reason()).cause()).hasMessage("b broke");
        assertThat(monitor.history(SupervisorEvent.ChildTerminated.class))
                .extracting(SupervisorEvent.ChildTerminated::childId).containsExactly("c");
        SupervisorEvent.StrategyApplied applied = monitor.history(SupervisorEvent.StrategyApplied.class).getFirst();
        assertThat(applied.strategy()).isEqualTo(Strategy.REST_FOR_ONE);
        assertThat(applied.restarting()).containsExactly("b", "c");
        List<SupervisorEvent.ChildStarted> restarts = monitor.history(SupervisorEvent.ChildStarted.class).stream()
                .filter(SupervisorEvent.ChildStarted::restart).toList();
        assertThat(restarts).extracting(SupervisorEvent.ChildStarted::childId).containsExactly("b", "c");
        assertThat(restarts.getFirst().child().path()).isEqualTo(path.child("b"));
        assertThat(restarts.getFirst().supervisor()).isEqualTo(sup.ref());
        // the crashed child's own view: it escalated to its supervisor, which decided
        assertThat(monitor.history(ActorEvent.Failed.class))
                .singleElement().extracting(ActorEvent.Failed::decision).isEqualTo(ErrorAction.ESCALATE);
    }

    /** One event type, no mapping: the monitor gets the very records the event stream carries. */
    @Test
    void theMonitorAndTheEventStreamSeeTheSameEvents() {
        kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
        TestProbe<SupervisorEvent> stream = kit.createTestProbe(SupervisorEvent.class);
        kit.system().eventStream().subscribe(SupervisorEvent.class, stream.ref());
        SupervisorRef sup = Supervisor.start(kit.system(), "sup", Supervisor.builder()
                .strategy(Strategy.ONE_FOR_ALL).child(child("a")).child(child("b")).build());
        ActorPath path = sup.ref().path();
        childRef(sup, "a").tell(new Subject.Crash("a broke"));
        await().until(() -> monitor.count(EventKind.SUPERVISOR_CHILD_RESTARTED) == 2);

        List<SupervisorEvent> monitored = about(path);
        assertThat(stream.receiveMessages(monitored.size())).containsExactlyElementsOf(monitored);
        assertThat(monitored).allSatisfy(e -> {
            assertThat(e.supervisor()).isEqualTo(sup.ref());
            assertThat(e.path()).isEqualTo(path);
        });
        assertThat(monitored).map(SupervisorEvent::getClass).contains(SupervisorEvent.ChildExited.class,
                SupervisorEvent.ChildTerminated.class, SupervisorEvent.StrategyApplied.class);
    }

    @Test
    void exceedingTheIntensityIsReportedAndEscalated() {
        kit = ActorTestKit.withManualTime(ActorSystemSettings.defaults().with(monitor));
        SupervisorRef sup = Supervisor.start(kit.system(), "fragile", Supervisor.builder()
                .strategy(Strategy.ONE_FOR_ONE).intensity(1, Duration.ofSeconds(5)).child(child("w")).build());
        ActorPath path = sup.ref().path();
        childRef(sup, "w").tell(new Subject.Crash("once"));
        await().until(() -> monitor.count(EventKind.SUPERVISOR_CHILD_RESTARTED) == 1);
        childRef(sup, "w").tell(new Subject.Crash("twice"));
        await().until(() -> monitor.count(EventKind.SUPERVISOR_ESCALATED) == 1);

        assertThat(monitor.history(SupervisorEvent.IntensityExceeded.class)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.maxRestarts()).isEqualTo(1);
            assertThat(e.period()).isEqualTo(Duration.ofSeconds(5));
            assertThat(e.severity()).isEqualTo(Severity.CRITICAL); // the whole subtree is gone
        });
        assertThat(monitor.history(SupervisorEvent.Escalated.class)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.reason()).isEqualTo(ExitReason.SHUTDOWN);
            assertThat(e.severity()).isEqualTo(Severity.ERROR);
        });
        await().until(() -> monitor.history(ActorEvent.Stopped.class).stream().anyMatch(e -> e.path().equals(path)));
    }

    @Test
    void backoffIsReported() {
        kit = ActorTestKit.withManualTime(ActorSystemSettings.defaults().with(monitor));
        Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(8)).withJitter(0);
        SupervisorRef sup = Supervisor.start(kit.system(), "patient", Supervisor.builder()
                .child(child("w").withBackoff(backoff)).build());
        childRef(sup, "w").tell(new Subject.Crash("later"));
        await().until(() -> monitor.count(EventKind.SUPERVISOR_BACKOFF) == 1);
        assertThat(monitor.history(SupervisorEvent.BackoffScheduled.class)).singleElement().satisfies(e -> {
            assertThat(e.childId()).isEqualTo("w");
            assertThat(e.delay()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(monitor.count(EventKind.SUPERVISOR_CHILD_RESTARTED)).isZero();
        kit.manualTime().advance(Duration.ofSeconds(1));
        await().until(() -> monitor.count(EventKind.SUPERVISOR_CHILD_RESTARTED) == 1);
    }

    /**
     * The child list is the only configuration that changes at run time: adding and deleting a spec are
     * reported; a spec whose start failed was never added; restarts change nothing.
     */
    @Test
    void addingAndDeletingAChildSpecIsAConfigurationChange() {
        kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
        SupervisorRef sup = Supervisor.start(kit.system(), "configurable", Supervisor.builder().child(child("a")).build());
        ActorPath path = sup.ref().path();
        assertThat(monitor.history(SupervisorEvent.ConfigurationChanged.class)).isEmpty(); // the initial list

        sup.startChild(child("b")).toCompletableFuture().join();
        assertThat(sup.startChild(ChildSpec.<Subject.Cmd>worker("broken", () -> {
            throw new IllegalStateException("no instance");
        })).toCompletableFuture()).failsWithin(Duration.ofSeconds(20));
        sup.terminateChild("b").toCompletableFuture().join();
        sup.deleteChild("b").toCompletableFuture().join();

        assertThat(monitor.history(SupervisorEvent.ConfigurationChanged.class))
                .extracting(SupervisorEvent.ConfigurationChanged::path, SupervisorEvent.ConfigurationChanged::childId,
                        SupervisorEvent.ConfigurationChanged::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(path, "b", SupervisorEvent.ConfigurationChanged.Change.CHILD_ADDED),
                        org.assertj.core.groups.Tuple.tuple(path, "b", SupervisorEvent.ConfigurationChanged.Change.CHILD_DELETED));
        assertThat(monitor.history(SupervisorEvent.ConfigurationChanged.class))
                .allSatisfy(e -> assertThat(e.severity()).isEqualTo(Severity.INFO));
    }
}

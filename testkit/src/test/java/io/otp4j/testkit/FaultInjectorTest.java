package io.otp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private static final class Idle implements Actor<String> {
        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }

    private static SupervisorSpec twoRestartsPerTenSeconds() {
        return Supervisor.builder().intensity(2, Duration.ofSeconds(10))
                .child(ChildSpec.worker("w", Idle::new)).build();
    }

    private static ActorRef<?> onlyChild(SupervisorRef sup) {
        return sup.whichChildren().toCompletableFuture().join().get(0).ref().orElseThrow();
    }

    /** Skips events until one of the given type arrives. */
    private static <E extends SupervisorEvent> E next(TestProbe<SupervisorEvent> probe, Class<E> type) {
        for (;;) {
            SupervisorEvent e = probe.receiveMessage();
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    @Test
    void threeCrashesWithinThePeriodExceedTheIntensityAtTheThirdVirtualTime() {
        try (var kit = ActorTestKit.withManualTime()) {
            TestProbe<SupervisorEvent> events = kit.createTestProbe();
            kit.system().eventStream().subscribe(SupervisorEvent.class, events.ref());
            SupervisorRef sup = Supervisor.start(kit.system(), "sup", twoRestartsPerTenSeconds());
            assertThat(next(events, SupervisorEvent.ChildStarted.class).restart()).isFalse();
            ActorRef<?> worker = onlyChild(sup);
            FaultInjector faults = FaultInjector.create(kit);
            faults.crashAt(Duration.ofSeconds(1), worker)
                    .crashAt(Duration.ofSeconds(2), worker)
                    .crashAt(Duration.ofSeconds(3), worker);

            kit.manualTime().advance(Duration.ofSeconds(1));
            assertThat(next(events, SupervisorEvent.ChildStarted.class).restart()).isTrue();
            kit.manualTime().advance(Duration.ofSeconds(1));
            assertThat(next(events, SupervisorEvent.ChildStarted.class).restart()).isTrue();
            kit.manualTime().advance(Duration.ofSeconds(1));
            SupervisorEvent.IntensityExceeded exceeded = next(events, SupervisorEvent.IntensityExceeded.class);
            assertThat(exceeded.maxRestarts()).isEqualTo(2);
            assertThat(next(events, SupervisorEvent.RootTerminated.class).reason()).isEqualTo(ExitReason.SHUTDOWN);
        }
    }

    @Test
    void crashesSpreadWiderThanThePeriodAreAllRestarted() {
        try (var kit = ActorTestKit.withManualTime()) {
            TestProbe<SupervisorEvent> events = kit.createTestProbe();
            kit.system().eventStream().subscribe(SupervisorEvent.class, events.ref());
            SupervisorRef sup = Supervisor.start(kit.system(), "sup", twoRestartsPerTenSeconds());
            assertThat(next(events, SupervisorEvent.ChildStarted.class).restart()).isFalse();
            ActorRef<?> worker = onlyChild(sup);
            FaultInjector faults = FaultInjector.create(kit);
            for (int i = 1; i <= 5; i++) {
                faults.crashAt(Duration.ofSeconds(6L * i), worker);
            }
            for (int i = 1; i <= 5; i++) {
                kit.manualTime().advance(Duration.ofSeconds(6));
                SupervisorEvent.ChildStarted restarted = next(events, SupervisorEvent.ChildStarted.class);
                assertThat(restarted.restart()).isTrue();
                assertThat(restarted.child()).isEqualTo(worker); // restarted in place: same ref
            }
            assertThat(sup.whichChildren().toCompletableFuture().join().get(0).restarts()).isEqualTo(5);
        }
    }

    @Test
    void anInjectedCrashCarriesItsCause() {
        try (var kit = ActorTestKit.withManualTime()) {
            TestProbe<SupervisorEvent> events = kit.createTestProbe();
            kit.system().eventStream().subscribe(SupervisorEvent.class, events.ref());
            SupervisorRef sup = Supervisor.start(kit.system(), "sup", twoRestartsPerTenSeconds());
            FaultInjector.create(kit).crashNow(onlyChild(sup), new IllegalStateException("disk full"));
            SupervisorEvent.ChildExited exited = next(events, SupervisorEvent.ChildExited.class);
            assertThat(exited.reason().toString()).contains("disk full");
        }
    }
}

package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Restart intensity: more than {@code maxRestarts} restarts within {@code period} make a supervisor stop
 * its children and exit with shutdown, which its own supervisor handles like any exit (supervisor_SUITE:
 * one_for_one, *_escalation, multiple_restarts, tree). Time is manual, so the window only slides when a
 * test advances the clock.
 */
@OnEveryDispatcher
class RestartIntensityTest {

    private final Lab lab;

    RestartIntensityTest(DispatcherUnderTest on) {
        lab = Lab.manualTime(on);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private static SupervisorSpec.Builder intensity(int maxRestarts) {
        return Supervisor.builder().intensity(maxRestarts, Duration.ofSeconds(10));
    }

    @Test
    void exceedingTheIntensityStopsAllChildrenInReverseOrderAndTerminatesTheSupervisor() {
        SupervisorRef sup = lab.start(Supervisor.builder() // OTP's default: 1 restart per 5 s
                .child(lab.child("a")).child(lab.child("b")).child(lab.child("c")).build());

        lab.crash("b");
        lab.events.awaitTrace(sup, "restarted:b");
        lab.crash("b");

        ExitReason reason = lab.awaitTerminated(sup.ref());
        assertThat(reason).isInstanceOf(ExitReason.Shutdown.class);
        assertThat(lab.lifecycle()).containsExactly(
                "start:a", "start:b", "start:c", "stop:b", "start:b", "stop:c", "stop:b", "stop:a");
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).containsExactly(
                "started:a", "started:b", "started:c",
                "exited:b", "strategy:b[b]", "restarted:b",
                "exited:b", "intensityExceeded", "escalated", "terminated:c", "terminated:b", "terminated:a",
                "rootTerminated");
        SupervisorEvent.IntensityExceeded exceeded =
                lab.events.awaitEvent(SupervisorEvent.IntensityExceeded.class, e -> true);
        assertThat(exceeded).isEqualTo(new SupervisorEvent.IntensityExceeded(exceeded.timestamp(), sup.ref(), 1,
                Duration.ofSeconds(5)));
        assertThat(lab.events.awaitEvent(SupervisorEvent.RootTerminated.class, e -> true).reason()).isEqualTo(reason);
    }

    /**
     * OTP's supervisor exits with plain {@code shutdown} when it gives up, not {@code {shutdown, Detail}}; the
     * explanation is in the IntensityExceeded event (and the log). Its parent sees that same reason.
     */
    @Test
    void supervisorThatExceedsItsIntensityExitsWithPlainShutdown() {
        SupervisorSpec leaf = intensity(0).child(lab.child("w")).build();
        SupervisorRef root = lab.start(intensity(0).child(ChildSpec.supervisor("leaf", leaf)).build());

        lab.crash("w");

        assertThat(lab.awaitTerminated(root.ref())).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(lab.events.awaitEvent(SupervisorEvent.ChildExited.class, e -> e.childId().equals("leaf")).reason())
                .isEqualTo(ExitReason.SHUTDOWN);
        assertThat(lab.events.awaitEvent(SupervisorEvent.RootTerminated.class, e -> true).reason())
                .isEqualTo(ExitReason.SHUTDOWN);
    }

    @Test
    void allChildrenShareOneIntensity() {
        SupervisorRef sup = lab.start(intensity(2).child(lab.child("a")).child(lab.child("b")).build());

        lab.crash("a");
        lab.events.awaitTrace(sup, "restarted:a");
        lab.crash("b");
        lab.events.awaitTrace(sup, "restarted:b");
        lab.crash("a");

        lab.awaitTerminated(sup.ref());
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).containsSubsequence("exited:a", "intensityExceeded", "rootTerminated");
    }

    @Test
    void restartsOlderThanThePeriodNoLongerCount() {
        SupervisorRef sup = lab.start(intensity(2).child(lab.child("a")).build());
        crashAndAwaitRestart(sup, 1);
        crashAndAwaitRestart(sup, 2);

        lab.time().advance(Duration.ofSeconds(10).plusNanos(1)); // both restarts slide out of the window
        crashAndAwaitRestart(sup, 3);
        crashAndAwaitRestart(sup, 4);
        assertThat(Lab.info(sup, "a").restarts()).isEqualTo(4);

        lab.crash("a"); // a third restart within the period
        lab.awaitTerminated(sup.ref());
        lab.events.awaitTrace(sup, "intensityExceeded");
    }

    @Test
    void restartExactlyOnePeriodOldStillCounts() {
        SupervisorRef sup = lab.start(intensity(1).child(lab.child("a")).build());
        crashAndAwaitRestart(sup, 1);

        lab.time().advance(Duration.ofSeconds(10)); // OTP keeps restarts with Then >= Now - Period
        lab.crash("a");

        lab.awaitTerminated(sup.ref());
        lab.events.awaitTrace(sup, "intensityExceeded");
    }

    @Test
    void zeroIntensityGivesUpAtTheFirstRestart() {
        SupervisorRef sup = lab.start(intensity(0).child(lab.child("a")).build());

        lab.crash("a");

        lab.awaitTerminated(sup.ref());
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup))
                .containsExactly("started:a", "exited:a", "intensityExceeded", "escalated", "terminated:a",
                        "rootTerminated");
        assertThat(lab.lifecycle()).containsExactly("start:a", "stop:a");
    }

    /** OTP's one_for_one_escalation: a child that cannot be restarted uses up the intensity. */
    @Test
    void childThatKeepsFailingToRestartExhaustsTheIntensity() {
        lab.worker("a").failingStartOn(n -> n >= 2);
        SupervisorRef sup = lab.start(intensity(2).child(lab.child("a")).child(lab.child("b")).build());

        lab.crash("a");

        lab.awaitTerminated(sup.ref());
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).containsExactly(
                "started:a", "started:b",
                "exited:a", "strategy:a[a]", "startFailed:a", "startFailed:a",
                "intensityExceeded", "escalated", "terminated:b", "rootTerminated");
        assertThat(lab.lifecycle())
                .containsExactly("start:a", "start:b", "stop:a", "startfail:a", "startfail:a", "stop:b");
    }

    @Test
    void childSupervisorThatExceedsItsIntensityIsRestartedByItsParentAndCountsTowardsIt() {
        SupervisorSpec leaf = intensity(0).child(lab.child("w")).build();
        SupervisorRef root = lab.start(intensity(1)
                .child(ChildSpec.supervisor("leaf", leaf)).child(lab.child("a")).build());
        SupervisorRef firstLeaf = Lab.childSupervisor(root, "leaf");

        lab.crash("w");

        lab.events.awaitTrace(root, "restarted:leaf");
        assertThat(lab.events.trace(firstLeaf)).containsExactly(
                "started:w", "exited:w", "intensityExceeded", "escalated", "terminated:w");
        SupervisorEvent.ChildExited exit = lab.events.awaitEvent(SupervisorEvent.ChildExited.class,
                e -> e.childId().equals("leaf"));
        assertThat(exit.reason()).isInstanceOf(ExitReason.Shutdown.class);
        assertThat(lab.lifecycle()).containsExactly("start:w", "start:a", "stop:w", "start:w");
        ChildInfo leafInfo = Lab.info(root, "leaf");
        assertThat(leafInfo.status()).isEqualTo(ChildStatus.RUNNING);
        assertThat(leafInfo.restarts()).isEqualTo(1);
        assertThat(leafInfo.ref()).isPresent().get().isNotEqualTo(firstLeaf.ref());

        lab.crash("w"); // the new leaf gives up too: the root's second restart within the period

        lab.awaitTerminated(root.ref());
        lab.events.awaitTrace(root, "rootTerminated");
        assertThat(lab.events.trace(root)).containsExactly(
                "started:leaf", "started:a",
                "exited:leaf", "strategy:leaf[leaf]", "restarted:leaf",
                "exited:leaf", "intensityExceeded", "escalated", "terminated:a", "rootTerminated");
        assertThat(lab.lifecycle()).containsExactly("start:w", "start:a", "stop:w", "start:w", "stop:w", "stop:a");
    }

    @Test
    void intensityExceededAtEveryLevelStopsTheWholeTreeFromTheBottomUp() {
        SupervisorSpec leaf = intensity(0).child(lab.child("w")).child(lab.child("l")).build();
        SupervisorSpec mid = intensity(0).child(ChildSpec.supervisor("leaf", leaf)).child(lab.child("m")).build();
        SupervisorRef root = lab.start(intensity(0).child(ChildSpec.supervisor("mid", mid)).child(lab.child("r")).build());

        lab.crash("w");

        assertThat(lab.awaitTerminated(root.ref())).isInstanceOf(ExitReason.Shutdown.class);
        lab.events.awaitTrace(root, "rootTerminated");
        assertThat(lab.events.all().stream()
                .filter(e -> e instanceof SupervisorEvent.IntensityExceeded || e instanceof SupervisorEvent.RootTerminated)
                .map(e -> EventRecorder.brief(e) + "@" + e.supervisor().path().name()))
                .containsExactly("intensityExceeded@leaf", "intensityExceeded@mid", "intensityExceeded@sup",
                        "rootTerminated@sup");
        assertThat(lab.lifecycle()).containsExactly(
                "start:w", "start:l", "start:m", "start:r", "stop:l", "stop:w", "stop:m", "stop:r");
        assertThat(lab.events.trace(root)).doesNotContain("restarted:mid");
    }

    @Test
    void oneForAllParentRestartsTheSiblingSubtreeWhenAChildSupervisorGivesUp() {
        SupervisorSpec s1 = intensity(5).child(lab.child("w1")).child(lab.child("w2")).build();
        SupervisorSpec s2 = intensity(0).child(lab.child("w3")).build();
        SupervisorRef root = lab.start(intensity(5).strategy(Strategy.ONE_FOR_ALL)
                .child(ChildSpec.supervisor("s1", s1)).child(ChildSpec.supervisor("s2", s2)).build());

        lab.crash("w3");

        lab.events.awaitTrace(root, "restarted:s2");
        assertThat(lab.lifecycle()).containsExactly(
                "start:w1", "start:w2", "start:w3",
                "stop:w3", "stop:w2", "stop:w1",
                "start:w1", "start:w2", "start:w3");
        assertThat(lab.events.trace(root)).containsSubsequence(
                "exited:s2", "terminated:s1", "strategy:s2[s1, s2]", "restarted:s1", "restarted:s2");
        assertThat(Lab.ids(Lab.childSupervisor(root, "s1"))).containsExactly("w1", "w2");
    }

    private void crashAndAwaitRestart(SupervisorRef sup, int nth) {
        lab.crash("a");
        lab.events.awaitTrace(sup, "restarted:a", nth);
    }
}

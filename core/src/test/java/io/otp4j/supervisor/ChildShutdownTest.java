package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a supervisor stops a child, per its {@link ChildShutdown} (supervisor_SUITE: sup_stop_infinity,
 * sup_stop_timeout, sup_stop_brutal_kill). A child that outlives its timeout is abandoned: reported as
 * killed, its name freed, and the supervisor goes on. Hanging children block in postStop on a gate that
 * the test opens at the end; the timeout fires only when the test advances the manual clock, after the
 * supervisor has set its timer (seen as one more pending task).
 */
@OnEveryDispatcher
class ChildShutdownTest {

    /** Why the tests of a child that hangs in postStop cannot hold on the calling-thread dispatcher. */
    private static final String HANGING_STOP = "the child's hanging postStop would run on, and hang, its "
            + "supervisor's thread, which then cannot time it out";

    private final DispatcherUnderTest on;
    private final Lab lab;

    ChildShutdownTest(DispatcherUnderTest on) {
        this.on = on;
        lab = Lab.manualTime(on);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void childThatOutlivesItsShutdownTimeoutIsAbandonedAsKilledAndTheSupervisorGoesOn() {
        on.notOn(DispatcherUnderTest.CALLING_THREAD, HANGING_STOP);
        CountDownLatch gate = lab.gate();
        lab.worker("h").hangingInPostStop(gate);
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a"))
                .child(lab.child("h").withShutdown(ChildShutdown.timeout(Duration.ofSeconds(2)))).build());
        ActorRef<Worker.Cmd> hanging = lab.ref("h");
        int timers = lab.time().pendingTasks();

        CompletionStage<Void> terminated = sup.terminateChild("h");
        lab.awaitLog("stop:h");
        lab.awaitPendingTimers(timers + 2); // the request's own ask timeout and the supervisor's shutdown timer
        lab.time().advance(Duration.ofSeconds(2));

        Lab.join(terminated);
        SupervisorEvent.ChildTerminated killed =
                lab.events.awaitEvent(SupervisorEvent.ChildTerminated.class, e -> e.childId().equals("h"));
        assertThat(killed).isEqualTo(
                new SupervisorEvent.ChildTerminated(killed.timestamp(), sup.ref(), "h", ExitReason.KILLED));
        ChildInfo h = Lab.info(sup, "h");
        assertThat(h.status()).isEqualTo(ChildStatus.UNDEFINED);
        assertThat(h.ref()).isEmpty();
        ActorRef<?> restarted = Lab.join(sup.restartChild("h")).orElseThrow(); // the name was freed
        assertThat(restarted).isNotEqualTo(hanging).isSameAs(lab.ref("h"));
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:h", "stop:h", "start:h");

        gate.countDown();
        assertThat(lab.awaitTerminated(hanging)).as("it finishes as killed once its code returns")
                .isEqualTo(ExitReason.KILLED);
    }

    /**
     * OTP accepts {@code {shutdown, 0}}: the supervisor asks the child to stop and, without waiting, kills it
     * unless it has already stopped. This child is still in its postStop, so it is killed; no time passes.
     */
    @Test
    void shutdownTimeoutOfZeroKillsAChildThatHasNotStoppedWithoutWaiting() {
        on.notOn(DispatcherUnderTest.CALLING_THREAD, HANGING_STOP);
        CountDownLatch gate = lab.gate();
        lab.worker("h").hangingInPostStop(gate);
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("h").withShutdown(ChildShutdown.timeout(Duration.ZERO))).build());
        ActorRef<Worker.Cmd> hanging = lab.ref("h");

        Lab.join(sup.terminateChild("h")); // the manual clock never moves

        SupervisorEvent.ChildTerminated killed =
                lab.events.awaitEvent(SupervisorEvent.ChildTerminated.class, e -> e.childId().equals("h"));
        assertThat(killed).isEqualTo(
                new SupervisorEvent.ChildTerminated(killed.timestamp(), sup.ref(), "h", ExitReason.KILLED));
        assertThat(Lab.info(sup, "h").status()).isEqualTo(ChildStatus.UNDEFINED);
        gate.countDown();
        assertThat(lab.awaitTerminated(hanging)).isEqualTo(ExitReason.KILLED);
    }

    @Test
    void siblingThatOutlivesItsTimeoutDuringAStrategyRestartIsAbandonedAndStartedAfresh() {
        on.notOn(DispatcherUnderTest.CALLING_THREAD, HANGING_STOP);
        CountDownLatch gate = lab.gate();
        lab.worker("h").hangingInPostStop(gate);
        SupervisorRef sup = lab.start(Supervisor.builder().strategy(Strategy.ONE_FOR_ALL)
                .intensity(5, Duration.ofHours(1))
                .child(lab.child("h").withShutdown(ChildShutdown.timeout(Duration.ofSeconds(1))))
                .child(lab.child("a")).build());
        ActorRef<Worker.Cmd> hanging = lab.ref("h");
        int timers = lab.time().pendingTasks();

        lab.crash("a");
        lab.awaitLog("stop:h");
        lab.awaitPendingTimers(timers + 1);
        lab.time().advance(Duration.ofSeconds(1));

        lab.events.awaitTrace(sup, "restarted:a");
        assertThat(lab.events.trace(sup)).containsSubsequence(
                "exited:a", "terminated:h:killed", "strategy:a[h, a]", "restarted:h", "restarted:a");
        assertThat(lab.lifecycle()).containsExactly("start:h", "start:a", "stop:a", "stop:h", "start:h", "start:a");
        assertThat(lab.ref("h")).isNotEqualTo(hanging);
    }

    @Test
    void supervisorShutdownAbandonsAChildThatOutlivesItsTimeoutAndStopsTheRest() {
        on.notOn(DispatcherUnderTest.CALLING_THREAD, HANGING_STOP);
        CountDownLatch gate = lab.gate();
        lab.worker("h").hangingInPostStop(gate);
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a"))
                .child(lab.child("h").withShutdown(ChildShutdown.timeout(Duration.ofSeconds(1)))).build());
        int timers = lab.time().pendingTasks();

        lab.kit.system().stop(sup.ref());
        lab.awaitLog("stop:h");
        lab.awaitPendingTimers(timers + 1);
        lab.time().advance(Duration.ofSeconds(1));

        lab.awaitTerminated(sup.ref());
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:h", "stop:h", "stop:a");
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).endsWith("terminated:h:killed", "terminated:a", "rootTerminated");
    }

    @Test
    void brutalKillStopsAChildWithoutRunningItsPostStop() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a"))
                .child(lab.child("k").withShutdown(ChildShutdown.brutalKill())).build());
        ActorRef<Worker.Cmd> k = lab.ref("k");

        lab.kit.system().stop(sup.ref());

        lab.awaitTerminated(sup.ref());
        assertThat(lab.awaitTerminated(k)).isEqualTo(ExitReason.KILLED);
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:k", "stop:a");
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).endsWith("terminated:k:killed", "terminated:a", "rootTerminated");
    }

    @Test
    void brutallyKilledSiblingIsRestartedWithoutItsPostStopHavingRun() {
        SupervisorRef sup = lab.start(Supervisor.builder().strategy(Strategy.ONE_FOR_ALL)
                .intensity(5, Duration.ofHours(1))
                .child(lab.child("a")).child(lab.child("k").withShutdown(ChildShutdown.brutalKill())).build());
        ActorRef<Worker.Cmd> k = lab.ref("k");

        lab.crash("a");

        lab.events.awaitTrace(sup, "restarted:k");
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:k", "stop:a", "start:a", "start:k");
        assertThat(lab.events.trace(sup)).containsSubsequence(
                "exited:a", "terminated:k:killed", "strategy:a[a, k]", "restarted:a", "restarted:k");
        assertThat(lab.awaitTerminated(k)).isEqualTo(ExitReason.KILLED);
    }

    @Test
    void infinityWaitsForAChildHoweverLongItTakesToStop() {
        CountDownLatch gate = lab.gate();
        lab.worker("h").hangingInPostStop(gate);
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("h").withShutdown(ChildShutdown.infinity())).build());
        ActorRef<Worker.Cmd> h = lab.ref("h");

        lab.kit.system().stop(sup.ref());
        lab.awaitLog("stop:h");
        lab.time().advance(Duration.ofDays(1)); // a timer, had one been set, would fire now: before the gate opens
        gate.countDown();

        assertThat(lab.awaitTerminated(h)).isEqualTo(ExitReason.SHUTDOWN);
        lab.awaitTerminated(sup.ref());
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).endsWith("terminated:h", "rootTerminated");
    }

    @Test
    void stoppingATreeStopsEachLevelInReverseStartOrderDepthFirst() {
        SupervisorSpec inner = Supervisor.builder().child(lab.child("x")).child(lab.child("y")).build();
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("a")).child(ChildSpec.supervisor("inner", inner)).child(lab.child("b")).build());

        lab.kit.system().stop(sup.ref());

        lab.awaitTerminated(sup.ref());
        assertThat(lab.lifecycle()).containsExactly(
                "start:a", "start:x", "start:y", "start:b", "stop:b", "stop:y", "stop:x", "stop:a");
    }
}

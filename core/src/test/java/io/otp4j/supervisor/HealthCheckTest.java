package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ExitReason;
import io.otp4j.actor.ActorRef;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Periodic health checks under manual time: {@code failuresAllowed + 1} failed checks in a row (a FAILED
 * answer or none within the timeout) count as a crash, which goes through the strategy like any other; a
 * DEGRADED answer is reported and never restarts the child.
 *
 * <p>Each check is one clock step: advancing by the interval queues a tick for the supervisor, which asks
 * the child; the test waits for the child to have answered (its log) before the next step. An
 * unanswered check fails when the clock passes its ask timeout, which the supervisor sets just after
 * sending the query (seen as one more pending task). The clock always stops exactly on a tick, so an ask
 * timeout set for that tick is never passed by the same advance.
 */
@OnEveryDispatcher
class HealthCheckTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Lab lab;

    HealthCheckTest(DispatcherUnderTest on) {
        lab = Lab.manualTime(on);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private SupervisorRef start(Duration timeout, int failuresAllowed) {
        return lab.start(Supervisor.builder().intensity(5, Duration.ofHours(1))
                .child(lab.child("a").withHealthCheck(
                        new HealthCheck<>(Worker.CheckHealth::new, INTERVAL, timeout, failuresAllowed)))
                .build());
    }

    private int checks() {
        return lab.log(e -> e.startsWith("health:a:")).size();
    }

    private void check(int nth) {
        lab.time().advance(INTERVAL);
        await().atMost(Lab.WAIT).until(() -> checks() >= nth);
    }

    @Test
    void childAnsweringUnhealthyIsCrashedAfterFailuresAllowedPlusOneChecksAndRestarted() {
        lab.worker("a").answeringHealthy((incarnation, query) -> Optional.of(incarnation > 1));
        SupervisorRef sup = start(Duration.ofSeconds(1), 2);

        for (int i = 1; i <= 3; i++) {
            check(i);
        }

        lab.events.awaitTrace(sup, "restarted:a");
        assertThat(lab.events.trace(sup)).containsExactly(
                "started:a", "health:a:failed", "healthFailed:a:3", "exited:a", "strategy:a[a]", "restarted:a");
        SupervisorEvent.ChildExited exit = lab.events.awaitEvent(SupervisorEvent.ChildExited.class, e -> true);
        assertThat(exit.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                f -> assertThat(f.cause()).isInstanceOf(HealthCheckFailedException.class));
        assertThat(lab.lifecycle()).containsExactly("start:a", "stop:a", "start:a");
    }

    @Test
    void childThatNeverAnswersIsCrashedAfterConsecutiveTimeouts() {
        lab.worker("a").answeringHealthy((incarnation, query) -> incarnation == 1 ? Optional.empty() : Optional.of(true));
        SupervisorRef sup = start(Duration.ofSeconds(2), 1);
        int timers = lab.time().pendingTasks();

        for (int i = 1; i <= 2; i++) {
            // exactly to the i-th tick, so that this check's ask timeout cannot fall due in the same advance
            lab.time().advance(INTERVAL.multipliedBy(i).minusNanos(lab.time().nanoTime()));
            lab.awaitLog("health:a:silent", i);
            lab.awaitPendingTimers(timers + 1); // the supervisor's ask for this check
            lab.time().advance(Duration.ofSeconds(2));
        }

        lab.events.awaitTrace(sup, "restarted:a");
        assertThat(lab.events.trace(sup)).containsExactly(
                "started:a", "health:a:failed", "healthFailed:a:2", "exited:a", "strategy:a[a]", "restarted:a");
        assertThat(lab.log(e -> e.startsWith("health:"))).containsExactly("health:a:silent", "health:a:silent");
        assertThat(lab.events.awaitEvent(SupervisorEvent.HealthChanged.class, e -> true).health())
                .isEqualTo(Health.failed("no answer within PT2S"));
    }

    @Test
    void healthyAnswerResetsTheCountOfFailuresInARow() {
        lab.worker("a").answeringHealthy((incarnation, query) -> Optional.of(incarnation > 1 || query == 3));
        SupervisorRef sup = start(Duration.ofSeconds(1), 2);

        for (int i = 1; i <= 5; i++) { // false, false, true, false, false
            check(i);
        }
        Lab.join(sup.whichChildren()); // the fifth answer has been handled
        lab.events.flush();
        assertThat(lab.events.trace(sup)).containsExactly(
                "started:a", "health:a:failed", "health:a:healthy", "health:a:failed");

        check(6); // the third failure in a row

        lab.events.awaitTrace(sup, "restarted:a");
        assertThat(lab.events.trace(sup)).startsWith(
                "started:a", "health:a:failed", "health:a:healthy", "health:a:failed", "healthFailed:a:3");
    }

    @Test
    void degradedIsReportedWithoutARestartAndFailedAnswersCountTowardsTheThreshold() {
        // with one failure allowed: a DEGRADED answer between two FAILED ones ends the run, so no crash
        lab.worker("a").answeringHealth((incarnation, query) -> Optional.of(switch (query) {
            case 1, 2, 4 -> Health.degraded("disk 95% full");
            case 3, 5 -> Health.failed("disk unreachable");
            default -> Health.healthy();
        }));
        SupervisorRef sup = start(Duration.ofSeconds(1), 1);

        for (int i = 1; i <= 6; i++) {
            check(i);
        }
        Lab.join(sup.whichChildren()); // the sixth answer has been handled
        lab.events.flush();

        assertThat(lab.events.trace(sup)).containsExactly("started:a",
                "health:a:degraded(disk 95% full)", // reported once: the second answer is the same
                "health:a:failed", "health:a:degraded(disk 95% full)", "health:a:failed", "health:a:healthy");
        assertThat(lab.lifecycle()).containsExactly("start:a"); // never restarted
    }

    @Test
    void failedAnswersInARowCrashTheChildWhateverTheirReasons() {
        lab.worker("a").answeringHealth((incarnation, query) ->
                Optional.of(incarnation > 1 ? Health.healthy() : Health.failed("reason " + query)));
        SupervisorRef sup = start(Duration.ofSeconds(1), 1);

        check(1);
        check(2);

        lab.events.awaitTrace(sup, "restarted:a");
        assertThat(lab.events.trace(sup)).containsExactly("started:a", "health:a:failed", "health:a:failed",
                "healthFailed:a:2", "exited:a", "strategy:a[a]", "restarted:a");
        SupervisorEvent.ChildExited exit = lab.events.awaitEvent(SupervisorEvent.ChildExited.class, e -> true);
        assertThat(exit.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                f -> assertThat(f.cause()).hasMessageEndingWith("the last: reason 2"));
    }

    @Test
    void lateAnswerForAPreviousIncarnationIsNotCountedAgainstTheRestartedOne() {
        lab.worker("a").answeringHealthy((incarnation, query) -> incarnation == 1 ? Optional.empty() : Optional.of(true));
        SupervisorRef sup = start(Duration.ofSeconds(5), 0);
        int timers = lab.time().pendingTasks();
        check(1); // unanswered: its ask times out 5 s from now
        lab.awaitPendingTimers(timers + 1);

        lab.crash("a"); // restarted in place, with the same ref, before that check times out
        lab.events.awaitTrace(sup, "restarted:a");
        Lab.join(sup.whichChildren());
        lab.time().advance(Duration.ofSeconds(5)); // the old check's timeout

        Lab.join(sup.whichChildren()); // its failure has been handled
        lab.events.flush();
        assertThat(lab.events.trace(sup)).containsExactly(
                "started:a", "exited:a", "strategy:a[a]", "restarted:a");
    }

    /**
     * A check that cannot even be sent (its request function throws, or builds null) is one failed check of
     * that child: it must not crash the supervisor, which would take the whole tree down with it.
     */
    @ParameterizedTest(name = "a request function that {0} counts as one failed check")
    @ValueSource(strings = {"throws", "returns null"})
    void aRequestFunctionThatFailsCountsAsOneFailedCheckOfThatChild(String how) {
        Function<ActorRef<Health>, Worker.Cmd> broken = how.equals("throws")
                ? replyTo -> {
                    throw new IllegalStateException("cannot build the health request");
                }
                : replyTo -> null;
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(5, Duration.ofHours(1))
                .child(lab.child("a").withHealthCheck(new HealthCheck<>(broken, INTERVAL, Duration.ofSeconds(1), 1)))
                .child(lab.child("b"))
                .build());

        lab.time().advance(INTERVAL); // one failed check: tolerated
        Lab.join(sup.whichChildren()); // the tick has been handled, and the supervisor still answers
        lab.events.flush();
        assertThat(lab.events.trace(sup)).containsExactly("started:a", "started:b", "health:a:failed");
        assertThat(lab.events.awaitEvent(SupervisorEvent.HealthChanged.class, e -> true).health())
                .isInstanceOfSatisfying(Health.Failed.class,
                        f -> assertThat(f.reason()).startsWith("the health request could not be built"));

        lab.time().advance(INTERVAL); // two in a row: a crash of a, restarted by the strategy

        lab.events.awaitTrace(sup, "restarted:a");
        assertThat(lab.events.trace(sup)).containsExactly(
                "started:a", "started:b", "health:a:failed", "healthFailed:a:2", "exited:a", "strategy:a[a]",
                "restarted:a");
        SupervisorEvent.ChildExited exit = lab.events.awaitEvent(SupervisorEvent.ChildExited.class, e -> true);
        assertThat(exit.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                f -> assertThat(f.cause()).isInstanceOf(HealthCheckFailedException.class));
        assertThat(Lab.ids(sup)).containsExactly("a", "b"); // the supervisor is alive and answers
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:b", "stop:a", "start:a");
    }
}

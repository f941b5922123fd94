package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Exponential backoff between restarts: {@link Backoff#delay} as a pure function, then the supervisor
 * under manual time. A child waiting for its delay is suspended in place, so messages sent to it
 * meanwhile wait in its mailbox for the restarted instance.
 *
 * <p>The supervisor sets its restart timer just after publishing {@code BackoffScheduled}; a control
 * request (answered after the current handling) is used as a barrier before advancing the clock.
 */
class BackoffTest {

    private static final Duration MS = Duration.ofMillis(1);

    @Nested
    class Delay {

        @Test
        void delayGrowsByTheMultiplierPerConsecutiveRestart() {
            Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(10));

            assertThat(b.delay(1, 0.5)).isEqualTo(Duration.ofMillis(100));
            assertThat(b.delay(2, 0.5)).isEqualTo(Duration.ofMillis(200));
            assertThat(b.delay(3, 0.5)).isEqualTo(Duration.ofMillis(400));
            assertThat(b.delay(4, 0.5)).isEqualTo(Duration.ofMillis(800));
            assertThat(b.withMultiplier(3).delay(3, 0.5)).isEqualTo(Duration.ofMillis(900));
        }

        @Test
        void delayIsCappedAtMax() {
            Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

            assertThat(b.delay(4, 0.5)).isEqualTo(Duration.ofMillis(800));
            assertThat(b.delay(5, 0.5)).isEqualTo(Duration.ofSeconds(1));
            assertThat(b.delay(64, 0.5)).isEqualTo(Duration.ofSeconds(1));
            assertThat(b.delay(Integer.MAX_VALUE, 0.5)).isEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void jitterSpreadsTheDelayUpToItsFractionEitherWay() {
            Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0.5);

            assertThat(b.delay(1, 0.0)).isEqualTo(Duration.ofMillis(50));
            assertThat(b.delay(1, 0.5)).isEqualTo(Duration.ofMillis(100));
            assertThat(b.delay(1, 0.75)).isEqualTo(Duration.ofMillis(125));
            assertThat(b.delay(9, 0.0)).as("the capped delay is spread too").isEqualTo(Duration.ofMillis(500));
        }

        @Test
        void withoutJitterTheRandomNumberIsIgnored() {
            Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

            assertThat(b.delay(2, 0.0)).isEqualTo(b.delay(2, 0.999));
        }

        @Test
        void exponentialStartsOverAfterFourTimesMaxWithoutARestart() {
            Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

            assertThat(b.resetAfter()).isEqualTo(Duration.ofSeconds(4).plusMillis(1));
            assertThat(b.multiplier()).isEqualTo(2.0);
            assertThat(b.jitter()).isZero();
        }

        @Test
        void invalidParametersAreRejected() {
            assertThatThrownBy(() -> Backoff.exponential(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            Backoff b = Backoff.exponential(Duration.ofMillis(1), Duration.ofSeconds(1));
            assertThatThrownBy(() -> b.withMultiplier(0.5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.withMultiplier(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.withJitter(-0.1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.withResetAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class UnderASupervisor {

        private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(8));

        private SupervisorRef start(Lab lab, Strategy strategy, ChildSpec<?>... children) {
            SupervisorSpec.Builder b = Supervisor.builder().strategy(strategy).intensity(20, Duration.ofHours(1));
            for (ChildSpec<?> c : children) {
                b.child(c);
            }
            return lab.start(b.build());
        }

        /** Crashes the child, waits for its backoff event and for the supervisor to have set its timer. */
        private void crashAndAwaitBackoff(Lab lab, SupervisorRef sup, String id, String expected, int nth) {
            lab.crash(id);
            lab.events.awaitTrace(sup, expected, nth);
            Lab.join(sup.whichChildren()); // barrier: the timer is set
        }

        @Test
        void crashedChildIsRestartedOnlyAfterItsDelayAndHandlesTheMessagesSentMeanwhile() {
            try (Lab lab = Lab.manualTime()) {
                SupervisorRef sup = start(lab, Strategy.ONE_FOR_ONE, lab.child("a").withBackoff(backoff));

                crashAndAwaitBackoff(lab, sup, "a", "backoff:a:1000ms", 1);
                lab.tell("a", new Worker.Note("m1"));
                lab.tell("a", new Worker.Note("m2"));
                lab.time().advance(Duration.ofSeconds(1).minus(MS));

                ChildInfo waiting = Lab.info(sup, "a");
                assertThat(waiting.status()).isEqualTo(ChildStatus.RESTARTING);
                assertThat(waiting.restarts()).isZero();
                assertThat(lab.log()).containsExactly("start:a");

                lab.time().advance(MS);

                lab.awaitLog("handle:a:m2");
                lab.events.awaitTrace(sup, "restarted:a"); // the recorder may lag behind the log
                assertThat(lab.log()).containsExactly("start:a", "stop:a", "start:a", "handle:a:m1", "handle:a:m2");
                assertThat(lab.events.trace(sup)).containsExactly(
                        "started:a", "exited:a", "strategy:a[a]", "backoff:a:1000ms", "restarted:a");
                assertThat(Lab.info(sup, "a").status()).isEqualTo(ChildStatus.RUNNING);
            }
        }

        @Test
        void consecutiveRestartsDoubleTheDelayUpToTheCap() {
            try (Lab lab = Lab.manualTime()) {
                SupervisorRef sup = start(lab, Strategy.ONE_FOR_ONE, lab.child("a").withBackoff(backoff));
                long[] expected = {1000, 2000, 4000, 8000, 8000};

                for (int i = 0; i < expected.length; i++) {
                    // the capped delay repeats: wait for this crash's backoff event, not an earlier one of the
                    // same delay, or the clock could move before this crash's timer is set
                    long delay = expected[i];
                    int nth = (int) Arrays.stream(expected, 0, i + 1).filter(d -> d == delay).count();
                    crashAndAwaitBackoff(lab, sup, "a", "backoff:a:" + delay + "ms", nth);
                    lab.time().advance(Duration.ofMillis(expected[i]));
                    lab.events.awaitTrace(sup, "restarted:a", i + 1);
                }

                assertThat(lab.events.trace(sup)).filteredOn(e -> e.startsWith("backoff:")).containsExactly(
                        "backoff:a:1000ms", "backoff:a:2000ms", "backoff:a:4000ms", "backoff:a:8000ms",
                        "backoff:a:8000ms");
            }
        }

        @Test
        void delayStartsOverAfterResetAfterWithoutARestart() {
            try (Lab lab = Lab.manualTime()) {
                SupervisorRef sup = start(lab, Strategy.ONE_FOR_ONE, lab.child("a").withBackoff(backoff));
                crashAndAwaitBackoff(lab, sup, "a", "backoff:a:1000ms", 1);
                lab.time().advance(Duration.ofSeconds(1));
                lab.events.awaitTrace(sup, "restarted:a", 1);
                crashAndAwaitBackoff(lab, sup, "a", "backoff:a:2000ms", 1);
                lab.time().advance(Duration.ofSeconds(2));
                lab.events.awaitTrace(sup, "restarted:a", 2);

                lab.time().advance(backoff.resetAfter()); // quiet for longer than resetAfter
                crashAndAwaitBackoff(lab, sup, "a", "backoff:a:1000ms", 2);

                assertThat(lab.events.trace(sup)).filteredOn(e -> e.startsWith("backoff:"))
                        .containsExactly("backoff:a:1000ms", "backoff:a:2000ms", "backoff:a:1000ms");
            }
        }

        @Test
        void childWaitingForItsBackoffCanNeitherBeRestartedNorDeleted() {
            try (Lab lab = Lab.manualTime()) {
                SupervisorRef sup = start(lab, Strategy.ONE_FOR_ONE, lab.child("a").withBackoff(backoff));
                crashAndAwaitBackoff(lab, sup, "a", "backoff:a:1000ms", 1);

                assertThat(Lab.failure(sup.restartChild("a")).error()).isEqualTo(SupervisorException.Error.RESTARTING);
                assertThat(Lab.failure(sup.deleteChild("a")).error()).isEqualTo(SupervisorException.Error.RESTARTING);
                assertThat(Lab.join(sup.countChildren()).active()).isZero();
            }
        }

        /** OTP's start_child answers already_started only for a child with a pid; one restarting is already_present. */
        @Test
        void startChildOfAnIdWaitingForItsBackoffAnswersAlreadyPresent() {
            try (Lab lab = Lab.manualTime()) {
                SupervisorRef sup = start(lab, Strategy.ONE_FOR_ONE, lab.child("a").withBackoff(backoff));
                crashAndAwaitBackoff(lab, sup, "a", "backoff:a:1000ms", 1);

                SupervisorException e = Lab.failure(sup.startChild(lab.child("a")));

                assertThat(e.error()).isEqualTo(SupervisorException.Error.ALREADY_PRESENT);
                assertThat(e.childId()).contains("a");
                assertThat(e.child()).isEmpty();
            }
        }

        @Test
        void terminatingAChildWaitingForItsBackoffCancelsItsRestart() {
            try (Lab lab = Lab.manualTime()) {
                SupervisorRef sup = start(lab, Strategy.ONE_FOR_ONE, lab.child("a").withBackoff(backoff));
                crashAndAwaitBackoff(lab, sup, "a", "backoff:a:1000ms", 1);

                Lab.join(sup.terminateChild("a"));
                lab.time().advance(Duration.ofSeconds(1)); // the timer message is queued before the next request

                ChildInfo a = Lab.info(sup, "a");
                assertThat(a.status()).isEqualTo(ChildStatus.UNDEFINED);
                assertThat(a.ref()).isEmpty();
                assertThat(lab.lifecycle()).containsExactly("start:a", "stop:a");
            }
        }

        @Test
        void backoffsOfTwoChildrenAreIndependent() {
            try (Lab lab = Lab.manualTime()) {
                SupervisorRef sup = start(lab, Strategy.ONE_FOR_ONE,
                        lab.child("a").withBackoff(backoff), lab.child("b").withBackoff(backoff));

                crashAndAwaitBackoff(lab, sup, "a", "backoff:a:1000ms", 1);
                crashAndAwaitBackoff(lab, sup, "b", "backoff:b:1000ms", 1);
                lab.time().advance(Duration.ofSeconds(1)); // both delays are over

                lab.events.awaitTrace(sup, "restarted:b");
                assertThat(Lab.join(sup.whichChildren())).extracting(ChildInfo::status)
                        .containsExactly(ChildStatus.RUNNING, ChildStatus.RUNNING);
                assertThat(lab.events.trace(sup)).contains("restarted:a");
            }
        }

        @Test
        void restartsUnderBackoffCountTowardsTheIntensity() {
            try (Lab lab = Lab.manualTime()) {
                SupervisorRef sup = lab.start(Supervisor.builder().intensity(1, Duration.ofHours(1))
                        .child(lab.child("a").withBackoff(backoff)).build());
                crashAndAwaitBackoff(lab, sup, "a", "backoff:a:1000ms", 1);
                lab.time().advance(Duration.ofSeconds(1));
                lab.events.awaitTrace(sup, "restarted:a");

                lab.crash("a");

                lab.awaitTerminated(sup.ref());
                lab.events.awaitTrace(sup, "rootTerminated");
                assertThat(lab.events.trace(sup)).containsSubsequence("restarted:a", "exited:a", "intensityExceeded")
                        .filteredOn(e -> e.startsWith("backoff:")).hasSize(1);
            }
        }

        @Test
        void oneForAllStopsTheGroupAtOnceAndRestartsItTogetherAfterTheDelay() {
            try (Lab lab = Lab.manualTime()) {
                SupervisorRef sup = start(lab, Strategy.ONE_FOR_ALL,
                        lab.child("a"), lab.child("b").withBackoff(backoff), lab.child("c"));

                crashAndAwaitBackoff(lab, sup, "b", "backoff:b:1000ms", 1);
                assertThat(lab.lifecycle()).containsExactly(
                        "start:a", "start:b", "start:c", "stop:b", "stop:c", "stop:a");
                lab.tell("c", new Worker.Note("kept"));
                lab.time().advance(Duration.ofSeconds(1));

                lab.awaitLog("handle:c:kept");
                assertThat(lab.log()).containsExactly(
                        "start:a", "start:b", "start:c", "stop:b", "stop:c", "stop:a",
                        "start:a", "start:b", "start:c", "handle:c:kept");
            }
        }
    }
}

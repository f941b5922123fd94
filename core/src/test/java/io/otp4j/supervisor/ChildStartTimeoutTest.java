package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@link ChildSpec#startTimeout()}: each child's own limit on its {@code preStart}. The limit runs on the
 * system's scheduler, here a manual one, so it elapses exactly when the test moves the clock while the
 * child is known to be inside its {@code preStart}.
 */
class ChildStartTimeoutTest {

    @Test
    void aChildWhosePreStartOutlastsItsStartTimeoutFailsToStartAndIsKilledAsSoonAsItReturns() {
        try (Lab lab = Lab.manualTime()) {
            SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());
            CountDownLatch gate = lab.gate();
            lab.worker("slow").hangingInPreStart(gate);
            int timers = lab.time().pendingTasks();

            CompletionStage<StartResult<Worker.Cmd>> starting =
                    sup.startChild(lab.child("slow").withStartTimeout(Duration.ofSeconds(2)));
            await().atMost(Lab.WAIT).until(() -> lab.worker("slow").starts() == 1);
            lab.awaitPendingTimers(timers + 2); // the request's own ask timeout and the child's start timeout
            lab.time().advance(Duration.ofSeconds(2));

            SupervisorException e = Lab.failure(starting);
            assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);
            assertThat(e).hasMessageContaining("did not start within PT2S");
            SupervisorEvent.ChildStartFailed failed = lab.events.awaitEvent(SupervisorEvent.ChildStartFailed.class,
                    f -> f.childId().equals("slow"));
            assertThat(failed.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                    f -> assertThat(f.cause()).isInstanceOf(TimeoutException.class));
            // the supervisor goes on with the others, and the failed child's name is free at once
            assertThat(Lab.ids(sup)).containsExactly("a");

            gate.countDown(); // its preStart returns, and it is killed then
            ActorRef<Worker.Cmd> slow = await().atMost(Lab.WAIT).until(() -> lab.refOrNull("slow"), r -> r != null);
            assertThat(lab.awaitTerminated(slow)).isEqualTo(ExitReason.KILLED);
        }
    }

    @Test
    void eachChildHasItsOwnLimitAndOneThatStartsWithinItStarts() {
        try (Lab lab = Lab.manualTime()) {
            SupervisorRef sup = lab.start(Supervisor.builder().build());
            CountDownLatch gate = lab.gate();
            lab.worker("patient").hangingInPreStart(gate);
            int timers = lab.time().pendingTasks();

            CompletionStage<StartResult<Worker.Cmd>> starting =
                    sup.startChild(lab.child("patient").withStartTimeout(Duration.ofSeconds(10)));
            await().atMost(Lab.WAIT).until(() -> lab.worker("patient").starts() == 1);
            lab.awaitPendingTimers(timers + 2);
            lab.time().advance(Duration.ofSeconds(2)); // what failed another child is well within this one's limit
            gate.countDown();

            assertThat(Lab.join(starting)).isInstanceOf(StartResult.Started.class);
            assertThat(Lab.ids(sup)).containsExactly("patient");
            assertThat(Lab.info(sup, "patient").status()).isEqualTo(ChildStatus.RUNNING);
        }
    }

    @Test
    void aStartTimeoutMustBePositive() {
        ChildSpec<Worker.Cmd> spec = ChildSpec.worker("w", () -> null);
        assertThat(spec.startTimeout()).isEmpty();
        assertThatThrownBy(() -> spec.withStartTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> spec.withStartTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("startTimeout");
        assertThat(spec.withStartTimeout(Duration.ofSeconds(3)).startTimeout()).hasValue(Duration.ofSeconds(3));
    }
}

package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.otp4j.actor.AskTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How long a control call waits for a supervisor that lives but does not answer: a timeout of the caller's
 * choosing, 30 s by default, measured on the system's scheduler (OTP's calls wait for ever; a supervisor that
 * dies fails them at once, which {@link ControlApiTest} checks). Here the scheduler is manual, and the
 * supervisor is kept busy by a child that takes its time to stop under {@code terminateChild}.
 */
class ControlCallTimeoutTest {

    private final Lab lab = Lab.manualTime();

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void aControlCallFailsWhenTheSystemsClockPassesItsTimeoutAndNotBefore() {
        CountDownLatch gate = lab.gate();
        lab.worker("a").hangingInPostStop(gate);
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("a").withShutdown(ChildShutdown.infinity())).build());
        CompletionStage<Void> terminating = sup.terminateChild("a");
        lab.awaitLog("stop:a"); // the supervisor now waits for a, and answers nothing else

        CompletionStage<List<ChildInfo>> fiveSeconds = sup.withTimeout(Duration.ofSeconds(5)).whichChildren();
        CompletionStage<ChildCounts> byDefault = sup.countChildren();
        CompletionStage<ChildCounts> forever = sup.withTimeout(ChronoUnit.FOREVER.getDuration()).countChildren();

        lab.time().advance(Duration.ofSeconds(4));
        assertThat(fiveSeconds.toCompletableFuture()).as("4 s of the clock: still waiting").isNotDone();
        lab.time().advance(Duration.ofSeconds(1));
        assertThat(timeoutOf(fiveSeconds)).isInstanceOf(AskTimeoutException.class);

        lab.time().advance(Duration.ofSeconds(24));
        assertThat(byDefault.toCompletableFuture()).as("29 s of the clock: still waiting").isNotDone();
        lab.time().advance(Duration.ofSeconds(1));
        assertThat(timeoutOf(byDefault)).isInstanceOf(AskTimeoutException.class);
        assertThat(timeoutOf(terminating)).isInstanceOf(AskTimeoutException.class);

        lab.time().advance(Duration.ofDays(365));
        assertThat(forever.toCompletableFuture()).isNotDone();
        gate.countDown(); // a stops: the supervisor answers what is still waiting
        assertThat(Lab.join(forever)).isEqualTo(new ChildCounts(1, 0, 0, 1));
    }

    @Test
    void theCallTimeoutIsThirtySecondsUnlessSetAndMustBePositive() {
        SupervisorRef sup = lab.start(Supervisor.builder().build());

        assertThat(sup.timeout()).isEqualTo(SupervisorRef.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(30));
        assertThat(sup.withTimeout(Duration.ofSeconds(2)))
                .isEqualTo(sup.withTimeout(Duration.ofSeconds(2)))
                .isNotEqualTo(sup)
                .satisfies(copy -> assertThat(copy.timeout()).isEqualTo(Duration.ofSeconds(2)))
                .extracting(SupervisorRef::ref).isSameAs(sup.ref());
        assertThatThrownBy(() -> sup.withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> sup.withTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> sup.withTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("timeout");
    }

    /** @return what a stage that must fail failed with; waits for it as long as any lab wait */
    private static Throwable timeoutOf(CompletionStage<?> stage) {
        return catchThrowableOfType(ExecutionException.class,
                () -> stage.toCompletableFuture().get(Lab.WAIT.toMillis(), TimeUnit.MILLISECONDS)).getCause();
    }
}

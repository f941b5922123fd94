package io.otp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.otp4j.timer.Cancellable;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The manual scheduler's clock and queue, on their own. */
class ManualSchedulerTest {

    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
    private static final Duration THREE_CENTURIES = ChronoUnit.CENTURIES.getDuration().multipliedBy(3);

    @Test
    void dueTasksRunInOrderOfDueTimeWithTheClockAtTheirTime() {
        try (ManualScheduler time = new ManualScheduler()) {
            List<String> ran = new ArrayList<>();
            time.scheduleOnce(Duration.ofMillis(20), () -> ran.add("b at " + time.nanoTime()));
            time.scheduleOnce(Duration.ofMillis(10), () -> ran.add("a at " + time.nanoTime()));

            time.advance(Duration.ofMillis(30));

            assertThat(ran).containsExactly("a at 10000000", "b at 20000000");
            assertThat(time.nanoTime()).isEqualTo(30_000_000);
        }
    }

    @Test
    void delaysTooLongForNanosecondsSaturateToNeverAndDoNotThrow() {
        try (ManualScheduler time = new ManualScheduler()) {
            AtomicInteger runs = new AtomicInteger();
            List<Cancellable> never = new ArrayList<>();
            assertThatCode(() -> {
                never.add(time.scheduleOnce(FOREVER, runs::incrementAndGet));
                never.add(time.scheduleOnce(THREE_CENTURIES, runs::incrementAndGet));
                never.add(time.scheduleAtFixedRate(FOREVER, Duration.ofMillis(1), runs::incrementAndGet));
                time.advance(FOREVER);
                time.advance(FOREVER);
            }).doesNotThrowAnyException();

            assertThat(runs).hasValue(0);
            assertThat(time.nanoTime()).isEqualTo(Long.MAX_VALUE);
            assertThat(time.pendingTasks()).isEqualTo(3);
            for (Cancellable c : never) {
                assertThat(c.cancel()).isTrue();
            }
            assertThat(time.pendingTasks()).isZero();
        }
    }

    @Test
    void aFixedRateTaskWithAnEndlessPeriodRunsOnceOnly() {
        try (ManualScheduler time = new ManualScheduler()) {
            AtomicInteger runs = new AtomicInteger();
            time.scheduleAtFixedRate(Duration.ofMillis(5), FOREVER, runs::incrementAndGet);

            time.advance(Duration.ofMillis(5));
            assertThat(runs).hasValue(1);
            time.advance(FOREVER);

            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void aHugelyNegativeDelayIsDueAtOnce() {
        try (ManualScheduler time = new ManualScheduler()) {
            AtomicInteger runs = new AtomicInteger();
            time.scheduleOnce(FOREVER.negated(), runs::incrementAndGet);

            time.advance(Duration.ZERO);

            assertThat(runs).hasValue(1);
        }
    }
}

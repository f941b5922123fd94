package io.otp4j.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {

    @Test
    void aOneShotTaskRunsOnceAndNeverBeforeItsTime() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicLong ranAt = new AtomicLong();
            long scheduledAt = scheduler.nanoTime();
            scheduler.scheduleOnce(Duration.ofMillis(30), () -> {
                ranAt.set(scheduler.nanoTime());
                ran.countDown();
            });
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ranAt.get() - scheduledAt).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
        }
    }

    @Test
    void aCancelledTaskDoesNotRunAndCancelReportsWhoCancelled() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            AtomicInteger cancelledRuns = new AtomicInteger();
            Cancellable cancelled = scheduler.scheduleOnce(Duration.ofMillis(20), cancelledRuns::incrementAndGet);
            assertThat(cancelled.cancel()).isTrue();
            assertThat(cancelled.cancel()).isFalse();
            CountDownLatch later = new CountDownLatch(1); // scheduled after it, so it runs after it would have
            scheduler.scheduleOnce(Duration.ofMillis(40), later::countDown);
            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRuns).hasValue(0);
        }
    }

    @Test
    void aFixedRateTaskRunsRepeatedlyUntilCancelled() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            CountDownLatch threeRuns = new CountDownLatch(3);
            Cancellable timer = scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(5), threeRuns::countDown);
            assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(timer.cancel()).isTrue();
        }
    }

    @Test
    void manyTimersScheduledFromManyThreadsAllRun() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            int perThread = 2_000;
            CountDownLatch all = new CountDownLatch(4 * perThread);
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        scheduler.scheduleOnce(Duration.ofMillis(i % 20), all::countDown);
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(all.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheScheduler() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            scheduler.scheduleOnce(Duration.ZERO, () -> {
                throw new IllegalStateException("boom");
            });
            CountDownLatch after = new CountDownLatch(1);
            scheduler.scheduleOnce(Duration.ofMillis(10), after::countDown);
            assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    // ------------------------------------------------------------------ cancelled timers hold nothing

    /** A task that keeps {@code payload} reachable for as long as the task itself is. */
    private static Runnable holding(Object payload) {
        return () -> payload.hashCode();
    }

    /**
     * Polls a full GC until {@code ref} is cleared. A GC clears an unreachable referent at once; the
     * bound only has to be shorter than the time a leak would last (the timers here are due in an hour).
     */
    static void awaitCollected(WeakReference<?> ref) {
        await("collection of what the timer referenced").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    System.gc();
                    return ref.get() == null;
                });
    }

    @Test
    void cancelReleasesTheTaskAtOnceEvenWhileTheHandleIsStillHeld() {
        try (Scheduler scheduler = Scheduler.system()) {
            Object payload = new byte[1 << 20];
            WeakReference<Object> weak = new WeakReference<>(payload);
            Cancellable timer = scheduler.scheduleOnce(Duration.ofHours(1), holding(payload));
            payload = null;

            assertThat(timer.cancel()).isTrue();

            awaitCollected(weak);
            assertThat(timer.cancel()).isFalse(); // the handle is still usable, and still cancelled
        }
    }

    @Test
    void cancellingAFixedRateTaskReleasesItAtOnce() {
        try (Scheduler scheduler = Scheduler.system()) {
            Object payload = new byte[1 << 20];
            WeakReference<Object> weak = new WeakReference<>(payload);
            Cancellable timer = scheduler.scheduleAtFixedRate(Duration.ofHours(1), Duration.ofHours(1), holding(payload));
            payload = null;

            assertThat(timer.cancel()).isTrue();

            awaitCollected(weak);
        }
    }

    @Test
    void manyStartsAndCancelsLeaveNoneOfTheirTasksReachable() {
        try (Scheduler scheduler = Scheduler.system()) {
            int timers = 10_000;
            @SuppressWarnings("unchecked")
            WeakReference<Object>[] weak = new WeakReference[timers];
            for (int i = 0; i < timers; i++) {
                Object payload = new Object();
                weak[i] = new WeakReference<>(payload);
                scheduler.scheduleOnce(Duration.ofSeconds(60 + i % 60), holding(payload)).cancel();
            }
            for (WeakReference<Object> w : weak) {
                awaitCollected(w);
            }
        }
    }

    // ------------------------------------------------------------------ huge durations saturate

    @Test
    void delaysTooLongForNanosecondsAreNeverReachedAndDoNotThrow() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            AtomicInteger runs = new AtomicInteger();
            Duration forever = ChronoUnit.FOREVER.getDuration();
            Duration threeHundredYears = ChronoUnit.YEARS.getDuration().multipliedBy(300);
            Cancellable[] pending = new Cancellable[4];
            assertThatCode(() -> {
                pending[0] = scheduler.scheduleOnce(forever, runs::incrementAndGet);
                pending[1] = scheduler.scheduleOnce(threeHundredYears, runs::incrementAndGet);
                pending[2] = scheduler.scheduleAtFixedRate(forever, Duration.ofMillis(1), runs::incrementAndGet);
                pending[3] = scheduler.scheduleAtFixedRate(threeHundredYears, forever, runs::incrementAndGet);
            }).doesNotThrowAnyException();
            CountDownLatch later = new CountDownLatch(1);
            scheduler.scheduleOnce(Duration.ofMillis(20), later::countDown);
            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(runs).hasValue(0);
            for (Cancellable c : pending) {
                assertThat(c.cancel()).as("still pending, so cancelled now").isTrue();
            }
        }
    }

    @Test
    void aFixedRateTaskWithAnEndlessPeriodRunsOnceOnly() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch first = new CountDownLatch(1);
            Cancellable timer = scheduler.scheduleAtFixedRate(Duration.ZERO, ChronoUnit.FOREVER.getDuration(), () -> {
                runs.incrementAndGet();
                first.countDown();
            });
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch later = new CountDownLatch(1);
            scheduler.scheduleOnce(Duration.ofMillis(20), later::countDown);
            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(runs).hasValue(1);
            assertThat(timer.cancel()).isTrue();
        }
    }

    @Test
    void aHugelyNegativeDelayRunsAtOnce() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            CountDownLatch ran = new CountDownLatch(1);
            scheduler.scheduleOnce(ChronoUnit.FOREVER.getDuration().negated(), ran::countDown);
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}

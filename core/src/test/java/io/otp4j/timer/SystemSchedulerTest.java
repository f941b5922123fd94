package io.otp4j.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}

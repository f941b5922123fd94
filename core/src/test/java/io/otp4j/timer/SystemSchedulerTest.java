package io.otp4j.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.otp4j.timer.RuntimeTask;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The system scheduler on real time: ordering, cancellation, what it holds, huge delays, its threads. */
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
        // The cancel must come before the timer's deadline; on a machine so loaded that the test thread is held
        // past it, the round proves nothing and is tried again with a deadline ten times further off.
        for (long delayMillis = 20; delayMillis <= 20_000; delayMillis *= 10) {
            if (cancelBeforeItsTime(Duration.ofMillis(delayMillis))) {
                return;
            }
        }
        fail("the cancel lost the race against a 20 s deadline in every round");
    }

    /** @return false when the timer was due before the cancel (then it ran, and cancel said so) */
    private static boolean cancelBeforeItsTime(Duration delay) throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            AtomicInteger cancelledRuns = new AtomicInteger();
            Cancellable cancelled = scheduler.scheduleOnce(delay, cancelledRuns::incrementAndGet);
            if (!cancelled.cancel()) {
                await("the run that the failed cancel reported").atMost(Duration.ofSeconds(10))
                        .until(() -> cancelledRuns.get() == 1);
                return false;
            }
            assertThat(cancelled.cancel()).isFalse();
            CountDownLatch later = new CountDownLatch(1); // due after it, so it runs after it would have
            scheduler.scheduleOnce(delay.multipliedBy(2), later::countDown);
            assertThat(later.await(delay.toMillis() * 2 + 10_000, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(cancelledRuns).hasValue(0);
            return true;
        }
    }

    @Test
    void aTimerCancelledOnceInTheWheelIsUnlinkedWithoutDisturbingItsNeighbours() throws InterruptedException {
        // The cancel must win against the timer's own deadline; on a machine so loaded that the deadline
        // passes first, the round proves nothing and is tried again with a deadline ten times further off.
        for (long delayMillis = 30; delayMillis <= 30_000; delayMillis *= 10) {
            if (cancelOneOfThreeNeighbours(Duration.ofMillis(delayMillis))) {
                return;
            }
        }
        fail("the cancel lost the race against a 30 s deadline in every round");
    }

    /** @return false when the timer had fired before the cancel (nothing was checked) */
    private static boolean cancelOneOfThreeNeighbours(Duration delay) throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            AtomicInteger cancelledRuns = new AtomicInteger();
            CountDownLatch neighbours = new CountDownLatch(2);
            Cancellable before = scheduler.scheduleOnce(delay, neighbours::countDown);
            Cancellable cancelled = scheduler.scheduleOnce(delay, cancelledRuns::incrementAndGet);
            Cancellable after = scheduler.scheduleOnce(delay, neighbours::countDown);
            CountDownLatch drained = new CountDownLatch(1); // queued after them: once it ran, they are in the wheel
            scheduler.scheduleOnce(Duration.ZERO, (RuntimeTask) drained::countDown);
            assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();

            if (!cancelled.cancel()) {
                return false;
            }

            assertThat(neighbours.await(delay.toMillis() + 10_000, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(cancelledRuns).hasValue(0);
            assertThat(before.cancel()).isFalse();
            assertThat(after.cancel()).isFalse();
            return true;
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
    void cancelRacingWithFiringIsExactEitherItRanOrCancelSaidSo() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            int threads = 4;
            int perThread = 5_000;
            AtomicIntegerArray runs = new AtomicIntegerArray(threads * perThread);
            AtomicIntegerArray cancelled = new AtomicIntegerArray(threads * perThread);
            Thread[] workers = new Thread[threads];
            for (int w = 0; w < threads; w++) {
                int base = w * perThread;
                workers[w] = new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(base);
                    for (int i = 0; i < perThread; i++) {
                        int id = base + i;
                        Runnable task = () -> runs.incrementAndGet(id);
                        Duration delay = Duration.ofNanos(random.nextLong(3_000_000));
                        Cancellable timer = id % 2 == 0 ? scheduler.scheduleOnce(delay, task)
                                : scheduler.scheduleOnce(delay, (RuntimeTask) task::run);
                        if (random.nextBoolean()) {
                            LockSupport.parkNanos(random.nextLong(1_000_000)); // around its time
                            if (timer.cancel()) {
                                cancelled.set(id, 1);
                            }
                        }
                    }
                });
                workers[w].start();
            }
            for (Thread w : workers) {
                w.join();
            }

            await("every timer not cancelled has run").atMost(Duration.ofSeconds(10)).until(() -> {
                for (int id = 0; id < runs.length(); id++) {
                    if (runs.get(id) + cancelled.get(id) != 1) {
                        return false;
                    }
                }
                return true;
            });
            for (int id = 0; id < runs.length(); id++) {
                assertThat(runs.get(id)).as("runs of %d", id).isLessThanOrEqualTo(1);
            }
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
     * Polls a full GC until every reference is cleared. A GC clears unreachable referents at once; the
     * bound only has to be shorter than the time a leak would last (the timers here are due in an hour).
     */
    static void awaitCollected(List<? extends WeakReference<?>> refs) {
        await("collection of what the timers referenced").atMost(Duration.ofSeconds(5))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
                    System.gc();
                    return refs.stream().allMatch(r -> r.get() == null);
                });
    }

    static void awaitCollected(WeakReference<?> ref) {
        awaitCollected(List.of(ref));
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
            List<WeakReference<Object>> weak = new ArrayList<>();
            for (int i = 0; i < timers; i++) {
                Object payload = new Object();
                weak.add(new WeakReference<>(payload));
                scheduler.scheduleOnce(Duration.ofSeconds(60 + i % 60), holding(payload)).cancel();
            }
            awaitCollected(weak);
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

    // ------------------------------------------------------------------ user tasks and the runtime's

    @Test
    void runtimeTasksRunWhileAUserTaskBlocksAndOnAnotherThread() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            CountDownLatch blocking = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Thread> userThread = new AtomicReference<>();
            scheduler.scheduleOnce(Duration.ZERO, () -> {
                userThread.set(Thread.currentThread());
                blocking.countDown();
                awaitQuietly(release);
            });
            try {
                assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
                CountDownLatch once = new CountDownLatch(1);
                CountDownLatch threeBeats = new CountDownLatch(3);
                AtomicReference<Thread> runtimeThread = new AtomicReference<>();
                scheduler.scheduleOnce(Duration.ofMillis(5), (RuntimeTask) () -> {
                    runtimeThread.set(Thread.currentThread());
                    once.countDown();
                });
                Cancellable beat = scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(2),
                        (RuntimeTask) threeBeats::countDown);

                assertThat(once.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(threeBeats.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(runtimeThread.get()).isNotSameAs(userThread.get());
                assertThat(release.getCount()).as("the user task is still blocked").isEqualTo(1);
                beat.cancel();
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void aSlowFixedRateUserTaskNeverOverlapsItself() throws InterruptedException {
        try (Scheduler scheduler = Scheduler.system()) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch fiveRuns = new CountDownLatch(5);
            CountDownLatch slowRunStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Cancellable timer = scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(1), () -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                if (fiveRuns.getCount() == 5) { // the first run outlasts many periods
                    slowRunStarted.countDown();
                    awaitQuietly(release);
                }
                running.decrementAndGet();
                fiveRuns.countDown();
            });
            assertThat(slowRunStarted.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch periodsPassed = new CountDownLatch(1); // a runtime timer: not behind the slow run
            scheduler.scheduleOnce(Duration.ofMillis(20), (RuntimeTask) periodsPassed::countDown);
            assertThat(periodsPassed.await(10, TimeUnit.SECONDS)).isTrue();

            release.countDown();

            assertThat(fiveRuns.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(timer.cancel()).isTrue();
            assertThat(overlaps).hasValue(0);
        }
    }

    @Test
    void closingStopsUserTasksThatWereDueButHadNotRunYet() throws InterruptedException {
        AtomicInteger laterRuns = new AtomicInteger();
        AtomicReference<Thread> userThread = new AtomicReference<>();
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Scheduler scheduler = Scheduler.system();
        try {
            scheduler.scheduleOnce(Duration.ZERO, () -> {
                userThread.set(Thread.currentThread());
                blocking.countDown();
                awaitQuietly(release);
            });
            assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch handedOff = new CountDownLatch(1);
            scheduler.scheduleOnce(Duration.ZERO, laterRuns::incrementAndGet); // due, queued behind the blocked one
            scheduler.scheduleOnce(Duration.ofMillis(1), (RuntimeTask) handedOff::countDown);
            assertThat(handedOff.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.close();
            release.countDown();
        }

        userThread.get().join(TimeUnit.SECONDS.toMillis(10)); // it ends once it has seen all it was given
        assertThat(userThread.get().isAlive()).isFalse();
        assertThat(laterRuns).hasValue(0);
        assertThat(scheduler.scheduleOnce(Duration.ZERO, laterRuns::incrementAndGet).cancel())
                .as("a timer scheduled after close is born cancelled").isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

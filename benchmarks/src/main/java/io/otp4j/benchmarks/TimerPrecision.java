package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.AskTimeoutException;
import io.otp4j.timer.Scheduler;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Question: how close to their deadlines do the system scheduler's timers fire, with many of them pending
 * or firing at once, and what do completed asks and cancelled timers leave on the heap? A measuring
 * program rather than a JMH benchmark: the figures are distributions of lateness and heap sizes, not
 * throughput. Each scenario runs once on a fresh actor system and prints one line.
 *
 * <ul>
 *   <li>{@code burst}: 100,000 asks with a 100 ms timeout to an actor that never answers, made as fast as
 *       one thread can; lateness of each failure after its deadline (seen by a callback).</li>
 *   <li>{@code pending}: 100,000 asks with a 60 s timeout are left pending, then 20,000 asks with a 100 ms
 *       timeout are made, one every 50 µs; lateness of those.</li>
 *   <li>{@code user tasks}: 100,000 {@code system.scheduler().scheduleOnce} with delays spread over
 *       100-1,000 ms; lateness of each run.</li>
 *   <li>{@code blocked}: a user task blocks 2 s on {@code system.scheduler()}; when does a 100 ms ask
 *       timeout made meanwhile fire?</li>
 *   <li>{@code heap}: heap in use after a full GC, above the baseline, once 1,000,000 asks with 64-byte
 *       replies and a 60 s timeout have completed (256 in flight); the same for 200,000 asks with 10 KB
 *       replies and a 30 s timeout; and after 4,000,000 timers of 60 s were started and cancelled.</li>
 * </ul>
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar
 * io.otp4j.benchmarks.TimerPrecision}
 */
public final class TimerPrecision {

    private static final Duration SHORT = Duration.ofMillis(100);
    private static final long WAIT_SECONDS = 120;

    private TimerPrecision() {}

    /** Never answers. */
    static final class Silent implements Actor<Object> {
        @Override
        public void receive(Object message, ActorContext<Object> ctx) {}
    }

    record Get(int size, ActorRef<byte[]> replyTo) {}

    /** Answers with a fresh array of the size asked for. */
    static final class Replier implements Actor<Get> {
        @Override
        public void receive(Get get, ActorContext<Get> ctx) {
            get.replyTo().tell(new byte[get.size()]);
        }
    }

    /**
     * @param args none
     * @throws Exception if a wait is interrupted or a scenario fails its check
     */
    public static void main(String[] args) throws Exception {
        System.out.printf("%-12s %s%n", "scenario", "figures (lateness after the deadline, ms)");
        burst();
        pending();
        userTasks();
        blocked();
        heap();
    }

    private static void burst() throws InterruptedException {
        try (ActorSystem system = ActorSystem.create("timers")) {
            ActorRef<Object> silent = system.spawn("silent", Silent::new);
            int n = 100_000;
            long[] late = new long[n];
            CountDownLatch failed = new CountDownLatch(n);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                timeAsk(silent, SHORT, late, i, failed);
            }
            long made = System.nanoTime() - start;
            await(failed, "burst timeouts");
            System.out.printf("%-12s %s; all made in %d ms%n", "burst", percentiles(late), made / 1_000_000);
        }
    }

    private static void pending() throws InterruptedException {
        try (ActorSystem system = ActorSystem.create("timers")) {
            ActorRef<Object> silent = system.spawn("silent", Silent::new);
            for (int i = 0; i < 100_000; i++) {
                silent.ask(r -> "pending", Duration.ofSeconds(60));
            }
            int n = 20_000;
            long[] late = new long[n];
            CountDownLatch failed = new CountDownLatch(n);
            long next = System.nanoTime();
            for (int i = 0; i < n; i++) {
                while (System.nanoTime() - next < 0) {
                    Thread.onSpinWait();
                }
                next += TimeUnit.MICROSECONDS.toNanos(50);
                timeAsk(silent, SHORT, late, i, failed);
            }
            await(failed, "timeouts beside 100,000 pending");
            System.out.printf("%-12s %s%n", "pending", percentiles(late));
        }
    }

    private static void timeAsk(ActorRef<Object> silent, Duration timeout, long[] late, int i, CountDownLatch failed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Object> answer = silent.ask(r -> "anyone?", timeout).toCompletableFuture();
        answer.whenComplete((r, e) -> {
            late[i] = System.nanoTime() - deadline;
            if (!(e instanceof AskTimeoutException)) {
                throw new IllegalStateException("expected a timeout, got " + r + " / " + e);
            }
            failed.countDown();
        });
    }

    private static void userTasks() throws InterruptedException {
        try (ActorSystem system = ActorSystem.create("timers")) {
            Scheduler scheduler = system.scheduler();
            int n = 100_000;
            long[] late = new long[n];
            CountDownLatch ran = new CountDownLatch(n);
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < n; i++) {
                int index = i;
                long delay = TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(900));
                long due = System.nanoTime() + delay;
                scheduler.scheduleOnce(Duration.ofNanos(delay), () -> {
                    late[index] = System.nanoTime() - due;
                    ran.countDown();
                });
            }
            await(ran, "user tasks");
            System.out.printf("%-12s %s%n", "user tasks", percentiles(late));
        }
    }

    private static void blocked() throws InterruptedException {
        try (ActorSystem system = ActorSystem.create("timers")) {
            ActorRef<Object> silent = system.spawn("silent", Silent::new);
            CountDownLatch blocking = new CountDownLatch(1);
            system.scheduler().scheduleOnce(Duration.ZERO, () -> {
                blocking.countDown();
                try {
                    Thread.sleep(2_000); // a user task that blocks, as reported
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await(blocking, "the blocking user task");
            long[] late = new long[1];
            CountDownLatch failed = new CountDownLatch(1);
            long made = System.nanoTime();
            timeAsk(silent, SHORT, late, 0, failed);
            await(failed, "the timeout");
            System.out.printf("%-12s a 100 ms ask timeout fired %.1f ms after the ask, while a user task blocked 2 s%n",
                    "blocked", (late[0] + SHORT.toNanos()) / 1e6);
            Thread.sleep(2_000); // let the user task end before the system closes
        }
    }

    private static void heap() throws InterruptedException {
        try (ActorSystem system = ActorSystem.create("timers")) {
            ActorRef<Get> replier = system.spawn("replier", Replier::new);
            long baseline = usedAfterGc();
            asks(replier, 1_000_000, 64, Duration.ofSeconds(60));
            long small = usedAfterGc() - baseline;
            asks(replier, 200_000, 10 * 1024, Duration.ofSeconds(30));
            long large = usedAfterGc() - baseline;
            long start = System.nanoTime();
            Scheduler scheduler = system.scheduler();
            Runnable nothing = () -> {};
            for (int i = 0; i < 4_000_000; i++) {
                scheduler.scheduleOnce(Duration.ofSeconds(60), nothing).cancel();
            }
            long perPair = (System.nanoTime() - start) / 4_000_000;
            long cancelled = usedAfterGc() - baseline;
            System.out.printf("%-12s above baseline after GC: %s after 1 M asks (64 B, 60 s); %s after 200 k asks"
                    + " (10 KB, 30 s); %s after 4 M start+cancel (%d ns per pair)%n",
                    "heap", mb(small), mb(large), mb(cancelled), perPair);
        }
    }

    /** Makes {@code n} asks, at most 256 in flight, and waits for all replies. */
    private static void asks(ActorRef<Get> replier, int n, int size, Duration timeout) throws InterruptedException {
        Semaphore inFlight = new Semaphore(256);
        AtomicInteger wrong = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            replier.<byte[]>ask(r -> new Get(size, r), timeout).whenComplete((reply, e) -> {
                if (reply == null || reply.length != size) {
                    wrong.incrementAndGet();
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(256, WAIT_SECONDS, TimeUnit.SECONDS) || wrong.get() != 0) {
            throw new IllegalStateException("replies missing or wrong: " + wrong.get());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%+.1f MB", bytes / 1e6);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + ": " + latch.getCount() + " missing after " + WAIT_SECONDS + " s");
        }
    }

    private static String percentiles(long[] lateNanos) {
        long[] sorted = lateNanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "n %,d: min %.2f, p50 %.2f, p99 %.2f, p99.9 %.2f, max %.2f",
                sorted.length, sorted[0] / 1e6, at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e6;
    }
}

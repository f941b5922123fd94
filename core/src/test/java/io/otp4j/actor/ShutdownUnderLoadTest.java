package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Stop and close under load, on every dispatcher: a stop overtakes the backlog, close always finishes and
 * accounts for every actor and every message, nothing runs or is accepted afterwards, and close works from
 * inside an actor. Timeouts here only detect hangs; they are generous. A message that blocks its actor is
 * sent from a thread of its own, so that on the calling-thread dispatcher the actor blocks there and not on
 * the test's thread.
 */
@OnEveryDispatcher
class ShutdownUnderLoadTest {

    private static final Duration HANG = Duration.ofSeconds(60);

    private final DispatcherUnderTest on;

    ShutdownUnderLoadTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorSystem system(String name) {
        return on.system(name, ActorSystemSettings.defaults().withShutdownTimeout(HANG));
    }

    private static void tellFromAnotherThread(ActorRef<Integer> ref, int message) {
        Thread.ofPlatform().name("blocking-sender").daemon().start(() -> ref.tell(message));
    }

    /** Spins for {@code micros} of work per message; counts handled messages and postStops. */
    static final class Worker implements Actor<Integer> {
        private final long micros;
        private final AtomicLong handled;
        private final AtomicInteger postStops;
        private final AtomicInteger ranAfterStop;
        private boolean stopped;

        Worker(long micros, AtomicLong handled, AtomicInteger postStops, AtomicInteger ranAfterStop) {
            this.micros = micros;
            this.handled = handled;
            this.postStops = postStops;
            this.ranAfterStop = ranAfterStop;
        }

        @Override
        public void receive(Integer message, ActorContext<Integer> ctx) {
            if (stopped) {
                ranAfterStop.incrementAndGet();
            }
            long end = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            handled.incrementAndGet();
        }

        @Override
        public void postStop(ActorContext<Integer> ctx) {
            stopped = true;
            postStops.incrementAndGet();
        }
    }

    @Test
    void closeUnderABacklogStopsEveryActorOnceAndAccountsForEveryMessage() {
        on.notOn(DispatcherUnderTest.CALLING_THREAD, "there is no backlog: each tell is handled before it returns");
        ActorSystem system = system("backlog");
        AtomicLong handled = new AtomicLong();
        AtomicInteger postStops = new AtomicInteger();
        AtomicInteger ranAfterStop = new AtomicInteger();
        int actors = 1_000;
        int perActor = 400;
        List<ActorRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            refs.add(system.spawn("w-" + i, () -> new Worker(50, handled, postStops, ranAfterStop)));
        }
        for (int m = 0; m < perActor; m++) {
            for (ActorRef<Integer> ref : refs) {
                ref.tell(m);
            }
        }

        ShutdownReport report = system.shutdown(HANG);

        assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.CLEAN);
        assertThat(report.abandoned()).isEmpty();
        assertThat(postStops.get()).isEqualTo(actors);
        assertThat(ranAfterStop.get()).isZero();
        long deadLetters = system.eventStream().deadLetterCount();
        assertThat(handled.get() + deadLetters).isEqualTo((long) actors * perActor);
        // the stop overtook the backlog: most messages were never handled
        assertThat(handled.get()).isLessThan((long) actors * perActor);
        for (ActorRef<Integer> ref : refs) {
            assertThat(ref.offer(1, SendOptions.DEFAULT)).isEqualTo(Delivery.DEAD_LETTER);
        }
        assertThat(handled.get() + system.eventStream().deadLetterCount())
                .isEqualTo((long) actors * perActor + actors);
        assertThat(system.whenTerminated().toCompletableFuture()).isCompletedWithValue(report);
    }

    @Test
    void aStopActsAfterTheCurrentMessageAheadOfTheQueuedOnes() throws Exception {
        try (ActorSystem system = system("stop")) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong handled = new AtomicLong();
            CountDownLatch stopped = new CountDownLatch(1);
            ActorRef<Integer> ref = system.spawn("slow", () -> new Actor<Integer>() {
                @Override
                public void receive(Integer message, ActorContext<Integer> ctx) throws InterruptedException {
                    handled.incrementAndGet();
                    if (message == 0) {
                        entered.countDown();
                        release.await();
                    }
                }

                @Override
                public void postStop(ActorContext<Integer> ctx) {
                    stopped.countDown();
                }
            });
            tellFromAnotherThread(ref, 0);
            assertThat(entered.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 10_000; i++) {
                ref.tell(i);
            }
            system.stop(ref);
            release.countDown();
            assertThat(stopped.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(handled.get()).isEqualTo(1);
            org.awaitility.Awaitility.await().atMost(HANG)
                    .until(() -> system.eventStream().deadLetterCount() == 10_000);
        }
    }

    @Test
    void aShutdownThatTimesOutNamesTheAbandonedActorsAndRunsNoMoreOfTheirCode()
            throws Exception {
        ActorSystem system = system("abandon");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothBlocked = new CountDownLatch(2);
        AtomicLong handled = new AtomicLong();
        AtomicInteger postStops = new AtomicInteger();
        List<ActorRef<Integer>> stuck = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            stuck.add(system.spawn("stuck-" + i, () -> new Actor<Integer>() {
                @Override
                public void receive(Integer message, ActorContext<Integer> ctx) throws InterruptedException {
                    handled.incrementAndGet();
                    bothBlocked.countDown();
                    release.await();
                }

                @Override
                public void postStop(ActorContext<Integer> ctx) {
                    postStops.incrementAndGet();
                }
            }));
        }
        AtomicInteger finePostStops = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            system.spawn("fine-" + i, () -> new Actor<Integer>() {
                @Override
                public void receive(Integer message, ActorContext<Integer> ctx) {}

                @Override
                public void postStop(ActorContext<Integer> ctx) {
                    finePostStops.incrementAndGet();
                }
            });
        }
        for (ActorRef<Integer> ref : stuck) {
            tellFromAnotherThread(ref, 1);
        }
        assertThat(bothBlocked.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (ActorRef<Integer> ref : stuck) {
            ref.tell(2); // queued behind the blocked message
        }

        ShutdownReport report = system.shutdown(Duration.ofMillis(200));

        assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.TIMED_OUT);
        assertThat(report.abandoned()).extracting(a -> a.path().name())
                .containsExactlyInAnyOrder("stuck-0", "stuck-1");
        // each names the thread its run holds (a pool's worker, a virtual thread, the sender's own thread)
        String thread = switch (on) {
            case WORK_STEALING -> "otp4j-abandon-worker-";
            case VIRTUAL_THREADS -> "otp4j-vt-";
            case CALLING_THREAD -> "blocking-sender";
            case REJECTING -> "refused-later-worker-"; // a pool behind another dispatcher
        };
        assertThat(report.abandoned()).allSatisfy(a -> assertThat(a.reason())
                .startsWith("still handling a message on " + thread).doesNotContain("thread #"));
        assertThat(finePostStops.get()).isEqualTo(10);
        for (ActorRef<Integer> ref : stuck) {
            assertThat(ref.offer(3, SendOptions.DEFAULT)).isEqualTo(Delivery.DEAD_LETTER);
        }
        release.countDown();
        // the queued message 2 of each stuck actor is drained, never handled; no postStop for them
        org.awaitility.Awaitility.await().atMost(HANG)
                .until(() -> system.eventStream().deadLetterCount() >= 4);
        assertThat(handled.get()).isEqualTo(2);
        assertThat(postStops.get()).isZero();
        assertThat(system.whenTerminated().toCompletableFuture()).isCompletedWithValue(report);
    }

    @Test
    void aShutdownTimeoutOfCenturiesOrForeverSaturatesAndReleasesTheThreads() {
        on.onlyOn(DispatcherUnderTest.WORK_STEALING, "counts the threads of the pool a system makes and owns");
        for (Duration timeout : List.of(java.time.temporal.ChronoUnit.FOREVER.getDuration(),
                Duration.ofDays(365L * 300))) {
            ActorSystem system = ActorSystem.create("forever", ActorSystemSettings.defaults()
                    .withShutdownTimeout(timeout));
            system.spawn("one", () -> (Integer message, ActorContext<Integer> ctx) -> { });

            system.close(); // used to throw ArithmeticException and leave the pool's threads running

            assertThat(system.whenTerminated().toCompletableFuture())
                    .isCompletedWithValueMatching(ShutdownReport::clean);
            org.awaitility.Awaitility.await().atMost(HANG).until(() -> Thread.getAllStackTraces().keySet()
                    .stream().noneMatch(t -> t.getName().startsWith("otp4j-forever")));
        }
    }

    @Test
    void closeFromInsideAnActorNeitherHangsNorDeadlocks() throws Exception {
        ActorSystem system = system("inside");
        AtomicInteger postStops = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            system.spawn("other-" + i, () -> new Actor<Integer>() {
                @Override
                public void receive(Integer message, ActorContext<Integer> ctx) {}

                @Override
                public void postStop(ActorContext<Integer> ctx) {
                    postStops.incrementAndGet();
                }
            });
        }
        List<ShutdownReport> seenInside = new java.util.concurrent.CopyOnWriteArrayList<>();
        ActorRef<Integer> closer = system.spawn("closer", () -> new Actor<Integer>() {
            @Override
            public void receive(Integer message, ActorContext<Integer> ctx) {
                seenInside.add(system.shutdown());
                system.close(); // a second call from inside is harmless too
            }

            @Override
            public void postStop(ActorContext<Integer> ctx) {
                postStops.incrementAndGet();
            }
        });

        closer.tell(1);
        ShutdownReport report = system.whenTerminated().toCompletableFuture().get(HANG.toSeconds(), TimeUnit.SECONDS);

        assertThat(seenInside).extracting(ShutdownReport::outcome).containsExactly(ShutdownReport.Outcome.IN_PROGRESS);
        assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.CLEAN);
        assertThat(postStops.get()).isEqualTo(11);
        assertThat(system.shutdown()).isEqualTo(report);
    }
}

package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.dispatch.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sentinel starts spare workers for runs that are stuck, one per stuck worker, and for nothing else.
 * <ul>
 *   <li>A worker woken from its park is ACTIVE before its thread gets a core, and its thread shows as waiting
 *   until then. Counted as stuck, each slow wake-up on a busy machine started a spare, which made the next
 *   wake-ups slower: a plain thread telling 60 actors of a 2-worker pool grew it to 20-90 threads within
 *   seconds, and the fork-join throughput benchmark ran at a third of its speed in such a JVM.</li>
 *   <li>One long run (a parent spawning 100,000 children in one message) added a spare at every tick while
 *   all workers were busy: 56 spares for one run in the spawn benchmark.</li>
 *   <li>A spare that never found itself idle for its idle time stayed for good: a pool of two whose workers
 *   met a class's first use at once (one waits for the other's linking, a few milliseconds) ran the
 *   fork-join benchmark on three threads for the rest of the JVM's life.</li>
 * </ul>
 */
class SpareWorkersTest {

    private static final int WORKERS = 2;
    private static final int ACTORS = 60;
    private static final int PER_ACTOR = 20_000;

    private ActorSystem system;

    @AfterEach
    void close() {
        if (system != null) {
            system.close();
        }
    }

    /** Does a little arithmetic per message (never blocks) and counts down. */
    static final class Worker implements Actor<Integer> {
        private final CountDownLatch handled;
        double sink;

        Worker(CountDownLatch handled) {
            this.handled = handled;
        }

        @Override
        public void receive(Integer message, ActorContext<Integer> ctx) {
            double s = Math.sin(37.2 + message);
            sink += s * s;
            handled.countDown();
        }
    }

    @Test
    void aFloodFromOutsideToActorsThatNeverBlockStartsNoSpareWorkers() throws InterruptedException {
        String name = "spares-flood";
        system = ActorSystem.create(name, ActorSystemSettings.defaults()
                .withDispatcher(Dispatcher.workStealing(name, WORKERS)));
        CountDownLatch handled = new CountDownLatch(ACTORS * PER_ACTOR);
        List<ActorRef<Integer>> actors = new ArrayList<>();
        for (int i = 0; i < ACTORS; i++) {
            actors.add(system.spawnAnonymous(() -> new Worker(handled)));
        }

        int most = 0;
        for (int m = 0; m < PER_ACTOR; m++) {
            for (ActorRef<Integer> actor : actors) {
                actor.tell(m);
            }
            if (m % 500 == 0) {
                most = Math.max(most, workerThreads(name));
            }
        }
        long before = -1;
        while (handled.getCount() > 0 && handled.getCount() != before) { // fails on no progress, not on slowness
            before = handled.getCount();
            handled.await(30, TimeUnit.SECONDS);
            most = Math.max(most, workerThreads(name));
        }
        assertThat(handled.getCount()).as("messages not handled").isZero();

        // a spare may still start for a run preempted for 100 sentinel ticks on a very busy machine (a runnable
        // thread counts only that late); the bug started dozens, one per slow wake-up
        assertThat(most).as("most worker threads seen during the flood").isLessThanOrEqualTo(WORKERS + 2);
    }

    /** Spawns {@code children} children in one message, each of which counts down once it has started. */
    static final class Parent implements Actor<Integer> {
        private final CountDownLatch started;

        Parent(CountDownLatch started) {
            this.started = started;
        }

        @Override
        public void receive(Integer children, ActorContext<Integer> ctx) {
            for (int i = 0; i < children; i++) {
                ActorRef<Integer> child = ctx.spawnAnonymous(() -> new Worker(started));
                child.tell(i);
            }
        }
    }

    @Test
    void oneLongRunGetsOneSpareAtMostNotOneAtEveryTick() throws InterruptedException {
        String name = "spares-long-run";
        system = ActorSystem.create(name, ActorSystemSettings.defaults()
                .withDispatcher(Dispatcher.workStealing(name, WORKERS)));
        int children = 300_000;
        CountDownLatch handled = new CountDownLatch(children);
        ActorRef<Integer> parent = system.spawnAnonymous(() -> new Parent(handled));

        parent.tell(children); // one run of hundreds of milliseconds: long enough to count as stuck
        int most = 0;
        long before = -1;
        while (handled.getCount() > 0 && handled.getCount() != before) { // fails on no progress, not on slowness
            before = handled.getCount();
            for (int i = 0; i < 30_000 && handled.getCount() > 0; i++) { // sample while the children run
                most = Math.max(most, workerThreads(name));
                handled.await(1, TimeUnit.MILLISECONDS);
            }
        }
        assertThat(handled.getCount()).as("children that did not handle their message").isZero();
        assertThat(most).as("most worker threads seen during one long run").isLessThanOrEqualTo(WORKERS + 1);
    }

    /** Keeps itself busy: each message tells itself the next, until {@code stop} is set. */
    static final class Busy implements Actor<Integer> {
        private final AtomicBoolean stop;

        Busy(AtomicBoolean stop) {
            this.stop = stop;
        }

        @Override
        public void receive(Integer message, ActorContext<Integer> ctx) {
            if (!stop.get()) {
                ctx.self().tell(message + 1);
            }
        }
    }

    @Test
    void aSpareLeavesOnceTheRunItStoodInForHasEndedThoughWorkNeverRunsOut() throws InterruptedException {
        String name = "spares-leave";
        system = ActorSystem.create(name, ActorSystemSettings.defaults()
                .withDispatcher(Dispatcher.workStealing(name, 1)));
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int i = 0; i < 2; i++) { // two, so that neither the worker nor the spare is ever idle
                system.spawnAnonymous(() -> new Busy(stop)).tell(0);
            }
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ActorRef<String> blocker = system.spawnAnonymous(() -> (String message, ActorContext<String> ctx) -> {
                entered.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            });
            blocker.tell("block");
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            await("a spare standing in for the blocked worker").atMost(Duration.ofSeconds(30))
                    .until(() -> workerThreads(name) == 2);

            release.countDown();
            await("the spare to leave while the busy actors keep both threads busy")
                    .atMost(Duration.ofSeconds(30)).until(() -> workerThreads(name) == 1);
        } finally {
            stop.set(true);
        }
    }

    private static int workerThreads(String pool) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(pool + "-worker-") && t.isAlive()) {
                n++;
            }
        }
        return n;
    }
}

package io.otp4j.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.Progress;
import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.Props;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The default dispatcher never holds an actor hostage and never starves work from outside the pool.
 * Each test is a reported reproduction: a thread that blocks while an actor waits in its hand-off slot,
 * and actors that keep themselves busy while the outside world waits. A wait that never ends fails the
 * test through a generous timeout: the timeouts detect a hang, they do not measure speed.
 */
class DispatcherLivenessTest {

    private static final Duration HANG = Duration.ofSeconds(20);

    private ActorSystem system;

    private ActorSystem twoThreads(String name) {
        system = ActorSystem.create(name, ActorSystemSettings.defaults()
                .withDispatcher(Dispatcher.workStealing(name, 2)));
        return system;
    }

    @AfterEach
    void close() {
        if (system != null) {
            system.close();
        }
    }

    /** Replies to whatever it is asked. */
    static final class Replier implements Actor<Replier.Ask> {
        record Ask(ActorRef<String> replyTo) {}

        @Override
        public void receive(Ask msg, ActorContext<Ask> ctx) {
            msg.replyTo().tell("pong");
        }
    }

    /** Asks the replier and blocks its own thread until the answer comes. */
    static final class BlockingAsker implements Actor<BlockingAsker.Go> {
        record Go(ActorRef<Replier.Ask> target, ActorRef<String> replyTo) {}

        @Override
        public void receive(Go msg, ActorContext<Go> ctx) {
            String answer = msg.target().<String>ask(Replier.Ask::new, HANG).toCompletableFuture().join();
            msg.replyTo().tell(answer);
        }
    }

    @RepeatedTest(5)
    void anActorBlockedOnAnAskDoesNotHoldTheAskedActorHostage() {
        ActorSystem sys = twoThreads("hostage");
        ActorRef<Replier.Ask> replier = sys.spawn("replier", Replier::new);
        ActorRef<BlockingAsker.Go> asker = sys.spawn("asker", BlockingAsker::new);
        for (int i = 0; i < 20; i++) {
            String answer = asker.<String>ask(reply -> new BlockingAsker.Go(replier, reply), HANG)
                    .toCompletableFuture().join();
            assertThat(answer).isEqualTo("pong");
        }
    }

    /** Spawns a child and blocks its thread until the child has started. */
    static final class BlockingSpawner implements Actor<String> {
        private final CountDownLatch childStarted;
        private final int children;

        BlockingSpawner(CountDownLatch childStarted) {
            this(childStarted, 1);
        }

        /** Spawns {@code children} children, then waits until {@code childStarted} reaches zero. */
        BlockingSpawner(CountDownLatch childStarted, int children) {
            this.childStarted = childStarted;
            this.children = children;
        }

        @Override
        public void preStart(ActorContext<String> ctx) throws InterruptedException {
            for (int i = 0; i < children; i++) {
                ctx.spawn("child-" + i, () -> new Actor<String>() {
                    @Override
                    public void preStart(ActorContext<String> c) {
                        childStarted.countDown();
                    }

                    @Override
                    public void receive(String message, ActorContext<String> c) {}
                });
            }
            // a plain blocking wait, as user code does: neither managed nor known to the runtime
            assertThat(childStarted.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }

    @RepeatedTest(3)
    void aChildSpawnedByAnActorThatThenBlocksStillStarts() throws InterruptedException {
        ActorSystem sys = twoThreads("spawner");
        CountDownLatch started = new CountDownLatch(1);
        sys.spawn("spawner", () -> new BlockingSpawner(started));
        assertThat(started.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Every worker's run spawns children (one waits in the hand-off slot, the others in the worker's own
     * queue) and then blocks until all of them have started: no worker is idle to steal them, so only
     * the sentinel, moving a blocked worker's slot and own queue to the run queue and starting spares,
     * gets them run.
     */
    @Test
    void childrenSpawnedByEveryWorkerBeforeItBlocksAllStart() throws InterruptedException {
        ActorSystem sys = twoThreads("spawners");
        int perSpawner = 20;
        CountDownLatch started = new CountDownLatch(2 * perSpawner);
        sys.spawn("spawner-1", () -> new BlockingSpawner(started, perSpawner));
        sys.spawn("spawner-2", () -> new BlockingSpawner(started, perSpawner));
        assertThat(started.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /**
     * On a one-thread pool, a flood of hand-offs keeps the worker busy with its slot and the newest
     * entries of its own queue: A tells B and C, B tells A back, C only receives. An actor that A makes
     * runnable in the middle of the flood (it goes through the slot into the own queue) must still run
     * while the flood goes on: no other worker is there to steal it, so only the worker's own fairness
     * (or, after a long run, the sentinel) can get it run.
     */
    @Test
    void theOldestEntryOfABusyWorkersOwnQueueStillRuns() throws InterruptedException {
        system = ActorSystem.create("own-queue", ActorSystemSettings.defaults()
                .withDispatcher(Dispatcher.workStealing("own-queue", 1)));
        CountDownLatch started = new CountDownLatch(4);
        CountDownLatch oldestRan = new CountDownLatch(1);
        AtomicLong floodMessages = new AtomicLong();
        AtomicBoolean inject = new AtomicBoolean();
        var refs = new java.util.concurrent.ConcurrentHashMap<String, ActorRef<String>>();
        for (String name : new String[] {"a", "b", "c", "d"}) {
            refs.put(name, system.spawn(name, () -> new Actor<String>() {
                @Override
                public void preStart(ActorContext<String> ctx) {
                    started.countDown();
                }

                @Override
                public void receive(String message, ActorContext<String> ctx) {
                    switch (name) {
                        case "a" -> {
                            if (inject.compareAndSet(true, false)) {
                                refs.get("d").tell("oldest"); // d: slot, then the own queue's bottom
                            }
                            floodMessages.incrementAndGet();
                            refs.get("b").tell("flood");
                            refs.get("c").tell("flood");
                        }
                        case "b" -> refs.get("a").tell("flood");
                        case "c" -> floodMessages.incrementAndGet();
                        default -> oldestRan.countDown();
                    }
                }
            }));
        }
        assertThat(started.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        refs.get("a").tell("kick");
        // d joins once the flood runs compiled, in microsecond runs: a cold run that lasts a sentinel tick
        // would let the sentinel move d to the run queue, which is not what this test is about. How long
        // 200,000 messages take is up to the machine: the wait fails only if the flood stops
        Progress.awaitAtLeast("flood messages", floodMessages::get, 200_001);
        inject.set(true);
        assertThat(oldestRan.await(HANG.toSeconds(), TimeUnit.SECONDS))
                .as("the oldest entry ran while the flood went on (%d flood messages)", floodMessages.get())
                .isTrue();
    }

    @Test
    void aSupervisorSpawnedWithDefaultPropsStartsItsChildren() throws InterruptedException {
        ActorSystem sys = twoThreads("supervisor-on-pool");
        CountDownLatch childStarted = new CountDownLatch(1);
        var spec = Supervisor.builder()
                .child(ChildSpec.worker("w", () -> new Actor<String>() {
                    @Override
                    public void preStart(ActorContext<String> ctx) {
                        childStarted.countDown();
                    }

                    @Override
                    public void receive(String message, ActorContext<String> ctx) {}
                }))
                .build();
        sys.spawn("parent", () -> new Actor<String>() {
            @Override
            public void preStart(ActorContext<String> ctx) {
                ActorRef<SupervisorCommand> sup = ctx.spawn("sup", Supervisor.behavior(spec)); // default props
                assertThat(sup).isNotNull();
            }

            @Override
            public void receive(String message, ActorContext<String> ctx) {}
        });
        assertThat(childStarted.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /**
     * More actors than the pool can ever have threads (its workers plus every spare) each block in
     * {@code join()} on an ask that nobody answers. Each ask's timeout must still free its asker: a timeout
     * whose completion waited for a pool thread would never run, since every thread waits for a timeout.
     */
    @Test
    void askersBlockedInJoinOnEveryPossibleThreadAreFreedByTheirTimeouts() throws InterruptedException {
        ActorSystem sys = twoThreads("joiners");
        ActorRef<Ping> silent = sys.spawn("silent", () -> (Ping ping, ActorContext<Ping> ctx) -> { });
        int askers = 2 + 256 + 40; // the workers, the documented limit of spares, and more
        CountDownLatch timedOut = new CountDownLatch(askers);
        for (int i = 0; i < askers; i++) {
            sys.spawn("asker-" + i, () -> new Actor<String>() {
                @Override
                public void preStart(ActorContext<String> ctx) {
                    try {
                        silent.<String>ask(Ping::new, Duration.ofMillis(200)).toCompletableFuture().join();
                    } catch (java.util.concurrent.CompletionException e) {
                        if (e.getCause() instanceof io.otp4j.actor.AskTimeoutException) {
                            timedOut.countDown();
                        }
                    }
                }

                @Override
                public void receive(String message, ActorContext<String> ctx) {}
            });
        }
        assertThat(timedOut.await(HANG.toSeconds(), TimeUnit.SECONDS))
                .as("askers freed by their timeouts (%d left)", timedOut.getCount()).isTrue();
    }

    /** A request nobody answers. */
    record Ping(ActorRef<String> replyTo) {}

    @Test
    void everyThreadOfThePoolBlockedStillLeavesRoomForOtherActors() throws InterruptedException {
        ActorSystem sys = twoThreads("all-blocked");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothBlocked = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            ActorRef<String> blocker = sys.spawn("blocker-" + i, () -> (msg, ctx) -> {
                bothBlocked.countDown();
                release.await(); // a plain, unmanaged block of a pool thread
            });
            blocker.tell("block");
        }
        assertThat(bothBlocked.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        try {
            ActorRef<Replier.Ask> replier = sys.spawn("replier", Replier::new);
            assertThat(replier.<String>ask(Replier.Ask::new, HANG).toCompletableFuture().join()).isEqualTo("pong");
        } finally {
            release.countDown();
        }
    }

    /** Tells itself forever, counting; records a message handled after its postStop. */
    static final class SelfTicker implements Actor<SelfTicker.Tick> {
        enum Tick { TICK }

        final AtomicLong ticks;
        final AtomicInteger postStops;
        final AtomicBoolean ranAfterStop;
        private boolean stopped;

        SelfTicker(AtomicLong ticks, AtomicInteger postStops, AtomicBoolean ranAfterStop) {
            this.ticks = ticks;
            this.postStops = postStops;
            this.ranAfterStop = ranAfterStop;
        }

        @Override
        public void receive(Tick msg, ActorContext<Tick> ctx) {
            if (stopped) {
                ranAfterStop.set(true);
            }
            ticks.incrementAndGet();
            ctx.self().tell(Tick.TICK);
        }

        @Override
        public void postStop(ActorContext<Tick> ctx) {
            stopped = true;
            postStops.incrementAndGet();
        }
    }

    @RepeatedTest(3)
    void actorsThatKeepThemselvesBusyDoNotStarveTheOutside() throws Exception {
        ActorSystem sys = twoThreads("busy");
        AtomicLong ticks = new AtomicLong();
        AtomicInteger postStops = new AtomicInteger();
        AtomicBoolean ranAfterStop = new AtomicBoolean();
        for (int i = 0; i < 2; i++) { // as many as the pool has threads
            sys.spawn("ticker-" + i, () -> new SelfTicker(ticks, postStops, ranAfterStop)).tell(SelfTicker.Tick.TICK);
        }
        long before = ticks.get();
        while (ticks.get() < before + 10_000) {
            Thread.onSpinWait(); // both pool threads are now saturated
        }

        // a spawn from outside runs its preStart
        CountDownLatch started = new CountDownLatch(1);
        sys.spawn("late", () -> new Actor<String>() {
            @Override
            public void preStart(ActorContext<String> ctx) {
                started.countDown();
            }

            @Override
            public void receive(String message, ActorContext<String> ctx) {}
        });
        assertThat(started.await(HANG.toSeconds(), TimeUnit.SECONDS)).as("preStart of a new actor").isTrue();

        // an ask from outside is answered
        ActorRef<Replier.Ask> replier = sys.spawn("replier", Replier::new);
        assertThat(replier.<String>ask(Replier.Ask::new, HANG).toCompletableFuture().join()).isEqualTo("pong");

        // an actor's timer fires
        CompletableFuture<Integer> fired = new CompletableFuture<>();
        sys.spawn("timed", () -> new Actor<Integer>() {
            private int count;

            @Override
            public void preStart(ActorContext<Integer> ctx) {
                ctx.timers().startTimerAtFixedRate("tick", 1, Duration.ofMillis(1), Duration.ofMillis(1));
            }

            @Override
            public void receive(Integer message, ActorContext<Integer> ctx) {
                if (++count == 20) {
                    fired.complete(count);
                }
            }
        });
        assertThat(fired.get(HANG.toSeconds(), TimeUnit.SECONDS)).isEqualTo(20);

        // close stops both busy actors, each postStop once, and nothing runs after it
        sys.close();
        assertThat(sys.whenTerminated().toCompletableFuture().isDone()).isTrue();
        assertThat(postStops.get()).isEqualTo(2);
        assertThat(ranAfterStop.get()).isFalse();
    }

    @Test
    void aBusyActorOnAThroughputOfOneDoesNotStarveTheOutsideEither() throws Exception {
        system = ActorSystem.create("busy-1", ActorSystemSettings.defaults().withThroughput(1)
                .withDispatcher(Dispatcher.workStealing("busy-1", 2)));
        AtomicLong ticks = new AtomicLong();
        AtomicInteger postStops = new AtomicInteger();
        AtomicBoolean ranAfterStop = new AtomicBoolean();
        for (int i = 0; i < 4; i++) {
            system.spawn("ticker-" + i, () -> new SelfTicker(ticks, postStops, ranAfterStop))
                    .tell(SelfTicker.Tick.TICK);
        }
        for (int i = 0; i < 50; i++) {
            ActorRef<Replier.Ask> replier = system.spawn("replier-" + i, Replier::new, Props.defaults());
            assertThat(replier.<String>ask(Replier.Ask::new, HANG).toCompletableFuture().join()).isEqualTo("pong");
        }
        system.close();
        assertThat(postStops.get()).isEqualTo(4);
        assertThat(ranAfterStop.get()).isFalse();
    }
}

package io.otp4j.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.Progress;
import io.otp4j.actor.ActorRef;
import io.otp4j.testkit.ActorTestKit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pool under concurrent senders: every message is handled exactly once, by one routee (or by every
 * routee, for broadcast), whatever the strategy; and each sender's messages to one routee keep their order.
 */
class RouterLoadTest {

    private static final int SENDERS = 4;
    private static final int PER_SENDER = 2_500;
    private static final int ROUTEES = 4;

    record Job(int sender, int n) {}

    /** Counts handled jobs; checks per-sender order on its own thread. */
    static final class Counter implements Actor<Job> {
        private final Map<Job, AtomicInteger> handled;
        private final List<String> disorder;
        private final CountDownLatch done;
        private final int[] last = new int[SENDERS];

        Counter(Map<Job, AtomicInteger> handled, List<String> disorder, CountDownLatch done) {
            this.handled = handled;
            this.disorder = disorder;
            this.done = done;
            java.util.Arrays.fill(last, -1);
        }

        @Override
        public void receive(Job job, ActorContext<Job> ctx) {
            if (job.n() <= last[job.sender()]) {
                disorder.add(ctx.self() + " got " + job + " after " + last[job.sender()]);
            }
            last[job.sender()] = job.n();
            handled.computeIfAbsent(job, j -> new AtomicInteger()).incrementAndGet();
            done.countDown();
        }
    }

    static RoutingStrategy<Job> strategy(String name) {
        return switch (name) {
            case "roundRobin" -> RoutingStrategy.roundRobin();
            case "random" -> RoutingStrategy.random(11L);
            case "smallestMailbox" -> RoutingStrategy.smallestMailbox();
            case "consistentHashing" -> RoutingStrategy.consistentHashing(Job::n);
            case "broadcast" -> RoutingStrategy.broadcast();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"roundRobin", "random", "smallestMailbox", "consistentHashing", "broadcast"})
    void everyMessageFromConcurrentSendersIsHandledExactlyOnceInSenderOrderPerRoutee(String name) throws Exception {
        boolean broadcast = name.equals("broadcast");
        int copies = broadcast ? ROUTEES : 1;
        Map<Job, AtomicInteger> handled = new ConcurrentHashMap<>();
        List<String> disorder = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(SENDERS * PER_SENDER * copies);
        try (var kit = ActorTestKit.create()) {
            ActorRef<Job> pool = kit.spawn("pool", Routers.pool(ROUTEES, () -> new Counter(handled, disorder, done))
                    .withStrategy(strategy(name)));
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> sent = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    sent.add(senders.submit(() -> {
                        go.await();
                        for (int n = 0; n < PER_SENDER; n++) {
                            pool.tell(new Job(sender, n));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : sent) {
                    f.get(60, TimeUnit.SECONDS);
                }

                Progress.awaitCountDown(done, "messages handled");
            } finally {
                senders.shutdownNow();
            }
        }
        assertThat(handled).hasSize(SENDERS * PER_SENDER);
        assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(copies));
        assertThat(disorder).isEmpty();
    }
}

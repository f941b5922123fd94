package io.otp4j.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions changing while publications are in flight. What must hold whatever the interleaving:
 * <ul>
 *   <li>per publisher, a subscriber that subscribed mid-stream gets a gapless suffix of the sequence, and
 *       one that unsubscribed mid-stream a gapless prefix (a subscription exists from the return of
 *       {@code subscribe} to the return of {@code unsubscribe});</li>
 *   <li>nothing is lost silently: every publication a {@link PublishResult} counts as delivered is handled
 *       or becomes a dead letter, also when subscribers terminate mid-stream.</li>
 * </ul>
 * Subscription timing is randomised with fixed seeds; progress is coordinated with counters, never sleeps.
 */
class PubSubConcurrencyTest {

    private static final int PUBLISHERS = 3;
    private static final int MESSAGES = 3_000;
    /** The last publications of each publisher begin only after every subscription change returned. */
    private static final int TAIL = 100;
    private static final TopicKey<Object> TOPIC = TopicKey.of("race.topic", Object.class);

    record Seq(int publisher, int n) {}

    record Marker(int subscriber) {}

    private ActorTestKit kit;
    private MessageBroker broker;
    private ExecutorService threads;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
        broker = MessageBroker.of(kit.system());
        threads = Executors.newFixedThreadPool(PUBLISHERS + 1);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        kit.close();
    }

    /** A subscriber that records what it receives until it sees its marker, then counts the latch down. */
    private ActorRef<Object> recorder(int id, List<Seq> into, CountDownLatch done) {
        return kit.<Object>spawn(() -> (msg, ctx) -> {
            if (msg instanceof Seq s) {
                into.add(s);
            } else if (msg instanceof Marker(int subscriber) && subscriber == id) {
                done.countDown();
            }
        });
    }

    @Test
    void subscribersJoiningOrLeavingMidStreamSeeAGaplessSuffixOrPrefixOfEveryPublisher() throws Exception {
        int subscribers = 8;
        Random random = new Random(42L);
        AtomicInteger progress = new AtomicInteger(); // publications done by publisher 0
        List<List<Seq>> received = new ArrayList<>();
        List<ActorRef<Object>> refs = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(subscribers);
        int[] switchAt = new int[subscribers];
        for (int i = 0; i < subscribers; i++) {
            List<Seq> list = new CopyOnWriteArrayList<>();
            received.add(list);
            refs.add(recorder(i, list, done));
            switchAt[i] = random.nextInt(MESSAGES - TAIL);
        }
        // even subscribers start unsubscribed and subscribe at switchAt; odd ones unsubscribe there
        for (int i = 1; i < subscribers; i += 2) {
            broker.subscribe(TOPIC, refs.get(i));
        }
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch switched = new CountDownLatch(1);
        List<Future<?>> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            publishers.add(threads.submit(() -> {
                go.await();
                for (int n = 0; n < MESSAGES; n++) {
                    if (n == MESSAGES - TAIL) {
                        assertThat(switched.await(60, TimeUnit.SECONDS)).isTrue();
                    }
                    broker.publish(TOPIC, new Seq(publisher, n));
                    if (publisher == 0) {
                        progress.set(n + 1);
                    }
                }
                return null;
            }));
        }
        Future<?> switcher = threads.submit(() -> {
            go.await();
            Integer[] order = new Integer[subscribers];
            for (int i = 0; i < subscribers; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Integer.compare(switchAt[a], switchAt[b]));
            for (int i : order) {
                while (progress.get() < switchAt[i]) {
                    Thread.onSpinWait();
                }
                if (i % 2 == 0) {
                    broker.subscribe(TOPIC, refs.get(i));
                } else {
                    broker.unsubscribe(TOPIC, refs.get(i));
                }
            }
            switched.countDown();
            return null;
        });
        go.countDown();
        for (Future<?> f : publishers) {
            f.get(60, TimeUnit.SECONDS);
        }
        switcher.get(60, TimeUnit.SECONDS);
        // every publication is enqueued before these markers (one FIFO queue per subscriber)
        for (int i = 0; i < subscribers; i++) {
            refs.get(i).tell(new Marker(i));
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < subscribers; i++) {
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                List<Integer> seen = received.get(i).stream().filter(s -> s.publisher() == publisher)
                        .map(Seq::n).toList();
                assertGapless(seen, "subscriber " + i + ", publisher " + p);
                if (i % 2 == 0) { // subscribed before the tail began: a suffix holding at least the tail
                    assertThat(seen.size()).as("subscriber %d, publisher %d", i, p).isGreaterThanOrEqualTo(TAIL);
                    assertThat(seen.get(seen.size() - 1)).isEqualTo(MESSAGES - 1);
                } else if (!seen.isEmpty()) { // unsubscribed before the tail began: a prefix without it
                    assertThat(seen.get(0)).as("prefix starts with the first").isZero();
                    assertThat(seen.get(seen.size() - 1)).as("subscriber %d, publisher %d", i, p)
                            .isLessThan(MESSAGES - TAIL);
                }
            }
            // publisher 0 drove the switch: its first switchAt publications had completed before it
            List<Integer> fromDriver = received.get(i).stream().filter(s -> s.publisher() == 0).map(Seq::n).toList();
            if (i % 2 == 0) { // subscribed after them: none of them can have arrived
                assertThat(fromDriver.isEmpty() || fromDriver.get(0) >= switchAt[i])
                        .as("subscriber %d subscribed after #%d but got %s", i, switchAt[i], fromDriver).isTrue();
            } else { // unsubscribed after them: all of them must have arrived
                assertThat(fromDriver.size()).as("subscriber %d unsubscribed after #%d", i, switchAt[i])
                        .isGreaterThanOrEqualTo(switchAt[i]);
            }
        }
    }

    private static void assertGapless(List<Integer> seen, String what) {
        for (int k = 1; k < seen.size(); k++) {
            assertThat(seen.get(k)).as("%s: after %d", what, seen.get(k - 1)).isEqualTo(seen.get(k - 1) + 1);
        }
    }

    @Test
    void publicationsRacingWithSubscriberTerminationsAreEachHandledOrDeadLettered() throws Exception {
        int subscribers = 12;
        TestProbe<Object> watcher = kit.createTestProbe();
        Map<ActorRef<?>, AtomicLong> handled = new ConcurrentHashMap<>();
        AtomicLong deadLettered = new AtomicLong();
        ActorRef<DeadLetter> deadLetterCounter = kit.<DeadLetter>spawn(() -> (letter, ctx) -> {
            if (handled.containsKey(letter.recipient()) && letter.message() instanceof Seq) {
                deadLettered.incrementAndGet();
            }
        });
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetterCounter);
        List<ActorRef<Object>> refs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            AtomicLong count = new AtomicLong();
            ActorRef<Object> ref = kit.<Object>spawn(() -> (msg, ctx) -> count.incrementAndGet());
            handled.put(ref, count);
            refs.add(ref);
            broker.subscribe(TOPIC, ref);
        }
        AtomicLong accepted = new AtomicLong(); // delivered + dead letters, as the results count them
        AtomicInteger progress = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            publishers.add(threads.submit(() -> {
                go.await();
                for (int n = 0; n < MESSAGES; n++) {
                    PublishResult r = broker.publish(TOPIC, new Seq(publisher, n));
                    assertThat(r.dropped() + r.rejected()).isZero();
                    accepted.addAndGet(r.delivered() + r.deadLetters());
                    if (publisher == 0) {
                        progress.set(n + 1);
                    }
                }
                return null;
            }));
        }
        Random random = new Random(99L);
        int[] stopAt = random.ints(subscribers, 0, MESSAGES).sorted().toArray();
        Future<?> stopper = threads.submit(() -> {
            go.await();
            for (int i = 0; i < subscribers; i++) {
                while (progress.get() < stopAt[i]) {
                    Thread.onSpinWait();
                }
                kit.system().stop(refs.get(i));
            }
            return null;
        });
        go.countDown();
        for (Future<?> f : publishers) {
            f.get(60, TimeUnit.SECONDS);
        }
        stopper.get(60, TimeUnit.SECONDS);
        for (ActorRef<Object> ref : refs) {
            watcher.expectTerminated(ref);
        }

        assertThat(broker.subscriberCount(TOPIC)).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                handled.values().stream().mapToLong(AtomicLong::get).sum() + deadLettered.get())
                .isEqualTo(accepted.get()));
    }
}

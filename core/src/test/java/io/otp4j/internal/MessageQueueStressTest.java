package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.internal.MessageQueueContractTest.Impl;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many producers, one consumer, as in a mailbox. Each item names its producer and sequence number, and its
 * priority follows from them, so the consumer can check as it goes:
 * <ul>
 *   <li>no item lost or duplicated: one bit per item, all set at the end, none twice;</li>
 *   <li>per-producer FIFO: within a priority level, each producer's sequence numbers increase;</li>
 *   <li>bounded: never more than the capacity held. Producers count an item as accepted only after its
 *       offer returned, so {@code accepted - polled} never exceeds what the queue really holds; if it
 *       exceeds the capacity, the queue held too much.</li>
 * </ul>
 * Size: {@value #PER_PRODUCER_UNBOUNDED} items per producer ({@value #PER_PRODUCER_BOUNDED} for bounded
 * queues), or as many as the producers offer within {@link Stress#WORK}, whichever is fewer; the consumer
 * fails only if no item arrives for {@link Stress#STALL} (see {@link Stress}).
 */
class MessageQueueStressTest {

    private static final int PRODUCERS = 4;
    /** Bounded queues spend most of their time full, where every offer contends: fewer items suffice. */
    private static final int PER_PRODUCER_UNBOUNDED = 100_000;
    private static final int PER_PRODUCER_BOUNDED = 25_000;

    static Stream<Impl> impls() {
        return Stream.concat(MessageQueueContractTest.all(), Stream.of(
                new Impl("bounded-3", () -> MessageQueue.create(MailboxConfig.bounded(3, Overflow.REJECT)), 3, false),
                new Impl("bounded-priority-3",
                        () -> MessageQueue.create(MailboxConfig.priority(3, Overflow.REJECT)), 3, true),
                new Impl("bounded-100", () -> MessageQueue.create(MailboxConfig.bounded(100, Overflow.REJECT)),
                        100, false)));
    }

    record Item(int producer, int seq) {
        Priority priority() {
            return Priority.values()[Integer.remainderUnsigned(seq * 0x9E3779B9, Priority.values().length)];
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void producersAndOneConsumerNeverLoseDuplicateOrReorderItemsNorOverfillTheQueue(Impl impl) throws Exception {
        MessageQueue queue = impl.create();
        int perProducer = impl.bounded() ? PER_PRODUCER_BOUNDED : PER_PRODUCER_UNBOUNDED;
        AtomicLong accepted = new AtomicLong();
        int[] produced = new int[PRODUCERS]; // each producer's count, written before it counts finished down
        CountDownLatch finished = new CountDownLatch(PRODUCERS);
        AtomicBoolean stop = new AtomicBoolean(); // the consumer gave up: a full queue must not hold producers
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        Stress[] budget = new Stress[1];
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            Thread t = Thread.ofPlatform().name("producer-" + p).unstarted(() -> {
                int seq = 0;
                try {
                    go.await();
                    for (; seq < perProducer && budget[0].keepGoing(seq); seq++) {
                        Item item = new Item(producer, seq);
                        while (!queue.offer(item, item.priority())) {
                            if (stop.get()) {
                                return;
                            }
                            Thread.yield(); // full: wait for the consumer
                        }
                        accepted.incrementAndGet();
                    }
                } catch (Throwable e) {
                    producerFailure.set(e);
                } finally {
                    produced[producer] = seq;
                    finished.countDown();
                }
            });
            t.start();
            producers.add(t);
        }

        BitSet[] seen = new BitSet[PRODUCERS];
        int[][] lastSeq = new int[PRODUCERS][Priority.values().length];
        for (int p = 0; p < PRODUCERS; p++) {
            seen[p] = new BitSet(perProducer);
            Arrays.fill(lastSeq[p], -1);
        }
        List<String> problems = new ArrayList<>();
        long polled = 0;
        Stress.StallWatch watch = new Stress.StallWatch();

        budget[0] = Stress.startBudget();
        go.countDown();
        try {
            while (problems.size() < 10) {
                if (impl.bounded()) {
                    long held = accepted.get() - polled;
                    if (held > impl.capacity()) {
                        problems.add("held at least " + held + " items, capacity " + impl.capacity());
                    }
                    int size = queue.size();
                    if (size > impl.capacity()) {
                        problems.add("size() " + size + " above capacity " + impl.capacity());
                    }
                }
                Object next = queue.poll();
                if (next == null) {
                    // finished first: once every producer is done, their counts are final
                    if (finished.getCount() == 0 && polled == Arrays.stream(produced).asLongStream().sum()) {
                        break;
                    }
                    assertThat(watch.stalled()).as("no item for %s after %d", Stress.STALL, polled).isFalse();
                    assertThat(producerFailure.get()).isNull();
                    Thread.yield(); // two cores, five threads: let the producers run
                    continue;
                }
                watch.moved();
                polled++;
                Item item = (Item) next;
                if (seen[item.producer()].get(item.seq())) {
                    problems.add("duplicate " + item);
                }
                seen[item.producer()].set(item.seq());
                int level = impl.prioritized() ? item.priority().ordinal() : 0;
                if (item.seq() <= lastSeq[item.producer()][level]) {
                    problems.add("out of order: " + item + " after seq " + lastSeq[item.producer()][level]);
                }
                lastSeq[item.producer()][level] = item.seq();
            }
        } finally {
            stop.set(true);
            for (Thread t : producers) {
                t.join();
            }
        }

        assertThat(producerFailure.get()).isNull();
        assertThat(problems).isEmpty();
        for (int p = 0; p < PRODUCERS; p++) {
            assertThat(produced[p]).as("items producer %d offered within %s", p, Stress.WORK).isPositive();
            assertThat(seen[p].cardinality()).as("items of producer %d", p).isEqualTo(produced[p]);
            assertThat(seen[p].nextClearBit(0)).as("first missing item of producer %d", p).isEqualTo(produced[p]);
        }
        assertThat(queue.poll()).as("nothing left over").isNull();
        assertThat(queue.isEmpty()).isTrue();
    }
}

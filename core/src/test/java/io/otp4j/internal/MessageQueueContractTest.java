package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link MessageQueue} contract, run against every implementation (single-threaded): null iff empty,
 * FIFO per priority level, false iff full, a refused item is not kept.
 */
class MessageQueueContractTest {

    private static final int CAPACITY = 5; // not a power of two: the array queue rounds up internally
    private static final int LARGE = MailboxConfig.PREALLOCATED_CAPACITY + 1; // the first that grows

    /** A queue implementation under test, named for the report. */
    record Impl(String name, Supplier<MessageQueue> factory, int capacity, boolean prioritized) {
        MessageQueue create() {
            return factory.get();
        }

        boolean bounded() {
            return capacity != Integer.MAX_VALUE;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Impl> all() {
        return Stream.of(
                new Impl("linked", LinkedMessageQueue::new, Integer.MAX_VALUE, false),
                new Impl("priority", () -> MessageQueue.create(MailboxConfig.priority()), Integer.MAX_VALUE, true),
                new Impl("bounded", () -> MessageQueue.create(MailboxConfig.bounded(CAPACITY, Overflow.REJECT)),
                        CAPACITY, false),
                new Impl("bounded-1", () -> MessageQueue.create(MailboxConfig.bounded(1, Overflow.DROP)), 1, false),
                new Impl("counted-linked", () -> new MessageQueue.CountedLinkedMessageQueue(CAPACITY), CAPACITY, false),
                new Impl("bounded-large", () -> MessageQueue.create(MailboxConfig.bounded(LARGE, Overflow.REJECT)),
                        LARGE, false),
                new Impl("bounded-priority",
                        () -> MessageQueue.create(MailboxConfig.priority(CAPACITY, Overflow.BLOCK)), CAPACITY, true));
    }

    static Stream<Impl> bounded() {
        return all().filter(Impl::bounded);
    }

    static Stream<Impl> prioritized() {
        return all().filter(Impl::prioritized);
    }

    static Stream<Impl> fifo() {
        return all().filter(impl -> !impl.prioritized());
    }

    static Stream<Arguments> allWithPriorities() {
        return all().flatMap(impl -> Stream.of(Priority.values()).map(p -> Arguments.of(impl, p)));
    }

    private static List<Object> drain(MessageQueue queue) {
        List<Object> out = new ArrayList<>();
        for (Object item; (item = queue.poll()) != null; ) {
            out.add(item);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void newQueueIsEmptyAndPollReturnsNull(Impl impl) {
        MessageQueue queue = impl.create();

        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.size()).isZero();
        assertThat(queue.poll()).isNull();
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("allWithPriorities")
    void itemsOfOnePriorityComeOutInOfferOrder(Impl impl, Priority priority) {
        MessageQueue queue = impl.create();
        int n = Math.min(impl.capacity(), 4);
        List<Object> offered = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = "item-" + i;
            assertThat(queue.offer(item, priority)).isTrue();
            offered.add(item);
        }

        assertThat(queue.isEmpty()).isFalse();
        assertThat(queue.size()).isEqualTo(n);
        assertThat(drain(queue)).containsExactlyElementsOf(offered);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void queueIsReusableAfterBeingEmptied(Impl impl) {
        MessageQueue queue = impl.create();
        for (int round = 0; round < 3; round++) {
            assertThat(queue.offer("a" + round, Priority.NORMAL)).isTrue();
            assertThat(queue.poll()).isEqualTo("a" + round);
            assertThat(queue.poll()).isNull();
            assertThat(queue.isEmpty()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounded")
    void boundedQueueAcceptsExactlyItsCapacityThenRefusesWithoutKeepingTheItem(Impl impl) {
        MessageQueue queue = impl.create();
        for (int i = 0; i < impl.capacity(); i++) {
            assertThat(queue.offer(i, Priority.values()[i % 3])).as("offer %d", i).isTrue();
        }

        assertThat(queue.offer("refused", Priority.HIGH)).isFalse();
        assertThat(queue.offer("refused", Priority.LOW)).isFalse();

        assertThat(queue.size()).isEqualTo(impl.capacity());
        assertThat(drain(queue)).hasSize(impl.capacity()).doesNotContain("refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounded")
    void boundedQueueAcceptsAgainOnceAnItemIsTaken(Impl impl) {
        MessageQueue queue = impl.create();
        for (int i = 0; i < impl.capacity(); i++) {
            queue.offer(i, Priority.NORMAL);
        }
        assertThat(queue.offer("refused", Priority.NORMAL)).isFalse();

        assertThat(queue.poll()).isEqualTo(0);

        assertThat(queue.offer("accepted", Priority.NORMAL)).isTrue();
        assertThat(queue.offer("refused", Priority.NORMAL)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounded")
    void boundedQueueKeepsItsCapacityOverManyCycles(Impl impl) {
        MessageQueue queue = impl.create();
        int next = 0;
        int expected = 0;
        for (int cycle = 0; cycle < 1_000; cycle++) {
            while (queue.offer(next, Priority.NORMAL)) {
                next++;
            }
            assertThat(queue.size()).isEqualTo(impl.capacity());
            for (int i = 0; i < 1 + cycle % impl.capacity(); i++) {
                assertThat(queue.poll()).isEqualTo(expected++);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void queueNeverRefusesBelowItsCapacity(Impl impl) {
        MessageQueue queue = impl.create();
        int n = Math.min(impl.capacity(), 10_000);

        for (int i = 0; i < n; i++) {
            assertThat(queue.offer(i, Priority.NORMAL)).isTrue();
        }

        assertThat(queue.size()).isEqualTo(n);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prioritized")
    void priorityQueueTakesHighThenNormalThenLow(Impl impl) {
        MessageQueue queue = impl.create();
        queue.offer("low-1", Priority.LOW);
        queue.offer("normal-1", Priority.NORMAL);
        queue.offer("high-1", Priority.HIGH);
        queue.offer("low-2", Priority.LOW);
        queue.offer("high-2", Priority.HIGH);

        assertThat(drain(queue)).containsExactly("high-1", "high-2", "normal-1", "low-1", "low-2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fifo")
    void fifoQueueIgnoresPriority(Impl impl) {
        MessageQueue queue = impl.create();
        List<Object> offered = new ArrayList<>();
        for (int i = 0; i < Math.min(impl.capacity(), 3); i++) {
            Priority p = Priority.values()[2 - i]; // LOW, NORMAL, HIGH
            queue.offer(p.name(), p);
            offered.add(p.name());
        }

        assertThat(drain(queue)).containsExactlyElementsOf(offered);
    }
}

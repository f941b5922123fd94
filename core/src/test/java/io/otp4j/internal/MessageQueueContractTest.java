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

    private static final int CAPACITY = 5;
    private static final int LARGE = 100_000;

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
                new Impl("priority-around-linked", () -> new PriorityMessageQueue(new LinkedMessageQueue()),
                        Integer.MAX_VALUE, true),
                new Impl("bounded", () -> MessageQueue.create(MailboxConfig.bounded(CAPACITY, Overflow.REJECT)),
                        CAPACITY, false),
                new Impl("bounded-1", () -> MessageQueue.create(MailboxConfig.bounded(1, Overflow.DROP)), 1, false),
                new Impl("bounded-large", () -> MessageQueue.create(MailboxConfig.bounded(LARGE, Overflow.REJECT)),
                        LARGE, false),
                new Impl("bounded-priority",
                        () -> MessageQueue.create(MailboxConfig.priority(CAPACITY, Overflow.BLOCK)), CAPACITY, true));
    }

    static Stream<Impl> bounded() {
        return all().filter(Impl::bounded);
    }

    static Stream<Impl> unbounded() {
        return all().filter(impl -> !impl.bounded());
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
            assertThat(queue.offer(i, Priority.values()[i % Priority.values().length])).as("offer %d", i).isTrue();
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
    void priorityQueueTakesCriticalThenHighThenNormalThenLowAndKnowsEachItemsPriority(Impl impl) {
        MessageQueue queue = impl.create();
        queue.offer("low-1", Priority.LOW);
        queue.offer("normal-1", Priority.NORMAL);
        queue.offer("high-1", Priority.HIGH);
        queue.offer("critical-1", Priority.CRITICAL);
        queue.offer("low-2", Priority.LOW);
        // (a bounded one is full here, at 5)
        queue.offer("high-2", Priority.HIGH);

        List<Object> out = new ArrayList<>();
        for (Object item; (item = queue.poll()) != null; ) {
            out.add(item);
            assertThat(item.toString()).startsWith(queue.lastPolledPriority().name().toLowerCase());
        }
        assertThat(out).containsExactlyElementsOf(impl.bounded()
                ? List.of("critical-1", "high-1", "normal-1", "low-1", "low-2")
                : List.of("critical-1", "high-1", "high-2", "normal-1", "low-1", "low-2"));
        assertThat(queue.ordersByPriority()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fifo")
    void fifoQueueIgnoresPriority(Impl impl) {
        MessageQueue queue = impl.create();
        List<Object> offered = new ArrayList<>();
        Priority[] all = Priority.values();
        for (int i = 0; i < Math.min(impl.capacity(), all.length); i++) {
            Priority p = all[all.length - 1 - i]; // LOW, NORMAL, HIGH, CRITICAL
            queue.offer(p.name(), p);
            offered.add(p.name());
        }

        assertThat(drain(queue)).containsExactlyElementsOf(offered);
        assertThat(queue.ordersByPriority()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aPriorityQueueBuiltAroundALinkedQueueKeepsItsItemsAsNormalAndTakesOffersMadeToItDirectly() {
        LinkedMessageQueue fifo = new LinkedMessageQueue();
        fifo.offer("normal-1", Priority.NORMAL);
        fifo.offer("normal-2", Priority.NORMAL);
        PriorityMessageQueue prioritized = new PriorityMessageQueue(fifo);
        prioritized.offer("critical", Priority.CRITICAL);
        prioritized.offer("low", Priority.LOW);
        fifo.offer("normal-3", Priority.NORMAL); // a sender that read the mailbox before the swap

        assertThat(prioritized.size()).isEqualTo(5);
        assertThat(prioritized.lastPolledPriority()).as("nothing polled through it yet").isEqualTo(Priority.NORMAL);
        assertThat(drain(prioritized)).containsExactly("critical", "normal-1", "normal-2", "normal-3", "low");
        assertThat(prioritized.isEmpty()).isTrue();
        assertThat(fifo.isEmpty()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void onlyBoundedFifoQueuesKeepNoPriorityAndCountUnhonouredOnes() {
        MessageQueue bounded = MessageQueue.create(MailboxConfig.bounded(2, Overflow.REJECT));
        bounded.offer("a", Priority.HIGH);
        assertThat(bounded.poll()).isEqualTo("a");
        assertThat(bounded.lastPolledPriority()).isNull();

        assertThat(bounded.countUnhonouredPriority()).as("the first is reported").isTrue();
        assertThat(bounded.countUnhonouredPriority()).as("later ones are only counted").isFalse();
        assertThat(bounded.unhonouredPriorities()).isEqualTo(2);

        LinkedMessageQueue linked = new LinkedMessageQueue();
        linked.offer("b", Priority.NORMAL);
        assertThat(linked.poll()).isEqualTo("b");
        assertThat(linked.lastPolledPriority()).as("alone, a linked queue holds NORMAL items only")
                .isEqualTo(Priority.NORMAL);
        assertThat(linked.unhonouredPriorities()).isZero();
    }

    // ------------------------------------------------------------------ dropping expired items when full

    private static Envelope.Expiring expiring(String message, long deadline) {
        return new Envelope.Expiring(message, deadline);
    }

    private static Object unwrap(Object item) {
        return item instanceof Envelope.Expiring e ? e.message() : item;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounded")
    void fullBoundedQueueDropsItsExpiredItemsAndFreesTheirPlacesAndItsConsumerSkipsThem(Impl impl) {
        MessageQueue queue = impl.create();
        int n = Math.min(impl.capacity(), 6);
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < impl.capacity(); i++) {
            boolean expires = i < n && i % 2 == 0; // items 0, 2, 4: deadline 100
            Object item = expires ? expiring("e" + i, 100) : i < n ? expiring("later" + i, 1_000) : "plain" + i;
            assertThat(queue.offer(item, Priority.NORMAL)).isTrue();
            if (!expires) {
                kept.add(unwrap(item));
            }
        }
        assertThat(queue.offer("refused", Priority.NORMAL)).isFalse();
        List<Object> dropped = new ArrayList<>();

        assertThat(queue.dropExpired(100, dropped::add)).as("nothing has expired at its deadline").isZero();
        int expired = queue.dropExpired(101, dropped::add);

        int expectedDropped = (n + 1) / 2;
        assertThat(expired).isEqualTo(expectedDropped);
        assertThat(dropped).hasSize(expectedDropped).allSatisfy(m -> assertThat(m.toString()).startsWith("e"));
        assertThat(queue.size()).isEqualTo(impl.capacity() - expectedDropped);
        for (int i = 0; i < expectedDropped; i++) {
            assertThat(queue.offer("new" + i, Priority.NORMAL)).as("a freed place").isTrue();
            kept.add("new" + i);
        }
        assertThat(queue.offer("refused", Priority.NORMAL)).isFalse();
        assertThat(queue.dropExpired(101, dropped::add)).as("each expired item is dropped once").isZero();

        List<Object> out = new ArrayList<>();
        for (Object item; (item = queue.poll()) != null; ) {
            out.add(unwrap(item));
        }
        assertThat(out).containsExactlyElementsOf(kept);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounded")
    void anItemOfferedAfterAWalkThatFoundNothingIsStillDroppedWhenItExpires(Impl impl) {
        MessageQueue queue = impl.create();
        assertThat(queue.offer(expiring("late", 1_000), Priority.NORMAL)).isTrue();
        for (int i = 1; i < impl.capacity(); i++) {
            queue.offer("plain" + i, Priority.NORMAL);
        }
        List<Object> dropped = new ArrayList<>();
        assertThat(queue.dropExpired(50, dropped::add)).as("the walk sees deadline 1000 as the next").isZero();

        Object first = queue.poll(); // make room for a message that expires before the one seen
        assertThat(unwrap(first)).isEqualTo("late");
        assertThat(queue.offer(expiring("soon", 60), Priority.NORMAL)).isTrue();

        assertThat(queue.dropExpired(70, dropped::add)).isEqualTo(1);
        assertThat(dropped).containsExactly("soon");
    }

    @org.junit.jupiter.api.Test
    void droppedItemsWaitingForTheConsumerAreLimitedToTheCapacity() {
        MessageQueue queue = MessageQueue.create(MailboxConfig.bounded(2, Overflow.REJECT));
        List<Object> dropped = new ArrayList<>();
        queue.offer(expiring("a", 10), Priority.NORMAL);
        queue.offer(expiring("b", 10), Priority.NORMAL);
        assertThat(queue.dropExpired(20, dropped::add)).isEqualTo(2);
        queue.offer(expiring("c", 10), Priority.NORMAL);
        queue.offer(expiring("d", 10), Priority.NORMAL);

        assertThat(queue.dropExpired(20, dropped::add)).as("two dropped nodes already wait").isZero();
        assertThat(queue.offer("refused", Priority.NORMAL)).isFalse();

        assertThat(unwrap(queue.poll())).as("the consumer skips a and b").isEqualTo("c");
        assertThat(queue.dropExpired(20, dropped::add)).isEqualTo(1);
        assertThat(dropped).containsExactly("a", "b", "d");
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.size()).isZero();
    }

    @org.junit.jupiter.api.Test
    void anItemTheConsumerTookCannotBeDroppedAndOneDroppedCannotBeTaken() {
        Envelope.Expiring taken = expiring("taken", 10);
        assertThat(taken.take()).isTrue();
        assertThat(taken.drop()).isNull();
        assertThat(taken.message()).isEqualTo("taken");

        Envelope.Expiring dropped = expiring("dropped", 10);
        assertThat(dropped.drop()).isEqualTo("dropped");
        assertThat(dropped.take()).isFalse();
        assertThat(dropped.drop()).as("dropped once").isNull();
        assertThat(dropped.message()).as("not kept alive by the waiting node").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unbounded")
    void unboundedQueuesNeverDrop(Impl impl) {
        MessageQueue queue = impl.create();
        queue.offer(expiring("e", 10), Priority.NORMAL);
        assertThat(queue.dropExpired(20, m -> { })).isZero();
        assertThat(unwrap(queue.poll())).isEqualTo("e");
    }
}

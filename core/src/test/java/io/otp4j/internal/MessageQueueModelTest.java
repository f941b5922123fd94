package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.internal.MessageQueueContractTest.Impl;
import io.otp4j.mailbox.Priority;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random single-threaded operation sequences against a reference model (one {@link ArrayDeque} per
 * priority level, or one for a FIFO queue): every result of {@code offer}, {@code poll}, {@code size} and
 * {@code isEmpty} must match. Seeded, so a failure names the seed and step that reproduce it.
 */
class MessageQueueModelTest {

    private static final int SEEDS = 25;
    private static final int STEPS = 4_000;

    /** What the queue should do, with plain JDK collections. */
    static final class Model {
        private final List<ArrayDeque<Object>> levels = java.util.stream.Stream.of(Priority.values())
                .map(p -> new ArrayDeque<Object>()).toList();
        private final int capacity;
        private final boolean prioritized;

        Model(Impl impl) {
            this.capacity = impl.capacity();
            this.prioritized = impl.prioritized();
        }

        boolean offer(Object item, Priority priority) {
            if (size() >= capacity) {
                return false;
            }
            levels.get(prioritized ? priority.ordinal() : 0).add(item);
            return true;
        }

        Object poll() {
            for (ArrayDeque<Object> level : levels) {
                if (!level.isEmpty()) {
                    return level.poll();
                }
            }
            return null;
        }

        int size() {
            return levels.stream().mapToInt(ArrayDeque::size).sum();
        }
    }

    static List<Impl> impls() {
        return MessageQueueContractTest.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void queueBehavesLikeItsReferenceModelForRandomOperationSequences(Impl impl) {
        IntStream.range(0, SEEDS).forEach(seed -> runSequence(impl, seed));
    }

    private static void runSequence(Impl impl, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MessageQueue queue = impl.create();
        Model model = new Model(impl);
        // bias towards offers in some sequences so the bounded queues spend time full
        int offerPercent = 35 + random.nextInt(40);
        int next = 0;
        for (int step = 0; step < STEPS; step++) {
            String at = impl + " seed " + seed + " step " + step;
            int op = random.nextInt(100);
            if (op < offerPercent) {
                Priority priority = Priority.values()[random.nextInt(Priority.values().length)];
                Integer item = next++;
                assertThat(queue.offer(item, priority)).as(at + ": offer").isEqualTo(model.offer(item, priority));
            } else if (op < 90) {
                assertThat(queue.poll()).as(at + ": poll").isEqualTo(model.poll());
            } else if (op < 95) {
                assertThat(queue.size()).as(at + ": size").isEqualTo(model.size());
            } else {
                assertThat(queue.isEmpty()).as(at + ": isEmpty").isEqualTo(model.size() == 0);
            }
        }
        for (Object expected; (expected = model.poll()) != null; ) {
            assertThat(queue.poll()).as(impl + " seed " + seed + ": drain").isEqualTo(expected);
        }
        assertThat(queue.poll()).isNull();
    }
}

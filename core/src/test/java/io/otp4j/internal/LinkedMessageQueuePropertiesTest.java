package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.mailbox.Priority;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The chunked queue against a plain deque, one thread: any sequence of bursts of offers, of polls and of
 * run ends ({@code trim}), across every chunk size (1, 4, 16, 64 places), closing a chunk part-filled and
 * dropping the last one, keeps the items, their order, {@code size}, {@code isEmpty} and what {@code walk}
 * shows. The races are jcstress's
 * ({@code MessageQueueStress}) and {@link MessageQueueClaimTest}'s.
 */
class LinkedMessageQueuePropertiesTest {

    /**
     * @param steps each a burst: a positive value offers that many items, a negative one polls that many
     *     times (a poll of an empty queue must return null), zero ends a run ({@code trim}: an empty queue
     *     must then hold no chunk)
     */
    @Property(tries = 400)
    void anySequenceOfOffersPollsAndRunEndsMatchesADeque(
            @ForAll @Size(max = 40) List<@IntRange(min = -150, max = 150) Integer> steps) {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        ArrayDeque<Integer> model = new ArrayDeque<>();
        int next = 0;
        for (int step : steps) {
            if (step == 0) {
                queue.trim();
                if (model.isEmpty()) {
                    assertThat((Object) QueueInternals.tail(queue)).as("an empty queue trimmed holds no chunk").isNull();
                }
            }
            for (int i = 0; i < step; i++) {
                queue.offer(next, Priority.NORMAL);
                model.add(next++);
            }
            for (int i = 0; i < -step; i++) {
                assertThat(queue.poll()).isEqualTo(model.poll());
            }
            assertThat(queue.isEmpty()).isEqualTo(model.isEmpty());
            assertThat(queue.size()).isEqualTo(model.size());
            List<Object> walked = new ArrayList<>();
            assertThat(queue.walk(walked::add)).as("complete: nothing is claimed and unpublished").isTrue();
            assertThat(walked).containsExactlyElementsOf(model);
        }
        while (!model.isEmpty()) {
            assertThat(queue.poll()).isEqualTo(model.poll());
        }
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.size()).isZero();
    }
}

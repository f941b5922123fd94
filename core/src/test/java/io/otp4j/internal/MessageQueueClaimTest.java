package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A producer stopped between the two steps of its offer (claimed, not yet published), played out by
 * taking those steps by hand: {@code poll} returns null instead of waiting for it, {@code isEmpty} already
 * counts it (which is what keeps the mailbox from stranding it; see {@link MessageQueue}), and once
 * published the item comes out in its place.
 */
class MessageQueueClaimTest {

    @Test
    void linkedQueueDoesNotWaitForAClaimedItemButCountsIt() throws Exception {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        queue.offer("before", Priority.NORMAL);
        VarHandle tail = MethodHandles.privateLookupIn(LinkedMessageQueue.class, MethodHandles.lookup())
                .findVarHandle(LinkedMessageQueue.class, "tail", LinkedMessageQueue.Node.class);

        LinkedMessageQueue.Node claimed = new LinkedMessageQueue.Node("claimed");
        LinkedMessageQueue.Node previous = (LinkedMessageQueue.Node) tail.getAndSet(queue, claimed); // step 1
        queue.offer("after", Priority.NORMAL); // a later producer links behind the claimed node

        assertThat(queue.poll()).isEqualTo("before");
        assertThat(queue.poll()).as("poll with the next item claimed, not linked").isNull();
        assertThat(queue.isEmpty()).as("isEmpty with an item claimed").isFalse();

        previous.next = claimed; // step 2
        assertThat(queue.poll()).isEqualTo("claimed");
        assertThat(queue.poll()).isEqualTo("after");
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void walkShowsWhatIsLinkedAndSaysItStoppedShortOfAClaimedItem() throws Exception {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        queue.offer("before", Priority.NORMAL);
        VarHandle tail = MethodHandles.privateLookupIn(LinkedMessageQueue.class, MethodHandles.lookup())
                .findVarHandle(LinkedMessageQueue.class, "tail", LinkedMessageQueue.Node.class);
        LinkedMessageQueue.Node claimed = new LinkedMessageQueue.Node("claimed");
        LinkedMessageQueue.Node previous = (LinkedMessageQueue.Node) tail.getAndSet(queue, claimed); // step 1
        queue.offer("after", Priority.NORMAL);

        List<Object> seen = new ArrayList<>();
        assertThat(queue.walk(seen::add)).as("complete, with an item claimed and not linked").isFalse();
        assertThat(seen).containsExactly("before");

        previous.next = claimed; // step 2
        seen.clear();
        assertThat(queue.walk(seen::add)).isTrue();
        assertThat(seen).containsExactly("before", "claimed", "after");

        assertThat(queue.poll()).isEqualTo("before");
        seen.clear();
        assertThat(queue.walk(seen::add)).as("a taken item is not shown").isTrue();
        assertThat(seen).containsExactly("claimed", "after");
    }

    @Test
    void boundedQueueDoesNotWaitForAClaimedItemButCountsIt() throws Exception {
        BoundedMessageQueue queue = (BoundedMessageQueue) MessageQueue.create(MailboxConfig.bounded(4, Overflow.REJECT));
        LinkedMessageQueue level = onlyLevelOf(queue);
        queue.offer("before", Priority.NORMAL);
        VarHandle tail = MethodHandles.privateLookupIn(LinkedMessageQueue.class, MethodHandles.lookup())
                .findVarHandle(LinkedMessageQueue.class, "tail", LinkedMessageQueue.Node.class);
        LinkedMessageQueue.Node claimed = new LinkedMessageQueue.Node("claimed");
        LinkedMessageQueue.Node previous = (LinkedMessageQueue.Node) tail.getAndSet(level, claimed); // step 1
        queue.offer("after", Priority.NORMAL);

        assertThat(queue.poll()).isEqualTo("before");
        assertThat(queue.poll()).as("poll with the next item claimed, not linked").isNull();
        assertThat(queue.isEmpty()).as("isEmpty with an item claimed").isFalse();

        previous.next = claimed; // step 2
        assertThat(queue.poll()).isEqualTo("claimed");
        assertThat(queue.poll()).isEqualTo("after");
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    private static LinkedMessageQueue onlyLevelOf(BoundedMessageQueue queue) {
        LinkedMessageQueue[] levels = queue.levels;
        assertThat(levels).hasSize(1);
        return levels[0];
    }
}

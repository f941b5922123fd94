package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A producer stopped between the two steps of its offer (claimed, not yet published), played out by
 * taking those steps by hand, for both kinds of claim: a place in the newest chunk (claimed by the atomic
 * add, not yet stored) and a new chunk (swapped in as the tail, not yet linked). {@code poll} returns null
 * instead of waiting for it, {@code isEmpty} already counts it (which is what keeps the mailbox from
 * stranding it; see {@link MessageQueue}), and once published the item comes out in its place.
 */
class MessageQueueClaimTest {

    private static final VarHandle TAIL = QueueInternals.TAIL;
    private static final VarHandle CLAIMED = QueueInternals.CLAIMED;

    /** Step 1 of an offer into a full chunk: a chunk swapped in as the tail. @return the old tail, to link later */
    private static LinkedMessageQueue.Chunk swapInChunk(LinkedMessageQueue queue, LinkedMessageQueue.Chunk claimed) {
        return (LinkedMessageQueue.Chunk) TAIL.getAndSet(queue, claimed);
    }

    /** Step 1 of an offer into a chunk with room: the next place claimed. @return its index in the array */
    private static int claimPlace(LinkedMessageQueue queue) {
        LinkedMessageQueue.ArrayChunk tail = (LinkedMessageQueue.ArrayChunk) TAIL.getVolatile(queue);
        int place = (int) CLAIMED.getAndAdd(tail, 1);
        assertThat(place).as("a place with room in the newest chunk").isBetween(1, tail.rest.length);
        return place - 1;
    }

    @Test
    void linkedQueueDoesNotWaitForAClaimedChunkButCountsIt() {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        queue.offer("before", Priority.NORMAL);

        LinkedMessageQueue.Chunk claimed = new LinkedMessageQueue.Chunk("claimed");
        LinkedMessageQueue.Chunk previous = swapInChunk(queue, claimed); // step 1
        queue.offer("after", Priority.NORMAL); // a later producer links behind the claimed chunk

        assertThat(queue.poll()).isEqualTo("before");
        assertThat(queue.poll()).as("poll with the next chunk claimed, not linked").isNull();
        assertThat(queue.isEmpty()).as("isEmpty with a chunk claimed").isFalse();

        previous.next = claimed; // step 2
        assertThat(queue.poll()).isEqualTo("claimed");
        assertThat(queue.poll()).isEqualTo("after");
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void linkedQueueDoesNotWaitForAClaimedPlaceButCountsIt() {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        queue.offer("one", Priority.NORMAL); // a chunk of one place
        queue.offer("two", Priority.NORMAL); // behind it, a chunk of four

        int place = claimPlace(queue); // step 1
        LinkedMessageQueue.ArrayChunk chunk = (LinkedMessageQueue.ArrayChunk) TAIL.getVolatile(queue);
        queue.offer("after", Priority.NORMAL); // a later producer takes the place behind

        assertThat(queue.poll()).isEqualTo("one");
        assertThat(queue.poll()).isEqualTo("two");
        assertThat(queue.poll()).as("poll with the next place claimed, not stored").isNull();
        assertThat(queue.isEmpty()).as("isEmpty with a place claimed").isFalse();
        assertThat(queue.size()).as("only stored items are counted").isEqualTo(1);

        chunk.rest[place] = "claimed"; // step 2
        assertThat(queue.poll()).isEqualTo("claimed");
        assertThat(queue.poll()).isEqualTo("after");
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aChunkTheConsumerClosedRefusesALateClaimWhoseItemGoesToANewChunk() {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        queue.offer("one", Priority.NORMAL);
        queue.offer("two", Priority.NORMAL); // a chunk of four, one place used
        LinkedMessageQueue.ArrayChunk chunk = (LinkedMessageQueue.ArrayChunk) TAIL.getVolatile(queue);

        assertThat(queue.poll()).isEqualTo("one");
        assertThat(queue.poll()).isEqualTo("two");
        assertThat(queue.poll()).as("nothing claimed: the chunk is closed and dropped").isNull();
        assertThat(queue.isEmpty()).isTrue();
        assertThat((Object) TAIL.getVolatile(queue)).as("no chunk while empty").isNull();

        // a producer that read the chunk as the tail before it was dropped claims a place in it now
        assertThat((int) CLAIMED.getAndAdd(chunk, 1)).as("the claim fails").isGreaterThanOrEqualTo(
                LinkedMessageQueue.CLOSED);
        queue.offer("late", Priority.NORMAL); // what that producer does next: a new chunk
        assertThat(queue.poll()).isEqualTo("late");
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void trimDropsALastChunkNothingWaitsInAndKeepsOneWithAPlaceClaimed() {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        queue.offer("one", Priority.NORMAL);
        queue.trim();
        assertThat((Object) TAIL.getVolatile(queue)).as("an item waits in place 0: kept").isNotNull();
        assertThat(queue.poll()).isEqualTo("one");
        queue.trim(); // the batch ended at that item: no poll found the queue empty
        assertThat((Object) TAIL.getVolatile(queue)).as("a done chunk of one place: dropped").isNull();

        queue.offer("two", Priority.NORMAL);
        queue.offer("three", Priority.NORMAL); // a chunk of four, one place used
        LinkedMessageQueue.ArrayChunk chunk = (LinkedMessageQueue.ArrayChunk) TAIL.getVolatile(queue);
        assertThat(queue.poll()).isEqualTo("two");
        queue.trim();
        assertThat((Object) TAIL.getVolatile(queue)).as("an item waits in the array: kept").isSameAs(chunk);
        assertThat(queue.poll()).isEqualTo("three");
        int place = claimPlace(queue); // a producer between its two steps
        queue.trim();
        assertThat((Object) TAIL.getVolatile(queue)).as("a place claimed: kept").isSameAs(chunk);
        assertThat(queue.isEmpty()).isFalse();

        chunk.rest[place] = "claimed";
        assertThat(queue.poll()).isEqualTo("claimed");
        queue.trim();
        assertThat((Object) TAIL.getVolatile(queue)).as("part-filled, nothing waits: closed and dropped").isNull();
        assertThat((int) CLAIMED.getVolatile(chunk)).isGreaterThanOrEqualTo(LinkedMessageQueue.CLOSED);
        assertThat(queue.isEmpty()).isTrue();
        queue.trim();
        assertThat(queue.poll()).isNull();
    }

    @Test
    void walkShowsWhatIsPublishedAndSaysItStoppedShortOfAClaimedChunk() {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        queue.offer("before", Priority.NORMAL);
        LinkedMessageQueue.Chunk claimed = new LinkedMessageQueue.Chunk("claimed");
        LinkedMessageQueue.Chunk previous = swapInChunk(queue, claimed); // step 1
        queue.offer("after", Priority.NORMAL);

        List<Object> seen = new ArrayList<>();
        assertThat(queue.walk(seen::add)).as("complete, with a chunk claimed and not linked").isFalse();
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
    void walkShowsWhatIsStoredAndSaysItStoppedShortOfAClaimedPlace() {
        LinkedMessageQueue queue = new LinkedMessageQueue();
        queue.offer("one", Priority.NORMAL);
        queue.offer("two", Priority.NORMAL);
        int place = claimPlace(queue); // step 1
        LinkedMessageQueue.ArrayChunk chunk = (LinkedMessageQueue.ArrayChunk) TAIL.getVolatile(queue);
        queue.offer("after", Priority.NORMAL);

        List<Object> seen = new ArrayList<>();
        assertThat(queue.walk(seen::add)).as("complete, with a place claimed and not stored").isFalse();
        assertThat(seen).containsExactly("one", "two", "after");

        chunk.rest[place] = "claimed"; // step 2
        seen.clear();
        assertThat(queue.walk(seen::add)).isTrue();
        assertThat(seen).containsExactly("one", "two", "claimed", "after");
    }

    @Test
    void boundedQueueDoesNotWaitForAClaimedItemButCountsIt() {
        BoundedMessageQueue queue = (BoundedMessageQueue) MessageQueue.create(MailboxConfig.bounded(4, Overflow.REJECT));
        LinkedMessageQueue level = onlyLevelOf(queue);
        queue.offer("before", Priority.NORMAL);
        LinkedMessageQueue.Chunk claimed = new LinkedMessageQueue.Chunk("claimed");
        LinkedMessageQueue.Chunk previous = swapInChunk(level, claimed); // step 1
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

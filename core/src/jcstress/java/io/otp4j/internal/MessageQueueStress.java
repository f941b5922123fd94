package io.otp4j.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.I_Result;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The {@link MessageQueue} contract under concurrency, for each implementation: the chunked linked queue
 * (the default mailbox; also at its chunks' boundaries, where a claim races with the consumer's closing of
 * a chunk and with other claims for a chunk's last place), and the bounded queue (linked levels, one for FIFO or one per priority, and a
 * shared count), including a sender dropping an expired message as the consumer takes it.
 *
 * <p>Many producers, one consumer, two threads at a time (jcstress runs no more actors than there are
 * CPUs, and CI has two): two producers, or a producer and the consumer; the arbiter, as the consumer,
 * takes the rest. Every item must come out exactly once, each producer's
 * items in offer order, and the queue must then be empty ({@code poll} null, {@code isEmpty},
 * {@code size} 0). For the bounded queues: of two offers racing for the last place, exactly one succeeds.
 */
public final class MessageQueueStress {

    private MessageQueueStress() {}

    /**
     * Items 1 and 2 from one thread, 3 and 4 from another (or from the set-up), all at the same priority;
     * the consumer takes what it can during the race, the arbiter (the same consumer, later) the rest.
     */
    abstract static class MpscState {
        static final Integer[] ITEMS = {1, 2, 3, 4};
        final MessageQueue queue;
        final Object[] polled = new Object[4];
        int polledDuringRace;

        MpscState(MessageQueue queue) {
            this.queue = queue;
        }

        void offerFirstPair() {
            queue.offer(ITEMS[0], Priority.NORMAL);
            queue.offer(ITEMS[1], Priority.NORMAL);
        }

        void offerSecondPair() {
            queue.offer(ITEMS[2], Priority.NORMAL);
            queue.offer(ITEMS[3], Priority.NORMAL);
        }

        /** Polls four times without waiting: an empty poll while offers are on their way is fine. */
        void consume() {
            for (int i = 0; i < 4; i++) {
                Object item = queue.poll();
                if (item != null) {
                    polled[polledDuringRace++] = item;
                }
            }
        }

        /** r1: items the consumer took during the race; r2: 1 if the contract held, else 0. */
        void verdict(II_Result r) {
            r.r1 = polledDuringRace;
            int n = polledDuringRace;
            boolean ok = true;
            for (Object item; (item = queue.poll()) != null; ) {
                if (n == 4) {
                    ok = false; // a fifth item: duplicated
                    break;
                }
                polled[n++] = item;
            }
            ok &= n == 4 && queue.isEmpty() && queue.size() == 0 && queue.poll() == null;
            if (ok) {
                int seen = 0;
                int lastFirst = 0;
                int lastSecond = 2;
                for (Object item : polled) {
                    int v = (Integer) item;
                    seen |= 1 << v;
                    if (v <= 2) {
                        ok &= v == lastFirst + 1; // each producer's items in offer order
                        lastFirst = v;
                    } else {
                        ok &= v == lastSecond + 1;
                        lastSecond = v;
                    }
                }
                ok &= seen == 0b11110; // each of 1 to 4, once
            }
            r.r2 = ok ? 1 : 0;
        }
    }

    /** Two producers race (the tail exchange or CAS); results: items polled during the race (none), the verdict. */
    @JCStressTest
    @Description("Linked (default) mailbox: two producers; nothing lost, duplicated or reordered")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "every item exactly once, each producer's in order")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or out of its producer's order")
    @State
    public static class LinkedTwoProducers extends MpscState {
        public LinkedTwoProducers() {
            super(new LinkedMessageQueue());
        }

        @Actor
        public void firstProducer() {
            offerFirstPair();
        }

        @Actor
        public void secondProducer() {
            offerSecondPair();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            verdict(r);
        }
    }

    /**
     * A producer and the consumer race (the link that follows the tail exchange); items 3 and 4 were
     * queued before. Results: items polled during the race, the verdict.
     */
    @JCStressTest
    @Description("Linked (default) mailbox: a producer and the consumer; nothing lost, duplicated or reordered")
    @Outcome(id = "[0-4], 1", expect = ACCEPTABLE, desc = "every item exactly once, each producer's in order")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or out of its producer's order")
    @State
    public static class LinkedProducerAndConsumer extends MpscState {
        public LinkedProducerAndConsumer() {
            super(new LinkedMessageQueue());
            offerSecondPair();
        }

        @Actor
        public void producer() {
            offerFirstPair();
        }

        @Actor
        public void consumer() {
            consume();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            verdict(r);
        }
    }

    /**
     * Set-up for the chunked queue's boundaries: offers {@code fillers} items the checks do not count, then
     * {@code counted} of items 3 and 4, then polls the fillers, so the consumer stands where a race is
     * wanted. A first item makes a chunk of one place, the second a chunk of four: with four fillers and
     * none counted, the consumer stands at the last free place of a chunk; with two fillers and both
     * counted, items 3 and 4 fill that chunk up to its last free place.
     */
    static void prefill(MpscState state, int fillers, int counted) {
        for (int i = 0; i < fillers; i++) {
            state.queue.offer("filler", Priority.NORMAL);
        }
        for (int i = 0; i < counted; i++) {
            state.queue.offer(MpscState.ITEMS[2 + i], Priority.NORMAL);
        }
        for (int i = 0; i < fillers; i++) {
            if (!"filler".equals(state.queue.poll())) {
                throw new AssertionError("set-up: a filler expected");
            }
        }
    }

    /**
     * A producer and the consumer race at a part-filled chunk: items 3 and 4 were queued and taken before,
     * so the consumer stands at the first unclaimed place of a chunk of four and may close it (a CAS on its
     * claim count) as the producer claims that place (an atomic add on the same count). Results: items
     * taken during the race and before it, the verdict.
     */
    @JCStressTest
    @Description("Linked (default) mailbox: the consumer closes a chunk as a producer claims a place in it")
    @Outcome(id = "[2-4], 1", expect = ACCEPTABLE, desc = "every item exactly once, each producer's in order")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or out of its producer's order")
    @State
    public static class LinkedProducerAndClosingConsumer extends MpscState {
        public LinkedProducerAndClosingConsumer() {
            super(new LinkedMessageQueue());
            offerSecondPair();
            polled[polledDuringRace++] = queue.poll();
            polled[polledDuringRace++] = queue.poll();
        }

        @Actor
        public void producer() {
            offerFirstPair();
        }

        @Actor
        public void consumer() {
            consume();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            verdict(r);
        }
    }

    /**
     * Two producers race for the last free place of a chunk: one gets it, every other claim fails and makes
     * a new chunk (a tail exchange). Results: items polled during the race (none), the verdict.
     */
    @JCStressTest
    @Description("Linked (default) mailbox: two producers at a chunk's last place; nothing lost or reordered")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "every item exactly once, each producer's in order")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or out of its producer's order")
    @State
    public static class LinkedTwoProducersAtAChunksLastPlace extends MpscState {
        public LinkedTwoProducersAtAChunksLastPlace() {
            super(new LinkedMessageQueue());
            prefill(this, 4, 0);
        }

        @Actor
        public void firstProducer() {
            offerFirstPair();
        }

        @Actor
        public void secondProducer() {
            offerSecondPair();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            verdict(r);
        }
    }

    /**
     * A producer fills a chunk's last place and makes the next chunk while the consumer takes items 3 and
     * 4 from the same chunk, closes it or waits for the link. Results: items polled during the race, the
     * verdict.
     */
    @JCStressTest
    @Description("Linked (default) mailbox: a producer and the consumer at a chunk's end; nothing lost or reordered")
    @Outcome(id = "[0-4], 1", expect = ACCEPTABLE, desc = "every item exactly once, each producer's in order")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or out of its producer's order")
    @State
    public static class LinkedProducerAndConsumerAtAChunksEnd extends MpscState {
        public LinkedProducerAndConsumerAtAChunksEnd() {
            super(new LinkedMessageQueue());
            prefill(this, 2, 2);
        }

        @Actor
        public void producer() {
            offerFirstPair();
        }

        @Actor
        public void consumer() {
            consume();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            verdict(r);
        }
    }

    /** Two producers race (the tail exchange or CAS); results: items polled during the race (none), the verdict. */
    @JCStressTest
    @Description("Bounded mailbox: two producers; nothing lost, duplicated or reordered")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "every item exactly once, each producer's in order")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or out of its producer's order")
    @State
    public static class BoundedTwoProducers extends MpscState {
        public BoundedTwoProducers() {
            super(MessageQueue.create(MailboxConfig.bounded(4, Overflow.REJECT)));
        }

        @Actor
        public void firstProducer() {
            offerFirstPair();
        }

        @Actor
        public void secondProducer() {
            offerSecondPair();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            verdict(r);
        }
    }

    /**
     * A producer and the consumer race (the link that follows the tail exchange); items 3 and 4 were
     * queued before. Results: items polled during the race, the verdict.
     */
    @JCStressTest
    @Description("Bounded mailbox: a producer and the consumer; nothing lost, duplicated or reordered")
    @Outcome(id = "[0-4], 1", expect = ACCEPTABLE, desc = "every item exactly once, each producer's in order")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or out of its producer's order")
    @State
    public static class BoundedProducerAndConsumer extends MpscState {
        public BoundedProducerAndConsumer() {
            super(MessageQueue.create(MailboxConfig.bounded(4, Overflow.REJECT)));
            offerSecondPair();
        }

        @Actor
        public void producer() {
            offerFirstPair();
        }

        @Actor
        public void consumer() {
            consume();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            verdict(r);
        }
    }

    /** Two producers race (the tail exchange or CAS); results: items polled during the race (none), the verdict. */
    @JCStressTest
    @Description("Priority mailbox: two producers; nothing lost, duplicated or reordered")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "every item exactly once, each producer's in order")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or out of its producer's order")
    @State
    public static class PriorityTwoProducers extends MpscState {
        public PriorityTwoProducers() {
            super(MessageQueue.create(MailboxConfig.priority(4, Overflow.REJECT)));
        }

        @Actor
        public void firstProducer() {
            offerFirstPair();
        }

        @Actor
        public void secondProducer() {
            offerSecondPair();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            verdict(r);
        }
    }

    /**
     * A producer and the consumer race (the link that follows the tail exchange); items 3 and 4 were
     * queued before. Results: items polled during the race, the verdict.
     */
    @JCStressTest
    @Description("Priority mailbox: a producer and the consumer; nothing lost, duplicated or reordered")
    @Outcome(id = "[0-4], 1", expect = ACCEPTABLE, desc = "every item exactly once, each producer's in order")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated or out of its producer's order")
    @State
    public static class PriorityProducerAndConsumer extends MpscState {
        public PriorityProducerAndConsumer() {
            super(MessageQueue.create(MailboxConfig.priority(4, Overflow.REJECT)));
            offerSecondPair();
        }

        @Actor
        public void producer() {
            offerFirstPair();
        }

        @Actor
        public void consumer() {
            consume();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            verdict(r);
        }
    }

    /**
     * A producer's item is in the queue once its offer returned: a consumer that learns of the offer (here
     * through a volatile flag) must find it, never "empty". The queue has windows where a place is claimed
     * but not yet stored, or a chunk swapped in but not yet linked; {@code poll} and {@code isEmpty} must
     * treat it as an item on its way.
     * Results: whether the consumer saw the flag, whether it then saw the queue non-empty, and whether its
     * poll returned the item.
     */
    @JCStressTest
    @Description("Linked mailbox: an offer that happened-before the poll is never missed")
    @Outcome(id = "0, [01], [01]", expect = ACCEPTABLE, desc = "the consumer came before the offer ended")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "offer ended before: found")
    @Outcome(expect = FORBIDDEN, desc = "offer ended before, yet isEmpty or poll missed the item")
    @State
    public static class LinkedOfferThenPoll {
        final LinkedMessageQueue queue = new LinkedMessageQueue();
        volatile boolean offered;

        @Actor
        public void producer(III_Result r) {
            queue.offer("item", Priority.NORMAL);
            offered = true;
        }

        @Actor
        public void consumer(III_Result r) {
            boolean after = offered;
            r.r1 = after ? 1 : 0;
            r.r2 = queue.isEmpty() ? 0 : 1;
            r.r3 = queue.poll() != null ? 1 : 0;
            if (!after) { // the verdict needs only the case where the offer is known to be done
                r.r2 = 0;
                r.r3 = 0;
            }
        }
    }

    /**
     * The consumer takes the last item and empties the queue (the tail swapped back to null) while a
     * producer offers into it: the producer either links behind the taken node, which then stands in as a
     * stub, or finds the queue empty and publishes its node as the head. Results: what the consumer's two
     * polls returned (1, then 2 or nothing yet), and 1 if the arbiter then found the rest exactly once and
     * the queue empty.
     */
    @JCStressTest
    @Description("Linked mailbox: emptying races with an offer; the offered item is neither lost nor duplicated")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the offer came after the second poll, or was not yet published")
    @Outcome(id = "1, 2, 1", expect = ACCEPTABLE, desc = "the second poll took the offered item")
    @Outcome(expect = FORBIDDEN, desc = "an item lost, duplicated, or the queue not empty at the end")
    @State
    public static class LinkedEmptyingRacesWithOffer {
        final LinkedMessageQueue queue = new LinkedMessageQueue();
        int second;

        public LinkedEmptyingRacesWithOffer() {
            queue.offer(1, Priority.NORMAL);
        }

        @Actor
        public void producer() {
            queue.offer(2, Priority.NORMAL);
        }

        @Actor
        public void consumer(III_Result r) {
            Object first = queue.poll();
            Object next = queue.poll();
            r.r1 = first == null ? 0 : (Integer) first;
            second = next == null ? 0 : (Integer) next;
            r.r2 = second;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            int twos = second == 2 ? 1 : 0;
            boolean ok = true;
            for (Object item; (item = queue.poll()) != null; ) {
                ok &= item.equals(2);
                twos++;
            }
            r.r3 = ok && twos == 1 && queue.isEmpty() && queue.size() == 0 ? 1 : 0;
        }
    }

    /**
     * A run's end trims the queue while a producer offers: the consumer took items 1 and 2 (the second from
     * a chunk of four, whose next place nobody had claimed) without a poll that found the queue empty, so
     * {@code trim} closes that chunk (a CAS on its claim count) and drops it, as the producer claims that
     * place (an atomic add on the same count) or, once it is closed, makes a new chunk. Results: 1 if the
     * arbiter then found item 3 exactly once and the queue empty.
     */
    @JCStressTest
    @Description("Linked mailbox: a run's end trims the queue as a producer offers; nothing lost or duplicated")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "the offered item exactly once, the queue empty at the end")
    @Outcome(expect = FORBIDDEN, desc = "the offered item lost or duplicated, or the queue not empty at the end")
    @State
    public static class LinkedTrimRacesWithOffer {
        final LinkedMessageQueue queue = new LinkedMessageQueue();

        public LinkedTrimRacesWithOffer() {
            queue.offer(1, Priority.NORMAL);
            queue.offer(2, Priority.NORMAL);
            queue.poll();
            queue.poll();
        }

        @Actor
        public void producer() {
            queue.offer(3, Priority.NORMAL);
        }

        @Actor
        public void consumer() {
            queue.trim();
        }

        @Arbiter
        public void arbiter(I_Result r) {
            int threes = 0;
            boolean ok = true;
            for (Object item; (item = queue.poll()) != null; ) {
                ok &= item.equals(3);
                threes++;
            }
            queue.trim();
            r.r1 = ok && threes == 1 && queue.isEmpty() && queue.size() == 0 ? 1 : 0;
        }
    }

    /** Two offers racing for the last place of a bounded queue. */
    abstract static class LastPlaceState {
        final MessageQueue queue;

        LastPlaceState(MessageQueue queue, int preloaded) {
            this.queue = queue;
            for (int i = 0; i < preloaded; i++) {
                queue.offer("preloaded", Priority.NORMAL);
            }
        }

        /** r3: items in the queue at the end, counted by polling. */
        int drain() {
            int n = 0;
            while (queue.poll() != null) {
                n++;
            }
            return n;
        }
    }

    /**
     * Capacity 3, two items queued, two producers offer the third: the count's CAS must let one win. Results: each producer's offer result, then the items counted by
     * draining.
     */
    @JCStressTest
    @Description("Bounded mailbox, capacity 3: of two offers for the last place, exactly one succeeds")
    @Outcome(id = {"1, 0, 3", "0, 1, 3"}, expect = ACCEPTABLE, desc = "one offer won the last place")
    @Outcome(id = "1, 1, 4", expect = FORBIDDEN, desc = "over capacity: both offers succeeded")
    @Outcome(expect = FORBIDDEN, desc = "an offer refused with room left, or a count that does not add up")
    @State
    public static class BoundedLastPlace extends LastPlaceState {
        public BoundedLastPlace() {
            super(MessageQueue.create(MailboxConfig.bounded(3, Overflow.REJECT)), 2);
        }

        @Actor
        public void producerA(III_Result r) {
            r.r1 = queue.offer("a", Priority.NORMAL) ? 1 : 0;
        }

        @Actor
        public void producerB(III_Result r) {
            r.r2 = queue.offer("b", Priority.HIGH) ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = drain();
        }
    }

    /** As {@link BoundedLastPlace}, for the priority queue: the count is shared across levels. */
    @JCStressTest
    @Description("Priority mailbox, capacity 3: of two offers at different levels, exactly one succeeds")
    @Outcome(id = {"1, 0, 3", "0, 1, 3"}, expect = ACCEPTABLE, desc = "one offer won the last place")
    @Outcome(id = "1, 1, 4", expect = FORBIDDEN, desc = "over capacity: both offers succeeded")
    @Outcome(expect = FORBIDDEN, desc = "an offer refused with room left, or a count that does not add up")
    @State
    public static class PriorityLastPlace extends LastPlaceState {
        public PriorityLastPlace() {
            super(MessageQueue.create(MailboxConfig.priority(3, Overflow.REJECT)), 2);
        }

        @Actor
        public void producerA(III_Result r) {
            r.r1 = queue.offer("a", Priority.NORMAL) ? 1 : 0;
        }

        @Actor
        public void producerB(III_Result r) {
            r.r2 = queue.offer("b", Priority.HIGH) ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = drain();
        }
    }

    /**
     * A full queue (capacity 1) while the consumer takes its item and a producer offers another: the
     * offer may fail (it came before the poll) or succeed, but nothing is lost and the queue never holds
     * more than one. Results: whether the consumer took the item, whether the offer succeeded, and the
     * items left.
     */
    @JCStressTest
    @Description("Bounded mailbox, capacity 1: a poll and an offer on a full queue")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "the poll freed the place, the offer took it")
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "the offer came before the poll freed the place")
    @Outcome(expect = FORBIDDEN, desc = "the item lost, or over capacity")
    @State
    public static class BoundedPollAndOfferWhenFull extends LastPlaceState {
        public BoundedPollAndOfferWhenFull() {
            super(MessageQueue.create(MailboxConfig.bounded(1, Overflow.REJECT)), 1);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = queue.poll() != null ? 1 : 0;
        }

        @Actor
        public void producer(III_Result r) {
            r.r2 = queue.offer("b", Priority.NORMAL) ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = drain();
        }
    }

    /**
     * A full bounded queue (capacity 1) holds an expired message. A sender drops expired messages and then
     * offers a new one, as a send to a full mailbox does, while the consumer polls. The message's own state
     * decides who owns it: the consumer (it is delivered) or the sender (it is dropped and reported), never
     * both, never neither; the count follows, so the new message gets in exactly when a place was free.
     * Results: messages the sender dropped, whether its offer succeeded, what the consumer's poll returned
     * (0 nothing, 1 the expired message, 2 the new one), and 1 if the end state adds up (the expired message
     * owned once; the new one there exactly once if offered; the queue empty after the arbiter's drain).
     */
    @JCStressTest
    @Description("Bounded mailbox, full with an expired message: a sender's drop and the consumer's poll")
    @Outcome(id = {"1, 1, 0, 1", "1, 1, 2, 1"}, expect = ACCEPTABLE,
            desc = "the sender dropped it and took its place; the consumer found nothing yet, or the new one")
    @Outcome(id = "0, 1, 1, 1", expect = ACCEPTABLE,
            desc = "the consumer took it first, and its place was free when the sender offered")
    @Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE_INTERESTING,
            desc = "the consumer took it first, its place not yet released when the sender offered")
    @Outcome(id = "1, .*, 1, .*", expect = FORBIDDEN, desc = "both dropped and delivered")
    @Outcome(expect = FORBIDDEN, desc = "the expired message lost, a count that does not add up, or over capacity")
    @State
    public static class BoundedDropVersusTake {
        final MessageQueue queue = MessageQueue.create(MailboxConfig.bounded(1, Overflow.REJECT));
        final Envelope.Expiring old = new Envelope.Expiring("old", 0);
        int dropped;
        Object reported;
        int offered;
        int consumed;

        public BoundedDropVersusTake() {
            queue.offer(old, Priority.NORMAL);
        }

        @Actor
        public void sender() {
            dropped = queue.dropExpired(10, m -> reported = m);
            offered = queue.offer("new", Priority.NORMAL) ? 1 : 0;
        }

        @Actor
        public void consumer() {
            Object item = queue.poll();
            consumed = item == old ? 1 : "new".equals(item) ? 2 : item == null ? 0 : 9;
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            int news = consumed == 2 ? 1 : 0;
            int olds = consumed == 1 ? 1 : 0;
            for (Object item; (item = queue.poll()) != null; ) {
                if ("new".equals(item)) {
                    news++;
                } else if (item == old) {
                    olds++;
                } else {
                    news += 10;
                }
            }
            boolean ok = olds + dropped == 1 && news == offered && (dropped == 0 || "old".equals(reported))
                    && queue.isEmpty() && queue.size() == 0;
            r.r1 = dropped;
            r.r2 = offered;
            r.r3 = consumed;
            r.r4 = ok ? 1 : 0;
        }
    }
}

package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A worker's own run queue: newest first for its owner, oldest first for thieves, bounded, and under
 * concurrent stealing every entry taken exactly once (the jcstress tests in core's jcstress source set
 * check the same races state by state).
 */
class LocalRunQueueTest {

    /** An entry that knows its number. */
    private record Entry(int number) implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void theOwnerTakesTheNewestAndThievesTheOldest() {
        LocalRunQueue queue = new LocalRunQueue();
        for (int i = 0; i < 4; i++) {
            assertThat(queue.push(new Entry(i))).isTrue();
        }
        assertThat(queue.pop()).isEqualTo(new Entry(3));
        assertThat(queue.steal()).isEqualTo(new Entry(0));
        assertThat(queue.pop()).isEqualTo(new Entry(2));
        assertThat(queue.steal()).isEqualTo(new Entry(1));
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.pop()).isNull();
        assertThat(queue.steal()).isNull();
    }

    @Test
    void aFullQueueRefusesAPushAndTakesAgainOnceAnEntryLeaves() {
        LocalRunQueue queue = new LocalRunQueue();
        for (int i = 0; i < LocalRunQueue.CAPACITY; i++) {
            assertThat(queue.push(new Entry(i))).isTrue();
        }
        assertThat(queue.push(new Entry(-1))).isFalse();
        assertThat(queue.steal()).isEqualTo(new Entry(0));
        assertThat(queue.push(new Entry(LocalRunQueue.CAPACITY))).isTrue();
        assertThat(queue.pop()).isEqualTo(new Entry(LocalRunQueue.CAPACITY));
    }

    @Test
    void theIndexesWrapAroundTheArrayManyTimesWithoutLosingAnEntry() {
        LocalRunQueue queue = new LocalRunQueue();
        int next = 0;
        while (next < LocalRunQueue.CAPACITY - 1) {
            assertThat(queue.push(new Entry(next++))).isTrue();
        }
        int oldest = 0;
        for (int round = 0; round < 10 * LocalRunQueue.CAPACITY; round++) { // nearly full, cycling
            assertThat(queue.push(new Entry(next++))).isTrue();
            assertThat(queue.steal()).isEqualTo(new Entry(oldest++));
        }
        for (int expected = next - 1; expected >= oldest; expected--) {
            assertThat(queue.pop()).isEqualTo(new Entry(expected));
        }
        assertThat(queue.pop()).isNull();
    }

    @Test
    void underConcurrentStealingEveryEntryIsTakenExactlyOnce() throws Exception {
        int entries = 2_000_000;
        AtomicIntegerArray taken = new AtomicIntegerArray(entries);
        AtomicLong takenCount = new AtomicLong();
        AtomicBoolean ownerDone = new AtomicBoolean();
        LocalRunQueue queue = new LocalRunQueue();
        List<Thread> thieves = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread thief = new Thread(() -> {
                while (!ownerDone.get() || !queue.isEmpty()) {
                    Object r = queue.steal();
                    if (r != null) {
                        taken.incrementAndGet(((Entry) r).number());
                        takenCount.incrementAndGet();
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }, "thief-" + t);
            thief.start();
            thieves.add(thief);
        }
        Stress budget = Stress.startBudget();
        int pushed = 0;
        // the owner pushes, and pops now and then (every third entry), as a worker between its runs
        while (pushed < entries && budget.keepGoing(pushed)) {
            if (queue.push(new Entry(pushed))) {
                pushed++;
                if (pushed % 3 == 0) {
                    Object r = queue.pop();
                    if (r != null) {
                        taken.incrementAndGet(((Entry) r).number());
                        takenCount.incrementAndGet();
                    }
                }
            } else {
                Object r = queue.pop(); // full: the owner takes one itself
                if (r != null) {
                    taken.incrementAndGet(((Entry) r).number());
                    takenCount.incrementAndGet();
                }
            }
        }
        ownerDone.set(true);
        int total = pushed;
        Stress.awaitProgress("entries taken", takenCount::get, total);
        for (Thread thief : thieves) {
            thief.join();
        }
        assertThat(takenCount.get()).isEqualTo(total);
        for (int i = 0; i < total; i++) {
            assertThat(taken.get(i)).as("times entry %d was taken", i).isEqualTo(1);
        }
    }
}

package io.otp4j.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The timing wheel on its own: ticks are plain numbers, so every case is exact. */
class TimerWheelTest {

    private static final class Item extends TimerWheel.Entry {
        final long wanted;

        Item(long deadline) {
            this.deadline = deadline;
            this.wanted = deadline;
        }
    }

    private static List<Item> drain(TimerWheel wheel) {
        List<Item> due = new ArrayList<>();
        for (TimerWheel.Entry e; (e = wheel.pollDue()) != null; ) {
            due.add((Item) e);
        }
        return due;
    }

    @Test
    void anEntryIsDueExactlyAtItsTickAtEveryLevel() {
        for (long deadline : new long[] {1, 63, 64, 65, 4_095, 4_096, 60_000, 262_144, 9_223_372_036_855L}) {
            TimerWheel wheel = new TimerWheel(0);
            Item item = new Item(deadline);
            wheel.add(item);

            wheel.advance(deadline - 1);
            assertThat(drain(wheel)).as("at %d - 1", deadline).isEmpty();
            wheel.advance(deadline);
            assertThat(drain(wheel)).as("at %d", deadline).containsExactly(item);
            assertThat(wheel.size()).isZero();
        }
    }

    @Test
    void theNextEventIsNeverAfterTheEarliestDeadlineAndSleepingUntilThenLosesNothing() {
        Random random = new Random(42);
        TimerWheel wheel = new TimerWheel(1_000);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long delay = switch (i % 4) {
                case 0 -> 1 + random.nextInt(64);
                case 1 -> 1 + random.nextInt(5_000);
                case 2 -> 1 + random.nextInt(300_000);
                default -> 1 + (random.nextLong() & ((1L << 40) - 1));
            };
            Item item = new Item(1_000 + delay);
            items.add(item);
            wheel.add(item);
        }
        long earliest = items.stream().mapToLong(i -> i.wanted).min().orElseThrow();
        assertThat(wheel.nextEventTick()).isLessThanOrEqualTo(earliest);

        // jump from event to event, as the timer thread does when it sleeps until the next one
        Set<Item> seen = new HashSet<>();
        for (long event; (event = wheel.nextEventTick()) != Long.MAX_VALUE; ) {
            wheel.advance(event);
            for (Item due : drain(wheel)) {
                assertThat(due.wanted).as("due at its very tick").isEqualTo(wheel.now());
                assertThat(seen.add(due)).isTrue();
            }
        }
        assertThat(seen).hasSameSizeAs(items);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void advancingInOneStepMakesEverythingPassedDueInDeadlineOrder() {
        TimerWheel wheel = new TimerWheel(0);
        Item late = new Item(70_000);
        Item early = new Item(3);
        Item middle = new Item(500);
        Item notYet = new Item(70_001);
        for (Item i : List.of(late, early, middle, notYet)) {
            wheel.add(i);
        }

        wheel.advance(70_000);

        assertThat(drain(wheel)).containsExactly(early, middle, late);
        assertThat(wheel.size()).isEqualTo(1);
        wheel.advance(70_001);
        assertThat(drain(wheel)).containsExactly(notYet);
    }

    @Test
    void aRemovedEntryIsNeverDueAndFreesItsSlot() {
        TimerWheel wheel = new TimerWheel(0);
        Item kept = new Item(100);
        Item removed = new Item(100);
        Item alone = new Item(5_000);
        wheel.add(kept);
        wheel.add(removed);
        wheel.add(alone);

        wheel.remove(removed);
        wheel.remove(alone);
        wheel.remove(alone); // a second removal changes nothing

        assertThat(TimerWheel.isLinked(removed)).isFalse();
        assertThat(wheel.size()).isEqualTo(1);
        wheel.advance(10_000);
        assertThat(drain(wheel)).containsExactly(kept);
        assertThat(wheel.nextEventTick()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anEntryAlreadyDueGoesStraightToTheDueListAndCanBeRemovedFromIt() {
        TimerWheel wheel = new TimerWheel(50);
        Item past = new Item(10);
        Item present = new Item(50);
        Item cancelled = new Item(0);
        wheel.add(past);
        wheel.add(present);
        wheel.add(cancelled);
        assertThat(wheel.hasDue()).isTrue();

        wheel.remove(cancelled);

        assertThat(drain(wheel)).containsExactly(past, present);
        assertThat(wheel.hasDue()).isFalse();
    }

    @Test
    void deadlinesBeyondTheWheelAreClampedToItsLastTick() {
        TimerWheel wheel = new TimerWheel(0);
        Item endless = new Item(Long.MAX_VALUE);
        wheel.add(endless);

        wheel.advance(TimerWheel.MAX_TICK - 1);
        assertThat(drain(wheel)).isEmpty();
        wheel.advance(Long.MAX_VALUE);
        assertThat(drain(wheel)).containsExactly(endless);
    }
}

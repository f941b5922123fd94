package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The actor lifecycle's transition table, pair by pair, and the properties the cell relies on: nothing
 * leaves TERMINATED, only TERMINATE reaches it, and once a stop has begun only a kill or an abort acts on it.
 */
class LifecycleTest {

    /**
     * Every (signal, state) pair: one row per signal, one column per state in declaration order; {@code -}
     * means the signal does nothing in that state.
     */
    private static final String TABLE = """
            signal             NEW      RUNNING    SUSPENDED  RESTARTING HALTING   HALTED     STOPPING  TERMINATED
            START              RUNNING  -          -          -          -         -          -         -
            STOP               STOPPING STOPPING   STOPPING   STOPPING   STOPPING  STOPPING   -         -
            KILL               STOPPING STOPPING   STOPPING   STOPPING   STOPPING  STOPPING   STOPPING  -
            ABORT              STOPPING STOPPING   STOPPING   STOPPING   STOPPING  STOPPING   STOPPING  -
            IGNORE             -        STOPPING   -          -          -         -          -         -
            RESTART_ON_FAILURE -        RESTARTING -          -          -         -          -         -
            ESCALATE           -        SUSPENDED  -          -          -         -          -         -
            CRASH              -        SUSPENDED  -          -          -         -          -         -
            RESTART            -        RUNNING    RESTARTING -          -         RUNNING    -         -
            HALT               HALTED   HALTING    HALTING    -          -         HALTED     -         -
            CHILD_FAILED       NEW      RUNNING    SUSPENDED  RESTARTING HALTING   HALTED     -         -
            CHILDREN_STOPPED   -        -          -          RUNNING    HALTED    -          STOPPING  -
            TERMINATE          -        -          -          -          -         -          TERMINATED -
            """;

    @Test
    void everyPairLeadsWhereTheTableSays() {
        List<String> rows = TABLE.lines().skip(1).toList();
        assertThat(rows).hasSize(LifecycleSignal.values().length);
        List<String> mismatches = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            LifecycleSignal signal = LifecycleSignal.valueOf(cells[0]);
            assertThat(cells).as(row).hasSize(Lifecycle.values().length + 1);
            for (Lifecycle state : Lifecycle.values()) {
                String expected = cells[state.ordinal() + 1];
                Lifecycle next = state.next(signal);
                String actual = next == null ? "-" : next.name();
                if (!actual.equals(expected)) {
                    mismatches.add(signal + " in " + state + ": " + actual + ", expected " + expected);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void terminatedIsFinal() {
        for (LifecycleSignal signal : LifecycleSignal.values()) {
            assertThat(Lifecycle.TERMINATED.next(signal)).as("%s after termination", signal).isNull();
        }
    }

    @Test
    void onlyTerminateReachesTerminated() {
        for (LifecycleSignal signal : LifecycleSignal.values()) {
            for (Lifecycle state : Lifecycle.values()) {
                if (state.next(signal) == Lifecycle.TERMINATED) {
                    assertThat(signal).as("%s in %s", signal, state).isEqualTo(LifecycleSignal.TERMINATE);
                }
            }
        }
    }

    @Test
    void onceStoppingOnlyAKillAnAbortOrTheStopsOwnStepsActOnIt() {
        Set<LifecycleSignal> acting = EnumSet.noneOf(LifecycleSignal.class);
        for (LifecycleSignal signal : LifecycleSignal.values()) {
            Lifecycle next = Lifecycle.STOPPING.next(signal);
            if (next != null) {
                acting.add(signal);
                assertThat(next).as(signal.name()).isIn(Lifecycle.STOPPING, Lifecycle.TERMINATED);
            }
        }
        assertThat(acting).containsExactlyInAnyOrder(LifecycleSignal.KILL, LifecycleSignal.ABORT,
                LifecycleSignal.CHILDREN_STOPPED, LifecycleSignal.TERMINATE);
    }

    @Test
    void aStopReachesStoppingFromEveryLiveState() {
        for (Lifecycle state : EnumSet.range(Lifecycle.NEW, Lifecycle.HALTED)) {
            assertThat(state.next(LifecycleSignal.STOP)).as(state.name()).isEqualTo(Lifecycle.STOPPING);
            assertThat(state.next(LifecycleSignal.KILL)).as(state.name()).isEqualTo(Lifecycle.STOPPING);
        }
    }

    @Test
    void anExpectedTransitionThatIsNotInTheTableIsABug() {
        assertThat(Lifecycle.NEW.nextExpected(LifecycleSignal.START)).isEqualTo(Lifecycle.RUNNING);
        assertThatThrownBy(() -> Lifecycle.RUNNING.nextExpected(LifecycleSignal.START))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("START")
                .hasMessageContaining("RUNNING");
    }
}

package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Smoke-runs {@link Observe}: the monitor, the snapshot and the Flight Recorder all see the crash and restart. */
class ObserveTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theCrashAndRestartAreSeenThreeWays() {
        String out = MainRunner.run(Observe::main);
        assertThat(out).contains(
                "parsed \"x\" -> no reply (AskTimeoutException); the supervisor restarted the parser",
                "parsed 2 -> 2 (same ref, new instance)");
        assertThat(out.lines()).anyMatch(l -> l.startsWith("/user/orders/parser") && l.contains("RUNNING")
                && l.contains("restarts=1") && l.contains("handled=3"));
        assertThat(out.lines()).anyMatch(l -> l.matches("ACTOR_FAILED +1"))
                .anyMatch(l -> l.matches("SUPERVISOR_CHILD_RESTARTED +1"));
        assertThat(out).contains("SUPERVISOR_STRATEGY_APPLIED /user/orders ONE_FOR_ONE restarting [parser]",
                "io.otp4j.ActorCrashed path=/user/orders/parser exception=java.lang.NumberFormatException"
                        + " decision=ESCALATE",
                "io.otp4j.ActorRestarted path=/user/orders/parser incarnation=2");
    }
}

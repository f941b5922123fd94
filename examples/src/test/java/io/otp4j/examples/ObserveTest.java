package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Smoke-runs the observability examples: {@link Observe} (monitor, snapshot, Flight Recorder), {@link Metrics}
 * and {@link ObserverDemo}.
 */
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

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theMicrometerMetersCountTheCrashAndTheMessages() {
        String out = MainRunner.run(Metrics::main);
        assertThat(out).contains("square(0) -> no answer (crashed, restarted)", "square(5) -> 25");
        assertThat(out.lines()).anyMatch(l -> l.startsWith("otp4j.supervisor.restarts") && l.endsWith(" 1"))
                .anyMatch(l -> l.startsWith("otp4j.actor.failures") && l.contains("decision=escalate")
                        && l.endsWith(" 1"))
                .anyMatch(l -> l.startsWith("otp4j.messages.processed") && l.contains("Squarer, outcome=success")
                        && l.endsWith(" 3"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theObserverDemoServesItsPageAndCrashesAWorker() {
        String out = MainRunner.run(args -> ObserverDemo.main(new String[] {"--once"}));
        assertThat(out.lines()).anyMatch(l -> l.matches("observer: http://127\\.0\\.0\\.1:\\d+/"))
                .anyMatch(l -> l.matches("action token: [0-9a-f]{32}"))
                .anyMatch(l -> l.matches("GET http://127\\.0\\.0\\.1:\\d+/ -> 200 \\(the page\\)"));
        assertThat(out).contains("a worker crashed and was restarted: see it on the page");
    }
}

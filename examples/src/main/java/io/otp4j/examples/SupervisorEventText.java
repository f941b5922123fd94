package io.otp4j.examples;

import io.otp4j.supervisor.SupervisorEvent;

/** Renders a {@link SupervisorEvent} as one short line for the examples' output. */
final class SupervisorEventText {

    private SupervisorEventText() {}

    /**
     * @param event a supervisor's event
     * @return e.g. {@code "app: ChildExited counter (failed: java.lang.IllegalStateException: boom)"}
     */
    static String of(SupervisorEvent event) {
        String supervisor = event.supervisor().path().name();
        String what = switch (event) {
            case SupervisorEvent.ChildStarted e -> (e.restart() ? "ChildStarted (restart) " : "ChildStarted ") + e.childId();
            case SupervisorEvent.ChildStartFailed e -> "ChildStartFailed " + e.childId() + " (" + e.reason() + ")";
            case SupervisorEvent.ChildExited e -> "ChildExited " + e.childId() + " (" + e.reason() + ")";
            case SupervisorEvent.ChildTerminated e -> "ChildTerminated " + e.childId() + " (" + e.reason() + ")";
            case SupervisorEvent.StrategyApplied e ->
                    "StrategyApplied " + e.strategy() + " after " + e.childId() + ": restarting " + e.restarting();
            case SupervisorEvent.BackoffScheduled e -> "BackoffScheduled " + e.childId() + " in " + e.delay();
            case SupervisorEvent.HealthChanged e -> "HealthChanged " + e.childId() + " (" + e.health() + ")";
            case SupervisorEvent.HealthCheckFailed e ->
                    "HealthCheckFailed " + e.childId() + " (" + e.failures() + " failures)";
            case SupervisorEvent.IntensityExceeded e ->
                    "IntensityExceeded (more than " + e.maxRestarts() + " restart(s) in " + e.period() + ")";
            case SupervisorEvent.AutoShutdownTriggered e -> "AutoShutdownTriggered by " + e.childId();
            case SupervisorEvent.RootTerminated e -> "RootTerminated (" + e.reason() + ")";
            case SupervisorEvent.Escalated e -> "Escalated (" + e.reason() + ")";
            case SupervisorEvent.ConfigurationChanged e -> "ConfigurationChanged " + e.change() + " " + e.childId();
        };
        return supervisor + ": " + what;
    }
}

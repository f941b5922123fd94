package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import java.time.Duration;
import java.util.List;

/**
 * What a supervisor did, published on the system's {@link io.otp4j.actor.EventStream} in the order it did
 * it: subscribe to {@code SupervisorEvent.class} to see every start, exit, restart, backoff, health change and
 * escalation of a tree. Each event names the supervisor and, where it applies, the child id.
 */
public sealed interface SupervisorEvent {

    /** @return the supervisor that acted */
    ActorRef<?> supervisor();

    /**
     * A child started (first start or restart).
     *
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param child the child's ref
     * @param restart true if this start is a restart
     */
    record ChildStarted(ActorRef<?> supervisor, String childId, ActorRef<?> child, boolean restart)
            implements SupervisorEvent {}

    /**
     * A child failed to start.
     *
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param reason why
     */
    record ChildStartFailed(ActorRef<?> supervisor, String childId, ExitReason reason) implements SupervisorEvent {}

    /**
     * A child crashed or exited on its own (not stopped by the supervisor).
     *
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param reason its exit reason
     */
    record ChildExited(ActorRef<?> supervisor, String childId, ExitReason reason) implements SupervisorEvent {}

    /**
     * The supervisor stopped a child (strategy, control request or shutdown).
     *
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param reason how it ended: shutdown, or killed when it did not stop in time
     */
    record ChildTerminated(ActorRef<?> supervisor, String childId, ExitReason reason) implements SupervisorEvent {}

    /**
     * The supervisor applied its strategy after a child's exit.
     *
     * @param supervisor the supervisor
     * @param strategy the strategy
     * @param childId the child that exited
     * @param restarting the ids restarted, in start order
     */
    record StrategyApplied(ActorRef<?> supervisor, Strategy strategy, String childId, List<String> restarting)
            implements SupervisorEvent {}

    /**
     * A restart waits for its backoff delay.
     *
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param delay the delay
     */
    record BackoffScheduled(ActorRef<?> supervisor, String childId, Duration delay) implements SupervisorEvent {}

    /**
     * A child's health checks failed too often in a row (answered {@link Health.Failed FAILED} or not in time):
     * it is treated as crashed.
     *
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param failures consecutive failures
     */
    record HealthCheckFailed(ActorRef<?> supervisor, String childId, int failures) implements SupervisorEvent {}

    /**
     * A child's health, as its {@link HealthCheck} answers it, changed: it became
     * {@link Health.Degraded DEGRADED} (reported, not restarted), {@link Health.Failed FAILED} (counted towards
     * a crash, see {@link HealthCheckFailed}), healthy again, or degraded or failed for another reason. Each
     * start of the child begins healthy, without an event.
     *
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param health its health now
     */
    record HealthChanged(ActorRef<?> supervisor, String childId, Health health) implements SupervisorEvent {}

    /**
     * More than {@code maxRestarts} restarts within {@code period}: the supervisor stops all children and
     * exits with {@code shutdown}, escalating to its own parent.
     *
     * @param supervisor the supervisor
     * @param maxRestarts its intensity
     * @param period its period
     */
    record IntensityExceeded(ActorRef<?> supervisor, int maxRestarts, Duration period) implements SupervisorEvent {}

    /**
     * A significant child's exit stopped the supervisor ({@link AutoShutdown}).
     *
     * @param supervisor the supervisor
     * @param childId the significant child
     */
    record AutoShutdownTriggered(ActorRef<?> supervisor, String childId) implements SupervisorEvent {}

    /**
     * A top-level supervisor terminated: at the root of a tree there is no one left to escalate to.
     *
     * @param supervisor the supervisor
     * @param reason its exit reason
     */
    record RootTerminated(ActorRef<?> supervisor, ExitReason reason) implements SupervisorEvent {}
}

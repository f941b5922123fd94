package io.otp4j.supervisor;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.monitor.EventKind;
import io.otp4j.monitor.MonitorEvent;
import io.otp4j.monitor.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a supervisor did, in the order it did it. The same event goes to the system's
 * {@link io.otp4j.actor.EventStream} (subscribe to {@code SupervisorEvent.class} to see every start, exit,
 * restart, backoff, health change and escalation of a tree) and to the system's
 * {@link io.otp4j.monitor.Monitor} (it is a {@link MonitorEvent} of the {@code SUPERVISOR} family). Each event
 * carries when it happened (the system scheduler's clock), the supervisor's ref (its {@link #path()} is the
 * supervisor's path) and, where it applies, the child id.
 */
public sealed interface SupervisorEvent extends MonitorEvent {

    /** @return the supervisor that acted */
    ActorRef<?> supervisor();

    /** @return the supervisor's path */
    @Override
    default ActorPath path() {
        return supervisor().path();
    }

    /**
     * A child started: for the first time, or again ({@code restart}) in place (same ref, new instance) after
     * a crash, or afresh (a new ref) if it had terminated for good.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param child the child's ref
     * @param restart true if this start is a restart
     */
    record ChildStarted(Instant timestamp, ActorRef<?> supervisor, String childId, ActorRef<?> child,
                        boolean restart) implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return restart ? EventKind.SUPERVISOR_CHILD_RESTARTED : EventKind.SUPERVISOR_CHILD_STARTED;
        }
    }

    /**
     * A child failed to start.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param reason why
     */
    record ChildStartFailed(Instant timestamp, ActorRef<?> supervisor, String childId, ExitReason reason)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_CHILD_FAILED;
        }
    }

    /**
     * A child crashed or exited on its own (not stopped by the supervisor). Its kind is
     * {@code SUPERVISOR_CHILD_FAILED} for an abnormal reason, {@code SUPERVISOR_CHILD_STOPPED} for a normal one.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param reason its exit reason
     */
    record ChildExited(Instant timestamp, ActorRef<?> supervisor, String childId, ExitReason reason)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return reason.isNormal() ? EventKind.SUPERVISOR_CHILD_STOPPED : EventKind.SUPERVISOR_CHILD_FAILED;
        }
    }

    /**
     * The supervisor stopped a child (strategy, control request or shutdown).
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param reason how it ended: shutdown, or killed when it did not stop in time
     */
    record ChildTerminated(Instant timestamp, ActorRef<?> supervisor, String childId, ExitReason reason)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_CHILD_STOPPED;
        }
    }

    /**
     * The supervisor applied its strategy after a child's exit.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param strategy the strategy
     * @param childId the child that exited
     * @param restarting the ids restarted, in start order
     */
    record StrategyApplied(Instant timestamp, ActorRef<?> supervisor, Strategy strategy, String childId,
                           List<String> restarting) implements SupervisorEvent {
        /** Copies the list. */
        public StrategyApplied {
            restarting = List.copyOf(restarting);
        }

        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_STRATEGY_APPLIED;
        }
    }

    /**
     * A restart waits for its backoff delay.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param delay the delay
     */
    record BackoffScheduled(Instant timestamp, ActorRef<?> supervisor, String childId, Duration delay)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_BACKOFF;
        }
    }

    /**
     * A child's health checks failed too often in a row (answered {@link Health.Failed FAILED} or not in time):
     * it is treated as crashed.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param failures consecutive failures
     */
    record HealthCheckFailed(Instant timestamp, ActorRef<?> supervisor, String childId, int failures)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_HEALTH_CHECK_FAILED;
        }
    }

    /**
     * A child's health, as its {@link HealthCheck} answers it, changed: it became
     * {@link Health.Degraded DEGRADED} (reported, not restarted), {@link Health.Failed FAILED} (counted towards
     * a crash, see {@link HealthCheckFailed}), healthy again, or degraded or failed for another reason. Each
     * start of the child begins healthy, without an event. Severity: INFO when healthy again, WARN when
     * degraded, ERROR when failed.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param childId the child's id
     * @param health its health now
     */
    record HealthChanged(Instant timestamp, ActorRef<?> supervisor, String childId, Health health)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_CHILD_HEALTH_CHANGED;
        }

        @Override
        public Severity severity() {
            return switch (health) {
                case Health.Healthy h -> Severity.INFO;
                case Health.Degraded d -> Severity.WARN;
                case Health.Failed f -> Severity.ERROR;
            };
        }
    }

    /**
     * More than {@code maxRestarts} restarts within {@code period}: the supervisor stops all children and
     * exits with {@code shutdown} ({@link Escalated}), escalating to its own parent.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param maxRestarts its intensity
     * @param period its period
     */
    record IntensityExceeded(Instant timestamp, ActorRef<?> supervisor, int maxRestarts, Duration period)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_INTENSITY_EXCEEDED;
        }
    }

    /**
     * The supervisor gave up: it stopped its children and exits, handing the failure to its own parent.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param reason the supervisor's exit reason
     */
    record Escalated(Instant timestamp, ActorRef<?> supervisor, ExitReason reason) implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_ESCALATED;
        }
    }

    /**
     * A significant child's exit stopped the supervisor ({@link AutoShutdown}).
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param childId the significant child
     */
    record AutoShutdownTriggered(Instant timestamp, ActorRef<?> supervisor, String childId)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_AUTO_SHUTDOWN;
        }
    }

    /**
     * A top-level supervisor terminated: at the root of a tree there is no one left to escalate to.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param reason its exit reason
     */
    record RootTerminated(Instant timestamp, ActorRef<?> supervisor, ExitReason reason)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_ROOT_TERMINATED;
        }
    }

    /**
     * A supervisor's configuration changed while it ran: a child spec was added ({@code startChild(spec)},
     * reported once the child started or ignored its start and its spec stayed) or deleted
     * ({@code deleteChild}). The child list is the only configuration that changes at run time: a system's
     * settings, an actor's props and a supervisor's strategy, intensity and template are fixed when they
     * are created. Dynamic children of a {@code SIMPLE_ONE_FOR_ONE} supervisor are instances of its fixed
     * template, not configuration: their starts are {@link ChildStarted}. Reported to monitors only: whoever
     * changed the list holds the answer to their request.
     *
     * @param timestamp when
     * @param supervisor the supervisor
     * @param childId the spec's id
     * @param change what changed
     */
    record ConfigurationChanged(Instant timestamp, ActorRef<?> supervisor, String childId, Change change)
            implements SupervisorEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_CONFIGURATION_CHANGED;
        }

        /** What happened to the supervisor's list of child specs. */
        public enum Change {
            /** A child spec was added. */
            CHILD_ADDED,
            /** A child spec was deleted. */
            CHILD_DELETED
        }
    }
}

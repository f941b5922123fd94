package io.otp4j.supervisor;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ExitReason;
import io.otp4j.monitor.EventKind;
import io.otp4j.monitor.MonitorEvent;
import io.otp4j.monitor.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A supervisor's children and decisions; {@link #path()} is the supervisor's path. The same facts are
 * published, with refs instead of paths, as {@link io.otp4j.supervisor.SupervisorEvent}s on the event stream
 * (all but {@link ConfigurationChanged}, which only monitors see).
 */
public sealed interface SupervisionEvent extends MonitorEvent {

    /**
     * A child started for the first time.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param childId the child's id
     * @param child the child's path
     */
    record ChildStarted(Instant timestamp, ActorPath path, String childId, ActorPath child)
            implements SupervisionEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_CHILD_STARTED;
        }
    }

    /**
     * A child was started again by its supervisor: in place (same ref, new instance) after a crash, or
     * afresh (a new ref) if it had terminated for good.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param childId the child's id
     * @param child the child's path
     */
    record ChildRestarted(Instant timestamp, ActorPath path, String childId, ActorPath child)
            implements SupervisionEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_CHILD_RESTARTED;
        }
    }

    /**
     * A child exited abnormally, or failed to start.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param childId the child's id
     * @param reason why
     */
    record ChildFailed(Instant timestamp, ActorPath path, String childId, ExitReason reason)
            implements SupervisionEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_CHILD_FAILED;
        }
    }

    /**
     * A child exited normally, or was stopped by its supervisor.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param childId the child's id
     * @param reason why
     */
    record ChildStopped(Instant timestamp, ActorPath path, String childId, ExitReason reason)
            implements SupervisionEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_CHILD_STOPPED;
        }
    }

    /**
     * The supervisor's strategy chose the children to restart after {@code childId} exited.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param strategy the strategy
     * @param childId the child whose exit triggered it
     * @param restarting the ids restarted, in start order
     */
    record StrategyApplied(Instant timestamp, ActorPath path, Strategy strategy, String childId,
                           List<String> restarting) implements SupervisionEvent {
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
     * Restarts were delayed by the child's backoff.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param childId the child
     * @param delay the wait before the restart
     */
    record BackoffScheduled(Instant timestamp, ActorPath path, String childId, Duration delay)
            implements SupervisionEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_BACKOFF;
        }
    }

    /**
     * A child's health, as its health check answers it, changed (see
     * {@link io.otp4j.supervisor.SupervisorEvent.HealthChanged}). Severity: INFO when healthy again, WARN when
     * degraded, ERROR when failed.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param childId the child's id
     * @param health its health now
     */
    record ChildHealthChanged(Instant timestamp, ActorPath path, String childId, Health health)
            implements SupervisionEvent {
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
     * More restarts than the intensity allows happened within the period: the supervisor gives up.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param maxRestarts the intensity
     * @param period the period
     */
    record IntensityExceeded(Instant timestamp, ActorPath path, int maxRestarts, Duration period)
            implements SupervisionEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_INTENSITY_EXCEEDED;
        }
    }

    /**
     * The supervisor stopped its children and exits abnormally, handing the failure to its own parent.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param reason the supervisor's exit reason
     */
    record Escalated(Instant timestamp, ActorPath path, ExitReason reason) implements SupervisionEvent {
        @Override
        public EventKind kind() {
            return EventKind.SUPERVISOR_ESCALATED;
        }
    }

    /**
     * A supervisor's configuration changed while it ran: a child spec was added ({@code startChild(spec)},
     * reported once the child started or ignored its start and its spec stayed) or deleted
     * ({@code deleteChild}). The child list is the only configuration that changes at run time: a system's
     * settings, an actor's props and a supervisor's strategy, intensity and template are fixed when they
     * are created. Dynamic children of a {@code SIMPLE_ONE_FOR_ONE} supervisor are instances of its fixed
     * template, not configuration: their starts are {@link ChildStarted}.
     *
     * @param timestamp when
     * @param path the supervisor
     * @param childId the spec's id
     * @param change what changed
     */
    record ConfigurationChanged(Instant timestamp, ActorPath path, String childId, Change change)
            implements SupervisionEvent {
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

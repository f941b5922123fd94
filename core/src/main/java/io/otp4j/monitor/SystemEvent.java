package io.otp4j.monitor;

import io.otp4j.actor.ActorPath;
import java.time.Instant;

/**
 * The actor system, its registry of names and its limits; {@link #path()} is the root {@code /}, the named
 * actor, or the parent of a refused spawn.
 */
public sealed interface SystemEvent extends MonitorEvent {

    /**
     * The system is up.
     *
     * @param timestamp when
     * @param path the root
     * @param systemName the system's name
     */
    record Started(Instant timestamp, ActorPath path, String systemName) implements SystemEvent {
        @Override
        public EventKind kind() {
            return EventKind.SYSTEM_STARTED;
        }
    }

    /**
     * The system finished shutting down.
     *
     * @param timestamp when
     * @param path the root
     * @param systemName the system's name
     * @param clean false if some actor did not stop within the shutdown timeout
     */
    record Shutdown(Instant timestamp, ActorPath path, String systemName, boolean clean) implements SystemEvent {
        @Override
        public EventKind kind() {
            return EventKind.SYSTEM_SHUTDOWN;
        }

        @Override
        public Severity severity() {
            return clean ? Severity.INFO : Severity.WARN;
        }
    }

    /**
     * A name was registered in the system's registry.
     *
     * @param timestamp when
     * @param path the actor
     * @param name the name
     */
    record Registered(Instant timestamp, ActorPath path, String name) implements SystemEvent {
        @Override
        public EventKind kind() {
            return EventKind.SYSTEM_REGISTERED;
        }
    }

    /**
     * A name was released, by unregistering or because its actor terminated.
     *
     * @param timestamp when
     * @param path the actor
     * @param name the name
     */
    record Deregistered(Instant timestamp, ActorPath path, String name) implements SystemEvent {
        @Override
        public EventKind kind() {
            return EventKind.SYSTEM_DEREGISTERED;
        }
    }

    /**
     * A spawn was refused because the system already runs its {@linkplain
     * io.otp4j.actor.ActorSystemSettings#maxActors() most actors}; the spawner got an
     * {@link io.otp4j.actor.ActorLimitExceededException}. One event per refused spawn.
     *
     * @param timestamp when
     * @param path the parent the actor would have had ({@code /user} for a top-level actor)
     * @param limit the system's limit on live actors
     */
    record ActorLimitReached(Instant timestamp, ActorPath path, int limit) implements SystemEvent {
        @Override
        public EventKind kind() {
            return EventKind.SYSTEM_ACTOR_LIMIT_REACHED;
        }
    }
}

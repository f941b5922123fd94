package io.otp4j.monitor;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.ExitReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The lifecycle and message handling of one actor; {@link #path()} is the actor's path. */
public sealed interface ActorEvent extends MonitorEvent {

    /**
     * An actor was created; it starts on its dispatcher soon after.
     *
     * @param timestamp when
     * @param path the new actor
     */
    record Spawned(Instant timestamp, ActorPath path) implements ActorEvent {
        @Override
        public EventKind kind() {
            return EventKind.ACTOR_SPAWNED;
        }
    }

    /**
     * An instance was built and its {@code preStart} completed; {@code incarnation} above 1 means a restart.
     *
     * @param timestamp when
     * @param path the actor
     * @param actorClass the instance's class
     * @param incarnation 1 for the first instance, then one more per restart in place
     */
    record Started(Instant timestamp, ActorPath path, Class<?> actorClass, int incarnation) implements ActorEvent {
        @Override
        public EventKind kind() {
            return EventKind.ACTOR_STARTED;
        }
    }

    /**
     * A message is about to be handled (per message: only for monitors that trace messages).
     *
     * @param timestamp when
     * @param path the actor
     * @param message the message
     */
    record MessageReceived(Instant timestamp, ActorPath path, Object message) implements ActorEvent {
        @Override
        public EventKind kind() {
            return EventKind.ACTOR_MESSAGE_RECEIVED;
        }
    }

    /**
     * A message was handled, successfully or not (per message: only for monitors that trace messages).
     *
     * @param timestamp when handling ended
     * @param path the actor
     * @param messageType the message's class
     * @param handlingNanos how long {@code receive} took
     * @param failed true if {@code receive} threw
     */
    record MessageProcessed(Instant timestamp, ActorPath path, Class<?> messageType, long handlingNanos,
                            boolean failed) implements ActorEvent {
        @Override
        public EventKind kind() {
            return EventKind.ACTOR_MESSAGE_PROCESSED;
        }

        /** @return how long {@code receive} took */
        public Duration handlingTime() {
            return Duration.ofNanos(handlingNanos);
        }
    }

    /**
     * An actor's handler, signal handler or {@code preStart} threw, and what was decided about it.
     *
     * @param timestamp when
     * @param path the actor
     * @param actorClass the class of the instance that failed; empty if the factory itself failed
     * @param cause what was thrown
     * @param decision what the actor's {@code onFailure} chose; {@link ErrorAction#ESCALATE} hands the
     *     decision to the parent or supervisor, which reports its own ({@link io.otp4j.supervisor.SupervisorEvent.StrategyApplied})
     */
    record Failed(Instant timestamp, ActorPath path, Optional<Class<?>> actorClass, Throwable cause,
                  ErrorAction decision)
            implements ActorEvent {
        @Override
        public EventKind kind() {
            return EventKind.ACTOR_FAILED;
        }
    }

    /**
     * An actor terminated for good.
     *
     * @param timestamp when
     * @param path the actor
     * @param reason why; an abnormal reason raises the severity to WARN
     */
    record Stopped(Instant timestamp, ActorPath path, ExitReason reason) implements ActorEvent {
        @Override
        public EventKind kind() {
            return EventKind.ACTOR_STOPPED;
        }

        @Override
        public Severity severity() {
            return reason.isNormal() ? Severity.INFO : Severity.WARN;
        }
    }
}

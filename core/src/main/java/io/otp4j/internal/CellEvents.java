package io.otp4j.internal;

import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.ExitReason;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import io.otp4j.monitor.ActorEvent;
import io.otp4j.monitor.MailboxEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * Reports what happens to one actor cell to the installed monitor and to Flight Recorder. Each method checks
 * whether anyone listens before it builds anything. The per-message events are built in {@link ActorCell}
 * itself, behind a check made once per run.
 */
final class CellEvents {

    private CellEvents() {}

    static void spawned(ActorCell<?> cell) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(new ActorEvent.Spawned(Instant.now(), cell.path()));
        }
        FlightRecorder.spawned(cell);
    }

    static void started(ActorCell<?> cell, Object actor, int incarnation) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(new ActorEvent.Started(Instant.now(), cell.path(), actor.getClass(), incarnation));
        }
        if (incarnation > 1) {
            FlightRecorder.restarted(cell, incarnation);
        }
    }

    static void failed(ActorCell<?> cell, Object actor, Throwable cause, ErrorAction decision) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(new ActorEvent.Failed(Instant.now(), cell.path(),
                    Optional.ofNullable(actor).map(Object::getClass), cause, decision));
        }
        FlightRecorder.crashed(cell, actor, cause, decision.name());
    }

    static void stopped(ActorCell<?> cell, ExitReason reason) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(new ActorEvent.Stopped(Instant.now(), cell.path(), reason));
        }
    }

    /** Only called when the monitor traces messages. */
    static void enqueued(ActorCell<?> cell, Priority priority) {
        cell.runtime().monitoring().emit(new MailboxEvent.Enqueued(Instant.now(), cell.path(), priority));
    }

    static void overflowed(ActorCell<?> cell, Overflow policy, Delivery outcome, Object message, int capacity) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(policy == Overflow.DROP
                    ? new MailboxEvent.Dropped(Instant.now(), cell.path(), message)
                    : new MailboxEvent.BackpressureApplied(Instant.now(), cell.path(), policy, outcome));
        }
        FlightRecorder.overflow(cell, policy.name(), outcome.name(), capacity);
    }

    static void expired(ActorCell<?> cell, Object message) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(new MailboxEvent.Expired(Instant.now(), cell.path(), message));
        }
    }

    static void priorityNotHonoured(ActorCell<?> cell, Priority priority, Object message) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(new MailboxEvent.PriorityNotHonoured(Instant.now(), cell.path(), priority, message.getClass()));
        }
    }
}

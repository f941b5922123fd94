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
import java.util.OptionalInt;

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
            m.emit(new ActorEvent.Spawned(cell.runtime().monitoring().now(), cell.path()));
        }
        FlightRecorder.spawned(cell);
    }

    static void started(ActorCell<?> cell, Object actor, int incarnation) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(new ActorEvent.Started(cell.runtime().monitoring().now(), cell.path(), actor.getClass(), incarnation));
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
            m.emit(new ActorEvent.Failed(cell.runtime().monitoring().now(), cell.path(),
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
            m.emit(new ActorEvent.Stopped(cell.runtime().monitoring().now(), cell.path(), reason));
        }
    }

    /**
     * After a message went in; only called when a monitor is installed. Reports a bounded mailbox that
     * this message filled (once per crossing), and the message itself to a monitor that traces messages.
     */
    static void enqueued(ActorCell<?> cell, Priority priority) {
        SystemRuntime runtime = cell.runtime();
        MessageQueue mailbox = cell.mailbox();
        int capacity = cell.capacity();
        if (capacity == Integer.MAX_VALUE && !runtime.traced) {
            return; // an unbounded mailbox never fills, and nobody wants the message itself
        }
        int length = mailbox.knownSize();
        if (capacity != Integer.MAX_VALUE && length >= capacity && mailbox.claimFullReport()) {
            runtime.monitoring().emit(new MailboxEvent.CapacityReached(cell.runtime().monitoring().now(), cell.path(), capacity));
        }
        if (runtime.traced) {
            runtime.monitoring().emit(new MailboxEvent.Enqueued(cell.runtime().monitoring().now(), cell.path(), priority,
                    length < 0 ? OptionalInt.empty() : OptionalInt.of(length)));
        }
    }

    /** A send found the mailbox full: reports the filling if the send that filled it did not. */
    static void foundFull(ActorCell<?> cell) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled() && cell.mailbox().claimFullReport()) {
            m.emit(new MailboxEvent.CapacityReached(cell.runtime().monitoring().now(), cell.path(), cell.capacity()));
        }
    }

    /** The length a {@link MailboxEvent.Dequeued} reports: known only where the mailbox keeps a count. */
    static OptionalInt knownLength(MessageQueue mailbox) {
        int length = mailbox.knownSize();
        return length < 0 ? OptionalInt.empty() : OptionalInt.of(length);
    }

    static void overflowed(ActorCell<?> cell, Overflow policy, Delivery outcome, Object message, int capacity) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(policy == Overflow.DROP
                    ? new MailboxEvent.Dropped(cell.runtime().monitoring().now(), cell.path(), message)
                    : new MailboxEvent.BackpressureApplied(cell.runtime().monitoring().now(), cell.path(), policy, outcome));
        }
        FlightRecorder.overflow(cell, policy.name(), outcome.name(), capacity);
    }

    static void expired(ActorCell<?> cell, Object message) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(new MailboxEvent.Expired(cell.runtime().monitoring().now(), cell.path(), message));
        }
    }

    static void priorityNotHonoured(ActorCell<?> cell, Priority priority, Object message) {
        if (!Monitoring.COMPILED_IN) {
            return;
        }
        Monitoring m = cell.runtime().monitoring();
        if (m.enabled()) {
            m.emit(new MailboxEvent.PriorityNotHonoured(cell.runtime().monitoring().now(), cell.path(), priority, message.getClass()));
        }
    }
}

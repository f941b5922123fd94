package io.otp4j.internal;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ExitReason;

/**
 * Where the runtime reports to Java Flight Recorder: every method forwards to {@link JfrEvents} when the
 * {@code jdk.jfr} module is present, and does nothing otherwise. The core module reads {@code jdk.jfr}
 * through {@code requires static}, so a runtime image made by jlink without it still runs otp4j, with no
 * flight-recorder events; on the module path, JFR must be resolved ({@code --add-modules jdk.jfr}, or an
 * application module that requires it) for the events to exist, as on the class path it always is.
 * No signature here names a {@code jdk.jfr} type, so that loading the callers never loads JFR.
 */
final class FlightRecorder {

    /** Whether the {@code jdk.jfr} module is in this runtime: checked once, as this class loads. */
    static final boolean AVAILABLE = jfrPresent();

    private FlightRecorder() {}

    private static boolean jfrPresent() {
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            return false;
        }
        try {
            Class.forName("jdk.jfr.Event", false, FlightRecorder.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static void spawned(ActorCell<?> cell) {
        if (AVAILABLE) {
            JfrEvents.spawned(cell);
        }
    }

    static void crashed(ActorCell<?> cell, Object actor, Throwable cause, String decision) {
        if (AVAILABLE) {
            JfrEvents.crashed(cell, actor, cause, decision);
        }
    }

    static void restarted(ActorCell<?> cell, int incarnation) {
        if (AVAILABLE) {
            JfrEvents.restarted(cell, incarnation);
        }
    }

    /**
     * A supervisor gave up, or an actor without a supervisor escalated a failure to its parent.
     *
     * @param path the escalating actor
     * @param reason its exit reason
     */
    static void escalated(ActorPath path, ExitReason reason) {
        if (AVAILABLE) {
            JfrEvents.escalated(path, reason);
        }
    }

    static void overflow(ActorCell<?> cell, String policy, String outcome, int capacity) {
        if (AVAILABLE) {
            JfrEvents.overflow(cell, policy, outcome, capacity);
        }
    }

    /** @return true if a recording wants slow-message events: the caller then times each message */
    static boolean timesMessages() {
        return AVAILABLE && JfrEvents.timesMessages();
    }

    /** @return a started timing for one message, to hand to {@link #messageHandled}; null without JFR */
    static Object messageStarted() {
        return AVAILABLE ? JfrEvents.messageStarted() : null;
    }

    /**
     * @param timing what {@link #messageStarted} returned
     * @param cell the actor
     * @param messageType the message's class
     */
    static void messageHandled(Object timing, ActorCell<?> cell, Class<?> messageType) {
        if (timing != null) {
            JfrEvents.messageHandled(timing, cell, messageType);
        }
    }
}

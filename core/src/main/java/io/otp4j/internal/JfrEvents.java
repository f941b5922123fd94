package io.otp4j.internal;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ExitReason;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * otp4j's Java Flight Recorder events, reached only through {@link FlightRecorder}, which loads this class
 * only when the {@code jdk.jfr} module is present. They cost nothing unless a recording enables them: each emitter
 * builds its event, asks {@code shouldCommit()} (a read of a flag JFR maintains) and returns; escape
 * analysis removes the allocation. {@link ActorSpawned} is frequent and therefore disabled by default;
 * enable it in a recording's settings ({@code io.otp4j.ActorSpawned#enabled=true}) when needed.
 * {@link SlowMessage} is checked once per actor run, so timing messages costs nothing while no recording
 * wants it.
 *
 * <p>All events are in the "otp4j" category of JDK Mission Control's event browser.
 */
final class JfrEvents {

    private JfrEvents() {}

    static void spawned(ActorCell<?> cell) {
        ActorSpawned e = new ActorSpawned();
        if (e.shouldCommit()) {
            e.path = cell.path().toString();
            e.system = cell.path().system();
            e.commit();
        }
    }

    static void crashed(ActorCell<?> cell, Object actor, Throwable cause, String decision) {
        ActorCrashed e = new ActorCrashed();
        if (e.shouldCommit()) {
            e.path = cell.path().toString();
            e.actorClass = actor == null ? null : actor.getClass();
            e.exception = cause.getClass();
            try {
                e.message = cause.getMessage(); // user code: it may throw
            } catch (RuntimeException ignored) {
                e.message = null;
            }
            e.decision = decision;
            e.commit();
        }
    }

    static void restarted(ActorCell<?> cell, int incarnation) {
        ActorRestarted e = new ActorRestarted();
        if (e.shouldCommit()) {
            e.path = cell.path().toString();
            e.incarnation = incarnation;
            e.commit();
        }
    }

    /**
     * A supervisor gave up, or an actor without a supervisor escalated a failure to its parent.
     *
     * @param path the escalating actor
     * @param reason its exit reason
     */
    static void escalated(ActorPath path, ExitReason reason) {
        SupervisorEscalated e = new SupervisorEscalated();
        if (e.shouldCommit()) {
            e.path = path.toString();
            e.reason = String.valueOf(reason);
            e.commit();
        }
    }

    static void overflow(ActorCell<?> cell, String policy, String outcome, int capacity) {
        MailboxOverflow e = new MailboxOverflow();
        if (e.shouldCommit()) {
            e.path = cell.path().toString();
            e.policy = policy;
            e.outcome = outcome;
            e.capacity = capacity;
            e.commit();
        }
    }

    /** @return true if a recording wants {@link SlowMessage}: the caller then times each message */
    static boolean timesMessages() {
        return new SlowMessage().isEnabled();
    }

    /** @return a started timing for one message, to hand to {@link #messageHandled} */
    static Object messageStarted() {
        SlowMessage e = new SlowMessage();
        e.begin();
        return e;
    }

    static void messageHandled(Object timing, ActorCell<?> cell, Class<?> messageType) {
        SlowMessage e = (SlowMessage) timing;
        e.end();
        if (e.shouldCommit()) { // false below the threshold
            e.path = cell.path().toString();
            e.messageType = messageType;
            e.commit();
        }
    }

    /** An actor was created. Disabled by default: spawning is frequent. */
    @Name("io.otp4j.ActorSpawned")
    @Label("Actor Spawned")
    @Category("otp4j")
    @Description("An actor was created")
    @Enabled(false)
    @StackTrace(false)
    static final class ActorSpawned extends Event {
        @Label("Path")
        String path;
        @Label("System")
        String system;
    }

    /** An actor's handler or hook threw. */
    @Name("io.otp4j.ActorCrashed")
    @Label("Actor Crashed")
    @Category("otp4j")
    @Description("An actor's handler or hook threw; the decision says what happened next")
    @StackTrace(false)
    static final class ActorCrashed extends Event {
        @Label("Path")
        String path;
        @Label("Actor Class")
        Class<?> actorClass;
        @Label("Exception")
        Class<?> exception;
        @Label("Message")
        String message;
        @Label("Decision")
        @Description("RESUME, RESTART, STOP or ESCALATE (to the supervisor or parent)")
        String decision;
    }

    /** An actor got a fresh instance in place. */
    @Name("io.otp4j.ActorRestarted")
    @Label("Actor Restarted")
    @Category("otp4j")
    @Description("An actor got a fresh instance in place; its ref and (by default) its mailbox are kept")
    @StackTrace(false)
    static final class ActorRestarted extends Event {
        @Label("Path")
        String path;
        @Label("Incarnation")
        int incarnation;
    }

    /** A failure was passed up the tree. */
    @Name("io.otp4j.SupervisorEscalated")
    @Label("Failure Escalated")
    @Category("otp4j")
    @Description("A supervisor exceeded its restart intensity, or an actor escalated a failure to its parent")
    @StackTrace(false)
    static final class SupervisorEscalated extends Event {
        @Label("Path")
        String path;
        @Label("Reason")
        String reason;
    }

    /** A bounded mailbox was full. */
    @Name("io.otp4j.MailboxOverflow")
    @Label("Mailbox Overflow")
    @Category("otp4j")
    @Description("A bounded mailbox was full; the policy decided what happened to the message")
    @StackTrace(false)
    static final class MailboxOverflow extends Event {
        @Label("Path")
        String path;
        @Label("Policy")
        String policy;
        @Label("Outcome")
        String outcome;
        @Label("Capacity")
        int capacity;
    }

    /** Handling one message took longer than the threshold (default 20 ms). */
    @Name("io.otp4j.SlowMessage")
    @Label("Slow Message")
    @Category("otp4j")
    @Description("An actor took longer than the threshold to handle one message")
    @Threshold("20 ms")
    @StackTrace(false)
    static final class SlowMessage extends Event {
        @Label("Path")
        String path;
        @Label("Message Type")
        Class<?> messageType;
    }
}

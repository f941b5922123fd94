package io.otp4j.actor;

import java.util.Objects;

/**
 * Why an actor terminated, as seen by its watchers, links and parent (Erlang's exit reason).
 *
 * <p>{@link Normal} and {@link Shutdown} are not failures: a transient child is not restarted after them
 * and a {@link Normal} exit does not kill linked actors. {@link Failed} and {@link Killed} are abnormal.
 */
public sealed interface ExitReason {

    /** The actor stopped itself ({@code ctx.stop()}) or finished: Erlang's {@code normal}. */
    Normal NORMAL = new Normal();

    /** The actor was stopped from outside (parent, system shutdown, {@code ActorSystem.stop}). */
    Shutdown SHUTDOWN = new Shutdown("");

    /** The actor was killed without running {@code postStop}: Erlang's {@code killed}. */
    Killed KILLED = new Killed();

    /**
     * A failure with its cause.
     *
     * @param cause what the actor threw, never {@code null}
     * @return the reason
     */
    static Failed failed(Throwable cause) {
        return new Failed(cause);
    }

    /** @return true for {@link Normal} and {@link Shutdown}: exits that are not failures */
    default boolean isNormal() {
        return this instanceof Normal || this instanceof Shutdown;
    }

    /** Normal exit: the actor stopped itself. */
    record Normal() implements ExitReason {
        @Override public String toString() { return "normal"; }
    }

    /**
     * Orderly stop requested from outside: Erlang's {@code shutdown} or {@code {shutdown, Detail}}.
     *
     * @param detail why, or the empty string
     */
    record Shutdown(String detail) implements ExitReason {
        /** @param detail why, or the empty string; never {@code null} */
        public Shutdown {
            Objects.requireNonNull(detail, "detail");
        }

        @Override public String toString() { return detail.isEmpty() ? "shutdown" : "shutdown: " + detail; }
    }

    /** Brutal kill: {@code postStop} did not run. */
    record Killed() implements ExitReason {
        @Override public String toString() { return "killed"; }
    }

    /**
     * Abnormal exit: a handler threw and the actor was stopped.
     *
     * @param cause what was thrown
     */
    record Failed(Throwable cause) implements ExitReason {
        /** @param cause what was thrown, never {@code null} */
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }

        @Override public String toString() { return "failed: " + cause; }
    }
}

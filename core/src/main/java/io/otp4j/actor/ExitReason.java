package io.otp4j.actor;

import java.util.Objects;
import java.util.Optional;

/**
 * Why an actor terminated, as seen by its watchers, links and parent (Erlang's exit reason).
 *
 * <p>{@link Normal} and {@link Shutdown} (with or without a detail) are not failures: a transient child is
 * not restarted after them and a {@link Normal} exit does not kill linked actors. {@link Failed},
 * {@link Killed}, {@link NoProc} and {@link Custom} are abnormal.
 *
 * <table>
 *   <caption>Erlang's exit reasons</caption>
 *   <tr><th>Erlang</th><th>otp4j</th></tr>
 *   <tr><td>{@code normal}</td><td>{@link #NORMAL}</td></tr>
 *   <tr><td>{@code shutdown}</td><td>{@link #SHUTDOWN}</td></tr>
 *   <tr><td>{@code {shutdown, Term}}</td><td>{@code new Shutdown(term)}</td></tr>
 *   <tr><td>{@code killed}</td><td>{@link #KILLED}</td></tr>
 *   <tr><td>{@code noproc}</td><td>{@link #NO_PROC}</td></tr>
 *   <tr><td>a crash, {@code {Error, Stack}}</td><td>{@code ExitReason.failed(cause)}</td></tr>
 *   <tr><td>any other term</td><td>{@code new Custom(value)}</td></tr>
 * </table>
 */
public sealed interface ExitReason {

    /** The actor stopped itself ({@code ctx.stop()}) or finished: Erlang's {@code normal}. */
    Normal NORMAL = new Normal();

    /** The actor was stopped from outside (parent, system shutdown, {@code ActorSystem.stop}). */
    Shutdown SHUTDOWN = new Shutdown(Optional.empty());

    /** The actor was killed without running {@code postStop}: Erlang's {@code killed}. */
    Killed KILLED = new Killed();

    /** The actor did not exist any more when a watch reached it: Erlang's {@code noproc}. */
    NoProc NO_PROC = new NoProc();

    /**
     * A failure with its cause.
     *
     * @param cause what the actor threw, never {@code null}
     * @return the reason
     */
    static Failed failed(Throwable cause) {
        return new Failed(cause);
    }

    /** @return true for {@link Normal} and {@link Shutdown} (any detail): exits that are not failures */
    default boolean isNormal() {
        return this instanceof Normal || this instanceof Shutdown;
    }

    /** Normal exit: the actor stopped itself. */
    record Normal() implements ExitReason {
        @Override public String toString() { return "normal"; }
    }

    /**
     * Orderly stop: Erlang's {@code shutdown}, or {@code {shutdown, Term}} with a detail. Either way it is
     * not a failure: a transient child is not restarted after it, as in OTP. Linked actors that do not trap
     * exits stop with it, as in Erlang.
     *
     * @param detail why, as any value (Erlang's {@code Term}), or empty for plain {@code shutdown}
     */
    record Shutdown(Optional<?> detail) implements ExitReason {
        /** @param detail why, or empty; never {@code null} */
        public Shutdown {
            Objects.requireNonNull(detail, "detail (Optional.empty() for plain shutdown)");
        }

        /**
         * Erlang's {@code {shutdown, Term}}.
         *
         * @param detail why, as any value; never {@code null}
         */
        public Shutdown(Object detail) {
            this(Optional.of(Objects.requireNonNull(detail, "detail (use ExitReason.SHUTDOWN for none)")));
        }

        @Override public String toString() { return detail.map(d -> "shutdown: " + d).orElse("shutdown"); }
    }

    /** Brutal kill: {@code postStop} did not run. */
    record Killed() implements ExitReason {
        @Override public String toString() { return "killed"; }
    }

    /**
     * The actor had already terminated when it was watched (Erlang's {@code 'DOWN'} with {@code noproc}) or
     * linked to (Erlang's {@code 'EXIT'} with {@code noproc}): its real exit reason is no longer told.
     */
    record NoProc() implements ExitReason {
        @Override public String toString() { return "noproc"; }
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

    /**
     * An application's own reason, abnormal like a failure: Erlang's exit with any other term, such as
     * {@code exit({out_of_stock, Sku})}. Use a record of your own as the value, so that whoever reads the
     * reason can match it.
     *
     * <pre>{@code ctx.exit(new ExitReason.Custom(new OutOfStock(sku)));}</pre>
     *
     * @param value the reason; not {@code null}, not an {@code ExitReason} (use it directly) and not a
     *     {@code Throwable} (use {@link ExitReason#failed})
     */
    record Custom(Object value) implements ExitReason {
        /**
         * @param value the reason
         * @throws NullPointerException if {@code value} is null
         * @throws IllegalArgumentException if {@code value} is an {@code ExitReason} or a {@code Throwable}
         */
        public Custom {
            Objects.requireNonNull(value, "value");
            if (value instanceof ExitReason reason) {
                throw new IllegalArgumentException("a Custom reason must not wrap another exit reason: use "
                        + reason + " itself");
            }
            if (value instanceof Throwable cause) {
                throw new IllegalArgumentException("a Custom reason must not be a Throwable: use "
                        + "ExitReason.failed(" + cause + ")");
            }
        }

        @Override public String toString() { return "custom: " + value; }
    }
}

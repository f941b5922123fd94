package io.otp4j.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a supervisor stops one of its children (Erlang's shutdown spec).
 */
public sealed interface ChildShutdown {

    /** @return kill at once: {@code postStop} does not run */
    static ChildShutdown brutalKill() {
        return BrutalKill.INSTANCE;
    }

    /**
     * @param timeout how long the child may take ({@code postStop} and its own children); zero or positive.
     *     Zero is OTP's {@code {shutdown, 0}}: the supervisor asks the child to stop and, without waiting, kills
     *     it unless it has already terminated.
     * @return stop gracefully, then kill when the timeout passes. The default for workers is 5 s.
     */
    static ChildShutdown timeout(Duration timeout) {
        return new Timeout(timeout);
    }

    /** @return stop gracefully and wait as long as it takes: the default for child supervisors */
    static ChildShutdown infinity() {
        return Infinity.INSTANCE;
    }

    /** Kill at once. */
    enum BrutalKill implements ChildShutdown {
        /** The only instance. */
        INSTANCE;

        @Override public String toString() { return "brutal_kill"; }
    }

    /** Wait as long as it takes. */
    enum Infinity implements ChildShutdown {
        /** The only instance. */
        INSTANCE;

        @Override public String toString() { return "infinity"; }
    }

    /**
     * Stop, then kill after {@code duration}. A Java thread cannot be killed: a child still busy when the
     * time is up is abandoned (reported with {@code ExitReason.Killed}, its name released) and finishes
     * as killed whenever its code returns.
     *
     * @param duration how long to wait
     */
    record Timeout(Duration duration) implements ChildShutdown {
        /** @param duration how long to wait; zero or positive */
        public Timeout {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative: " + duration);
            }
        }
    }
}

package io.otp4j.supervisor;

/** What a supervisor knows of one child spec's actor (the pid column of Erlang's {@code which_children}). */
public enum ChildStatus {
    /** Running. */
    RUNNING,
    /**
     * Its restart is under way: it exited and waits for its backoff delay, or its restart failed and is retried
     * (OTP's {@code restarting}).
     */
    RESTARTING,
    /**
     * Not running (OTP's {@code undefined}): terminated by {@code terminateChild}, a transient child that exited
     * normally, a child that ignored its start ({@link Supervisor#ignoreStart}), or a sibling that a strategy
     * terminated and that waits for its turn in the group's restart (while, say, the restart of the child before
     * it is retried).
     */
    UNDEFINED
}

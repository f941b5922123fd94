package io.otp4j.supervisor;

/** What a supervisor knows of one child spec's actor (the pid column of Erlang's {@code which_children}). */
public enum ChildStatus {
    /** Running. */
    RUNNING,
    /** Waiting to be restarted (backoff) or being restarted. */
    RESTARTING,
    /**
     * Not running: terminated by {@code terminateChild}, a transient child that exited normally, or a child
     * that ignored its start ({@link Supervisor#ignoreStart}).
     */
    UNDEFINED
}

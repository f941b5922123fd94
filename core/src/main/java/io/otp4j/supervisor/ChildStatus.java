package io.otp4j.supervisor;

/** What a supervisor knows of one child spec's actor (the pid column of Erlang's {@code which_children}). */
public enum ChildStatus {
    /** Running. */
    RUNNING,
    /** Waiting to be restarted (backoff) or being restarted. */
    RESTARTING,
    /** Not running: terminated by {@code terminateChild}, or a transient child that exited normally. */
    UNDEFINED
}

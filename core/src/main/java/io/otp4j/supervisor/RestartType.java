package io.otp4j.supervisor;

/** When a child that exited is restarted (Erlang's restart type). */
public enum RestartType {
    /** Always restarted, whatever the exit reason. */
    PERMANENT,
    /**
     * Restarted only after an abnormal exit: not after {@code ExitReason.Normal} or
     * {@code ExitReason.Shutdown}.
     */
    TRANSIENT,
    /** Never restarted; its exit does not count towards the restart intensity, and its spec is removed. */
    TEMPORARY
}

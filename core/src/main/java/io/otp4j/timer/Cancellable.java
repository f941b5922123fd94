package io.otp4j.timer;

/** A scheduled task that can be cancelled. */
public interface Cancellable {
    /**
     * Cancels the task; it will not run again, and the scheduler no longer holds it (the system
     * scheduler drops it at once, not when it would have been due). Idempotent.
     *
     * @return true if this call cancelled it, false if it had already run (one-shot) or was cancelled
     */
    boolean cancel();
}

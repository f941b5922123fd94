package io.otp4j.timer;

/** A scheduled task that can be cancelled. */
public interface Cancellable {
    /**
     * Cancels the task; it will not run again. Idempotent.
     *
     * @return true if this call cancelled it, false if it had already run (one-shot) or was cancelled
     */
    boolean cancel();
}

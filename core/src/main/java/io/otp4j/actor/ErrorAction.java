package io.otp4j.actor;

/**
 * What an actor does after one of its handlers threw (the seed's {@code ErrorAction}); returned by
 * {@link Actor#onFailure}.
 */
public enum ErrorAction {
    /** Drop the failed message and go on with the same instance and state. */
    RESUME,
    /**
     * Replace the instance: timers are cancelled, children are stopped (all at once), then the old
     * instance's {@code postStop} runs, a fresh instance is built by the factory and its
     * {@code preStart} runs. Undelivered messages stay in the mailbox.
     */
    RESTART,
    /** Stop the actor with {@link ExitReason.Failed}; undelivered messages go to dead letters. */
    STOP,
    /**
     * Let it crash: suspend the actor and let its parent decide. A supervisor applies its strategy; a
     * parent that is not a supervisor (and the system's guardian) stops the child with
     * {@link ExitReason.Failed}.
     */
    ESCALATE
}

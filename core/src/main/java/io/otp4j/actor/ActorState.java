package io.otp4j.actor;

/** Where an actor is in its lifecycle, as a snapshot sees it. */
public enum ActorState {
    /** Spawned; its first instance is not built yet. */
    STARTING,
    /** Handling messages. */
    RUNNING,
    /** Failed or halted, waiting for its supervisor's decision. */
    SUSPENDED,
    /** Replacing its instance in place. */
    RESTARTING,
    /** Stopping its children, then itself. */
    STOPPING,
    /** Gone. */
    TERMINATED
}

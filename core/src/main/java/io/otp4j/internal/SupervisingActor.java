package io.otp4j.internal;

import io.otp4j.introspect.ActorSnapshot;

/**
 * An actor that supervises its children itself (the supervisor). Internal.
 *
 * <p>Threads: called on the actor's own thread.
 */
public interface SupervisingActor {

    /**
     * Stops every child in the supervisor's own order and manner (reverse start order, each child's
     * shutdown spec); called before {@code postStop} whenever the instance goes away gracefully.
     */
    void terminateChildren();

    /**
     * Called from any thread (a snapshot being taken), so it may read only immutable state.
     *
     * @return the strategy and intensity this supervisor was built with
     */
    ActorSnapshot.Supervision supervision();

    /**
     * Marks a factory of supervisors: spawned without a dispatcher, its actor runs on the system's
     * supervision dispatcher instead of the default one.
     */
    interface Factory {}
}

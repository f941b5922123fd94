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
     * Marks a factory of supervisors built from a spec: its actor runs on the system's supervision dispatcher
     * with an unbounded mailbox, and a spawn with other props is refused.
     */
    interface Factory {}
}

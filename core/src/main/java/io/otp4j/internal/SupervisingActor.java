package io.otp4j.internal;

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
     * Marks a factory of supervisors built from a spec: its actor runs on the system's supervision dispatcher
     * with an unbounded mailbox, and a spawn with other props is refused.
     */
    interface Factory {}
}

package io.otp4j.dispatch;

/**
 * How a {@link Dispatcher} runs an actor it was handed by {@link Dispatcher#schedule}: implemented by the
 * runtime and handed over with every scheduling, together with the actor's handle.
 *
 * <p>The handle is opaque: a dispatcher only keeps it, compares it by identity and gives it back to
 * {@link #run} or {@link #reject}. It has no method that runs the actor: holding a handle (or the ref a user
 * holds) without the runner runs nothing.
 *
 * <p>Threads: any thread, never two runs of one actor at once (the runtime guarantees it: a scheduling is run
 * once, and an actor is scheduled again only after its run has ended).
 *
 * @param <A> the runtime's handle of an actor
 */
public interface ActorRunner<A> {

    /**
     * Runs one batch of the actor's work on the calling thread: its pending signals, then up to the system's
     * throughput of messages. Never throws.
     *
     * @param actor the handle given to {@link Dispatcher#schedule}
     * @return true if it ran; false if this scheduling was already served another way (a dispatcher may keep a
     *     handle in more than one place, as the default pool does, and whichever runs it second finds it
     *     stale)
     */
    boolean run(A actor);

    /**
     * The dispatcher will never run this scheduling (it was closed with the actor waiting): the runtime ends
     * the actor where it stands, as if {@link Dispatcher#execute} had refused it. Never throws.
     *
     * @param actor the handle given to {@link Dispatcher#schedule}
     * @param cause why the run was dropped
     */
    void reject(A actor, RuntimeException cause);
}

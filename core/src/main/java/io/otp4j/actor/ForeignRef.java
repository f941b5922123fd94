package io.otp4j.actor;

/**
 * A ref to an actor that this runtime does not host: one a transport (such as {@code otp4j-nats}) hands
 * out for an actor of another node. Sending to it is the transport's business; watching and linking to it
 * go through a <em>stand-in</em>, so that {@link ActorContext#watch}, {@link ActorContext#watchWith},
 * {@link ActorContext#link} and their inverses work on it as on a local ref.
 *
 * <p>The stand-in is an ordinary local actor of the watcher's system that the transport keeps alive while
 * the foreign actor lives, and stops with the foreign actor's exit reason once it terminates or can no
 * longer be reached (the transport then chooses a reason that says so). The runtime watches or links to the
 * stand-in in place of this ref and presents it as this ref: a watcher gets
 * {@code Signal.Terminated(thisRef, reason)} and a trapping linked actor {@code Signal.Exit(thisRef, reason)}.
 * A local actor linked to it that exits reaches the stand-in as an exit signal, which the transport passes
 * on to the foreign actor. The runtime also tells the foreign ref of each link a local actor makes or undoes
 * ({@link #linked}, {@link #unlinked}): a link goes both ways, and the foreign actor's side can then end the
 * link when the linked local actor's node can no longer be reached.
 *
 * <p>Implemented by transports only. {@link ActorContext#exit(ActorRef, ExitReason)} and
 * {@link ActorSystem#stop}/{@link ActorSystem#kill} refuse a foreign ref ({@link IllegalArgumentException}):
 * they act on local actors.
 *
 * @param <M> the type of message the foreign actor accepts
 */
public interface ForeignRef<M> extends ActorRef<M> {

    /**
     * The local actor standing for this one; the same for every call while it lives. Called by the runtime
     * on the thread of the actor that watches or links.
     *
     * @return a live (or, if the foreign actor is already gone, terminated) actor of the caller's system
     */
    ActorRef<?> standIn();

    /**
     * The runtime tells this ref that {@code local} has linked to it ({@link ActorContext#link}), once the
     * link is in place on this side: the transport lets the foreign actor's side know, so that it can take the
     * foreign actor down (or, if it traps exits, tell it) should {@code local}'s node become unreachable.
     * Called on {@code local}'s thread, once per link (not again for a link already in place). Default: nothing.
     *
     * @param local the local actor that linked
     */
    default void linked(ActorRef<?> local) {}

    /**
     * The runtime tells this ref that {@code local} has undone its link ({@link ActorContext#unlink}). Called on
     * {@code local}'s thread, once per link undone. Default: nothing.
     *
     * @param local the local actor that unlinked
     */
    default void unlinked(ActorRef<?> local) {}
}

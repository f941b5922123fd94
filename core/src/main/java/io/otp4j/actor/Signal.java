package io.otp4j.actor;

/**
 * A notification from the runtime to an actor, handled by {@link Actor#onSignal}. Signals travel on the
 * system channel of the mailbox: they never wait behind user messages and are never dropped.
 */
public sealed interface Signal {

    /**
     * A watched actor terminated (Erlang's {@code 'DOWN'} message). Delivered once per watch, also when
     * the actor was already dead when watched, then with {@link ExitReason#NO_PROC}.
     *
     * @param ref the actor that terminated
     * @param reason why it terminated, or {@code noproc}
     */
    record Terminated(ActorRef<?> ref, ExitReason reason) implements Signal {}

    /**
     * A linked actor exited, or an actor sent this one an exit signal
     * ({@link ActorContext#exit(ActorRef, ExitReason)}); delivered only while this actor traps exits
     * ({@link ActorContext#trapExits(boolean)}). Erlang's {@code {'EXIT', From, Reason}} message.
     *
     * @param from the linked actor that exited, or the actor that sent the exit signal
     * @param reason its exit reason, or the signal's reason ({@code noproc} for a link to an actor already
     *     dead)
     */
    record Exit(ActorRef<?> from, ExitReason reason) implements Signal {}
}

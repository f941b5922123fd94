package io.otp4j.actor;

/** A request was sent to an actor that had already terminated. */
public final class DeadActorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param target the terminated actor */
    public DeadActorException(ActorRef<?> target) {
        super(target + " is terminated");
    }
}

package io.otp4j.actor;

/**
 * A name was refused at the call: it breaks the grammar of {@link ActorPath#isValidName} (for an actor name or
 * a supervisor child id), or a live sibling already has it. Nothing was started with it.
 */
public final class InvalidActorNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the name */
    public InvalidActorNameException(String message) {
        super(message);
    }
}

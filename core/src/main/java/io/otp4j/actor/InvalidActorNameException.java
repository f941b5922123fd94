package io.otp4j.actor;

/** A spawn used a name that is malformed or already taken by a live sibling. */
public final class InvalidActorNameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the name */
    public InvalidActorNameException(String message) {
        super(message);
    }
}

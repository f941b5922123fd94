package io.otp4j.supervisor;

/** A supervisor or child spec is misconfigured; the message names the bad field. Thrown before anything starts. */
public final class InvalidSupervisorSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the field */
    public InvalidSupervisorSpecException(String message) {
        super(message);
    }
}

package io.otp4j.supervisor;

/**
 * A supervisor refused a control request; {@link #error()} says why, with OTP's error names.
 */
public final class SupervisorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused (OTP's {@code {error, Reason}}). */
    public enum Error {
        /** No child with that id (or ref). */
        NOT_FOUND,
        /** The child is running: restart or delete it only after terminating it. */
        RUNNING,
        /** The child is waiting to be restarted. */
        RESTARTING,
        /** A spec with that id exists but its child is not running ({@code already_present}). */
        ALREADY_PRESENT,
        /** A child with that id is running ({@code already_started}). */
        ALREADY_STARTED,
        /** The request does not apply to a SIMPLE_ONE_FOR_ONE supervisor (or needs one). */
        SIMPLE_ONE_FOR_ONE,
        /** The child failed to start; the cause is attached. */
        START_FAILED,
        /** The spec is invalid. */
        INVALID_SPEC,
        /** The supervisor is not running. */
        NO_SUPERVISOR
    }

    private final Error error;

    /**
     * @param error the reason
     * @param message details
     * @param cause the underlying failure, or null
     */
    public SupervisorException(Error error, String message, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = error;
    }

    /** @return why the request was refused */
    public Error error() {
        return error;
    }
}

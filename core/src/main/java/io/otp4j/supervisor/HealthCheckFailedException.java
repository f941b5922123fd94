package io.otp4j.supervisor;

/** The cause given to a child's crash when its health checks failed too many times in a row. */
public final class HealthCheckFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which check failed and how */
    public HealthCheckFailedException(String message) {
        super(message);
    }
}

package io.otp4j.actor;

/** An operation that needs a running system (such as spawning) was called after shutdown began. */
public final class SystemTerminatedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what was refused */
    public SystemTerminatedException(String message) {
        super(message);
    }
}

package io.otp4j.nats;

/**
 * The cause carried by {@code ExitReason.Failed} when a remote actor failed: the original exception stays
 * on its node (exceptions are not serialized); this one names its class and message.
 */
public final class RemoteFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param description the remote exception's {@code toString()}: its class name and message
     */
    public RemoteFailure(String description) {
        super(description, null, false, false);
    }
}

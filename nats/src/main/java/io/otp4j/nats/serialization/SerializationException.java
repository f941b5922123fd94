package io.otp4j.nats.serialization;

/**
 * A message could not be encoded (thrown at the send, so that nothing is lost in silence), or received
 * bytes could not be decoded (the message is then refused and logged by the receiving node).
 */
public final class SerializationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done, and why
     */
    public SerializationException(String message) {
        super(message);
    }

    /**
     * @param message what could not be done
     * @param cause why
     */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.otp4j.nats;

/**
 * The other node could not carry a request or its reply: it could not decode the request (a type it does not
 * allow, malformed bytes), or the answering actor's reply could not be encoded (too large, not allowed). The
 * ask fails at once with this exception instead of waiting for its timeout; the message says what the other
 * node reported.
 */
public final class RemoteCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message who failed, and what it reported
     */
    public RemoteCodecException(String message) {
        super(message);
    }
}

package io.otp4j.nats.serialization;

import java.util.Objects;

/**
 * A message could not be encoded, or a payload could not be decoded. Carries why ({@link #reason()}) and
 * the type concerned ({@link #typeName()}): the class name when known, else the type id read.
 */
public final class MessageCodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why encoding or decoding failed. */
    public enum Reason {
        /** Encoding: the message's type, or a value's type inside it, is not in the allow-list. */
        NOT_ALLOWED,
        /** Decoding: the payload names a type id that this node does not allow. */
        UNKNOWN_TYPE_ID,
        /** Encoding: the payload would be larger than the codec's limit (the server's {@code max_payload}). */
        TOO_LARGE,
        /**
         * Encoding: a value cannot be represented: a {@code null} inside a collection, a ref the transport
         * cannot address, a value of a shape the codec does not support.
         */
        UNSUPPORTED_VALUE,
        /** Decoding: the bytes are truncated or do not match the shape of the type they name. */
        MALFORMED,
        /** Decoding: the message's constructor refused the decoded values. */
        REJECTED_BY_CONSTRUCTOR
    }

    private final Reason reason;
    private final String typeName;

    MessageCodecException(Reason reason, String typeName, String detail) {
        this(reason, typeName, detail, null);
    }

    MessageCodecException(Reason reason, String typeName, String detail, Throwable cause) {
        super(reason + " (" + typeName + "): " + detail, cause);
        this.reason = Objects.requireNonNull(reason);
        this.typeName = Objects.requireNonNull(typeName);
    }

    /** @return why it failed */
    public Reason reason() {
        return reason;
    }

    /** @return the message type concerned: a class name, or {@code "type id N"} when only the id is known */
    public String typeName() {
        return typeName;
    }
}

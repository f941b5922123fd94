package io.otp4j.nats;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The NATS servers refused the node's credentials (user and password, token, NKey, or credentials file given
 * through {@link NatsNodeSettings#withConnectionOptions}), or it gave none where they are required: the node
 * did not join.
 */
public final class NatsAuthenticationException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    NatsAuthenticationException(String message, IOException cause) {
        super(message, cause);
    }
}

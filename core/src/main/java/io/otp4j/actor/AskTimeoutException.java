package io.otp4j.actor;

import java.time.Duration;

/** An {@link ActorRef#ask} got no reply in time. A late reply goes to dead letters. */
public final class AskTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param target the asked actor
     * @param timeout the time waited
     */
    public AskTimeoutException(ActorRef<?> target, Duration timeout) {
        super("no reply from " + target + " within " + timeout);
    }
}

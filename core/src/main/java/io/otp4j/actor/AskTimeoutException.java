package io.otp4j.actor;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Duration;

/**
 * An {@link ActorRef#ask} got no reply in time. A late reply goes to dead letters.
 *
 * <p>Timeouts are routine, so this exception is cheap: it records no stack trace (the scheduler's would
 * say nothing about the ask anyway), and its message, which names the asked actor and the timeout, is
 * built only when read.
 */
public final class AskTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ActorRef<?> target;
    private final Duration timeout;
    private String message; // built on first read

    /**
     * @param target the asked actor
     * @param timeout the time waited
     */
    public AskTimeoutException(ActorRef<?> target, Duration timeout) {
        super(null, null, true, false);
        this.target = target;
        this.timeout = timeout;
    }

    /** @return "no reply from <i>actor</i> within <i>timeout</i>" */
    @Override
    public String getMessage() {
        String m = message;
        if (m == null) {
            m = "no reply from " + target + " within " + describe(timeout);
            message = m;
        }
        return m;
    }

    /** @return whole milliseconds as "1500 ms", anything else in ISO-8601 ("PT0.0000015S") */
    private static String describe(Duration d) {
        if (d.getNano() % 1_000_000 == 0 && d.getSeconds() < Long.MAX_VALUE / 1_000) {
            return d.toMillis() + " ms";
        }
        return d.toString();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        getMessage(); // the target is not serialised; its name is, in the message
        out.defaultWriteObject();
    }
}

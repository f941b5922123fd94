package io.otp4j.observer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link Observer} serves: where it listens, how often it samples, and whether actions are allowed.
 * Immutable; refine {@link #defaults()} with the {@code with} methods.
 *
 * <pre>{@code
 * ObserverSettings settings = ObserverSettings.defaults()
 *         .withPort(8686)
 *         .withActions(System.getenv("OTP4J_OBSERVER_TOKEN"));
 * }</pre>
 *
 * @param host the address to bind; {@code 127.0.0.1} by default, so only this machine can connect
 * @param port the TCP port; 0 (the default) picks a free one, which {@link Observer#uri()} then names
 * @param sampleInterval how often the charts get a point and open pages refresh; 1 s by default
 * @param history how far back the charts reach; 5 minutes by default
 * @param actionToken the bearer token that actions (stop, kill, restart) require; empty (the default)
 *     turns actions off altogether
 */
public record ObserverSettings(String host, int port, Duration sampleInterval, Duration history,
                               Optional<String> actionToken) {

    /** A token shorter than this is refused: it could be guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the host is blank, the port is outside 0..65535, the interval is
     *     under 100 ms, the history is shorter than the interval or longer than a day, or the token is
     *     shorter than {@link #MIN_TOKEN_LENGTH} or contains whitespace
     */
    public ObserverSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(actionToken, "actionToken");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (sampleInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("sampleInterval must be at least 100 ms: " + sampleInterval);
        }
        if (history.compareTo(sampleInterval) < 0 || history.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("history must be between the sample interval and a day: " + history);
        }
        actionToken.ifPresent(t -> {
            if (t.length() < MIN_TOKEN_LENGTH || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("the action token must be at least " + MIN_TOKEN_LENGTH
                        + " printable ASCII characters without spaces");
            }
        });
    }

    /** @return loopback only, a free port, a sample a second, 5 minutes of history, actions off */
    public static ObserverSettings defaults() {
        return new ObserverSettings("127.0.0.1", 0, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Optional.empty());
    }

    /**
     * @param value the address to bind; anything but loopback exposes the page to the network (see the
     *     security notes in docs/how-to/observer.md)
     * @return a copy with that host
     */
    public ObserverSettings withHost(String value) {
        return new ObserverSettings(value, port, sampleInterval, history, actionToken);
    }

    /**
     * @param value the TCP port, or 0 for a free one
     * @return a copy with that port
     */
    public ObserverSettings withPort(int value) {
        return new ObserverSettings(host, value, sampleInterval, history, actionToken);
    }

    /**
     * @param value how often to sample; at least 100 ms
     * @return a copy with that interval
     */
    public ObserverSettings withSampleInterval(Duration value) {
        return new ObserverSettings(host, port, value, history, actionToken);
    }

    /**
     * @param value how far back the charts reach
     * @return a copy with that history
     */
    public ObserverSettings withHistory(Duration value) {
        return new ObserverSettings(host, port, sampleInterval, value, actionToken);
    }

    /**
     * Turns actions on: stop, kill and restart, each requiring {@code Authorization: Bearer <token>}.
     *
     * @param token the secret; at least {@link #MIN_TOKEN_LENGTH} printable ASCII characters, no spaces
     * @return a copy with actions on
     */
    public ObserverSettings withActions(String token) {
        Objects.requireNonNull(token, "token");
        return new ObserverSettings(host, port, sampleInterval, history, Optional.of(token));
    }

    /** @return a copy with actions off */
    public ObserverSettings withoutActions() {
        return new ObserverSettings(host, port, sampleInterval, history, Optional.empty());
    }

    /** Hides the token, which must not reach a log. */
    @Override
    public String toString() {
        return "ObserverSettings[host=" + host + ", port=" + port + ", sampleInterval=" + sampleInterval
                + ", history=" + history + ", actions=" + (actionToken.isPresent() ? "on" : "off") + "]";
    }
}

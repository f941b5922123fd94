package io.otp4j.observer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link Observer} serves: where it listens, how often it samples, and whether actions are allowed.
 * Immutable; refine {@link #defaults()} with the {@code with} methods, each of which checks its argument.
 *
 * <pre>{@code
 * ObserverSettings settings = ObserverSettings.defaults()
 *         .withPort(8686)
 *         .withActions(System.getenv("OTP4J_OBSERVER_TOKEN"));
 * }</pre>
 */
public final class ObserverSettings {

    /** A token shorter than this is refused: it could be guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final ObserverSettings DEFAULTS = new ObserverSettings("127.0.0.1", 0, Duration.ofSeconds(1),
            Duration.ofMinutes(5), null);

    private final String host;
    private final int port;
    private final Duration sampleInterval;
    private final Duration history;
    private final String actionToken; // null: actions off

    private ObserverSettings(String host, int port, Duration sampleInterval, Duration history, String actionToken) {
        this.host = host;
        this.port = port;
        this.sampleInterval = sampleInterval;
        this.history = history;
        this.actionToken = actionToken;
    }

    /** @return loopback only, a free port, a sample a second, 5 minutes of history, actions off */
    public static ObserverSettings defaults() {
        return DEFAULTS;
    }

    /** @return the address to bind; {@code 127.0.0.1} by default, so only this machine can connect */
    public String host() {
        return host;
    }

    /** @return the TCP port; 0 (the default) picks a free one, which {@link Observer#uri()} then names */
    public int port() {
        return port;
    }

    /** @return how often the charts get a point and open pages refresh; 1 s by default */
    public Duration sampleInterval() {
        return sampleInterval;
    }

    /** @return how far back the charts reach; 5 minutes by default */
    public Duration history() {
        return history;
    }

    /** @return the bearer token that actions require; empty (the default) when actions are off */
    public Optional<String> actionToken() {
        return Optional.ofNullable(actionToken);
    }

    /**
     * @param value the address to bind; anything but loopback exposes the page to the network (see the
     *     security notes in docs/how-to/observer.md)
     * @return a copy with that host
     * @throws NullPointerException if the value is null
     * @throws IllegalArgumentException if it is blank
     */
    public ObserverSettings withHost(String value) {
        Objects.requireNonNull(value, "host must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        return new ObserverSettings(value, port, sampleInterval, history, actionToken);
    }

    /**
     * @param value the TCP port, or 0 for a free one
     * @return a copy with that port
     * @throws IllegalArgumentException if it is outside 0..65535
     */
    public ObserverSettings withPort(int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + value);
        }
        return new ObserverSettings(host, value, sampleInterval, history, actionToken);
    }

    /**
     * @param value how often to sample
     * @return a copy with that interval
     * @throws NullPointerException if the value is null
     * @throws IllegalArgumentException if it is under 100 ms or longer than the history
     */
    public ObserverSettings withSampleInterval(Duration value) {
        Objects.requireNonNull(value, "sampleInterval must not be null");
        if (value.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("sampleInterval must be at least 100 ms: " + value);
        }
        if (value.compareTo(history) > 0) {
            throw new IllegalArgumentException("sampleInterval must not be longer than the history " + history
                    + ": " + value);
        }
        return new ObserverSettings(host, port, value, history, actionToken);
    }

    /**
     * @param value how far back the charts reach
     * @return a copy with that history
     * @throws NullPointerException if the value is null
     * @throws IllegalArgumentException if it is shorter than the sample interval or longer than a day
     */
    public ObserverSettings withHistory(Duration value) {
        Objects.requireNonNull(value, "history must not be null");
        if (value.compareTo(sampleInterval) < 0 || value.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("history must be between the sample interval and a day: " + value);
        }
        return new ObserverSettings(host, port, sampleInterval, value, actionToken);
    }

    /**
     * Turns actions on: stop, kill and restart, each requiring {@code Authorization: Bearer <token>}.
     *
     * @param token the secret; at least {@link #MIN_TOKEN_LENGTH} printable ASCII characters, no spaces
     * @return a copy with actions on
     * @throws NullPointerException if the token is null
     * @throws IllegalArgumentException if it is too short or has a space or a non-printable character
     */
    public ObserverSettings withActions(String token) {
        Objects.requireNonNull(token, "token must not be null");
        if (token.length() < MIN_TOKEN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the action token must be at least " + MIN_TOKEN_LENGTH
                    + " printable ASCII characters without spaces");
        }
        return new ObserverSettings(host, port, sampleInterval, history, token);
    }

    /** @return a copy with actions off */
    public ObserverSettings withoutActions() {
        return new ObserverSettings(host, port, sampleInterval, history, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObserverSettings other && host.equals(other.host) && port == other.port
                && sampleInterval.equals(other.sampleInterval) && history.equals(other.history)
                && Objects.equals(actionToken, other.actionToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, sampleInterval, history, actionToken);
    }

    /** Hides the token, which must not reach a log. */
    @Override
    public String toString() {
        return "ObserverSettings[host=" + host + ", port=" + port + ", sampleInterval=" + sampleInterval
                + ", history=" + history + ", actions=" + (actionToken != null ? "on" : "off") + "]";
    }
}

package io.otp4j.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between restarts of a child (a seed feature; OTP restarts at once). The n-th
 * consecutive restart waits {@code min * multiplier^(n-1)}, capped at {@code max}, then spread by up to
 * {@code jitter} (a fraction) either way. After {@code resetAfter} without a restart, the next one
 * waits {@code min} again. Restarts under backoff still count towards the supervisor's intensity.
 * Messages sent to a child while it waits are kept in its mailbox and handled after the restart.
 *
 * @param min the first delay; not negative
 * @param max the largest delay; at least {@code min}
 * @param multiplier growth per consecutive restart; at least 1
 * @param jitter random spread as a fraction of the delay, 0 to 1
 * @param resetAfter quiet time after which the delay starts over at {@code min}; positive
 */
public record Backoff(Duration min, Duration max, double multiplier, double jitter, Duration resetAfter) {

    /** Validates the fields. */
    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= min <= max: " + min + ", " + max);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("backoff multiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("backoff jitter must be within [0, 1]: " + jitter);
        }
        if (resetAfter.isNegative() || resetAfter.isZero()) {
            throw new IllegalArgumentException("backoff resetAfter must be positive: " + resetAfter);
        }
    }

    /**
     * @param min the first delay
     * @param max the largest delay
     * @return doubling delays, no jitter, reset after {@code max * 4} without a restart
     */
    public static Backoff exponential(Duration min, Duration max) {
        return new Backoff(min, max, 2.0, 0.0, max.multipliedBy(4).plusMillis(1));
    }

    /**
     * @param value fraction of random spread, 0 to 1
     * @return a copy with that jitter
     */
    public Backoff withJitter(double value) {
        return new Backoff(min, max, multiplier, value, resetAfter);
    }

    /**
     * @param value growth per consecutive restart
     * @return a copy with that multiplier
     */
    public Backoff withMultiplier(double value) {
        return new Backoff(min, max, value, jitter, resetAfter);
    }

    /**
     * @param value quiet time after which delays start over
     * @return a copy with that reset time
     */
    public Backoff withResetAfter(Duration value) {
        return new Backoff(min, max, multiplier, jitter, value);
    }

    /**
     * The delay before a restart: a pure function, for tests and for the supervisor.
     *
     * @param consecutive how many restarts in a row this is, from 1
     * @param random a number in [0, 1) for the jitter
     * @return the delay
     */
    public Duration delay(int consecutive, double random) {
        double nanos = min.toNanos() * Math.pow(multiplier, Math.max(0, consecutive - 1));
        nanos = Math.min(nanos, max.toNanos());
        nanos = nanos * (1.0 + jitter * (2.0 * random - 1.0));
        return Duration.ofNanos(Math.max(0L, Math.round(Math.min(nanos, (double) Long.MAX_VALUE))));
    }
}

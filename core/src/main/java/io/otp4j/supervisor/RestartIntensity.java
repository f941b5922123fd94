package io.otp4j.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The restart window of OTP's {@code add_restart/1}: the times of recent restarts, kept for one period.
 * Pure apart from its own state; time comes in as an argument.
 */
final class RestartIntensity {

    private final int maxRestarts;
    private final long periodNanos;
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();

    RestartIntensity(int maxRestarts, Duration period) {
        this.maxRestarts = maxRestarts;
        this.periodNanos = period.toNanos();
    }

    /**
     * Records a restart at {@code now}.
     *
     * @param now the current time in nanoseconds
     * @return true if the restart may go ahead; false if it makes more than {@code maxRestarts}
     *     restarts within the period, so that the supervisor must give up
     */
    boolean addRestart(long now) {
        restarts.addLast(now);
        while (!restarts.isEmpty() && now - restarts.peekFirst() > periodNanos) {
            restarts.removeFirst();
        }
        return restarts.size() <= maxRestarts;
    }
}

package io.otp4j.monitor;

/** How much an event matters, from routine tracing to failures; ordered, so filters can compare. */
public enum Severity {
    /** Per-message tracing: received, processed, enqueued, dequeued, published, routed. */
    TRACE,
    /** Routine lifecycle detail: spawns, subscriptions, registrations. */
    DEBUG,
    /** Normal but notable: starts, normal stops, restarts, strategy decisions. */
    INFO,
    /** Something went wrong and was handled: backpressure, drops, expiry, dead letters, abnormal stops. */
    WARN,
    /** A failure: an actor crashed, a supervisor escalated. */
    ERROR,
    /**
     * The system's integrity or capacity is at stake and someone should look now: a supervisor gave up
     * (its whole subtree is gone), a spawn was refused at the system's live-actor limit.
     */
    CRITICAL;

    /**
     * @param threshold the lowest severity wanted
     * @return true if this severity is at least {@code threshold}
     */
    public boolean isAtLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }
}

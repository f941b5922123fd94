package io.otp4j.micrometer;

import java.time.Duration;

/**
 * How a {@link MicrometerMonitor} measures; validated by {@link MicrometerMonitor.Builder}.
 *
 * @param messageMetrics whether to ask the runtime for per-message events (processed counter, handling timer)
 * @param taggedActors how many live actors at most get meters of their own, with a path tag; 0 for none
 * @param depthMaxAge how old a mailbox-depth reading may be before a gauge read takes a new snapshot
 */
record MonitorOptions(boolean messageMetrics, int taggedActors, Duration depthMaxAge) {

    /** @return true if per-actor meters carry a path tag */
    boolean pathTags() {
        return taggedActors > 0;
    }
}

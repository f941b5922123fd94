package io.otp4j.examples.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How the pipeline runs.
 *
 * @param mailboxCapacity each stage's mailbox capacity; a full mailbox makes its publisher wait
 * @param blockTimeout how long a publisher waits for space before the event is refused (and reported lost)
 * @param maxRestarts the supervisor's restart intensity: at most this many restarts ...
 * @param restartPeriod ... within this period
 */
public record PipelineSettings(int mailboxCapacity, Duration blockTimeout, int maxRestarts, Duration restartPeriod) {

    /** Validates the fields. */
    public PipelineSettings {
        if (mailboxCapacity < 1) {
            throw new IllegalArgumentException("mailboxCapacity must be at least 1: " + mailboxCapacity);
        }
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        if (blockTimeout.isNegative()) {
            throw new IllegalArgumentException("blockTimeout must not be negative: " + blockTimeout);
        }
        Objects.requireNonNull(restartPeriod, "restartPeriod");
    }

    /** @return 1,024 messages per mailbox, publishers wait up to 2 s, at most 3 restarts in 10 s */
    public static PipelineSettings defaults() {
        return new PipelineSettings(1_024, Duration.ofSeconds(2), 3, Duration.ofSeconds(10));
    }

    /**
     * A stage can be inside a publication, waiting up to the block timeout, when its supervisor halts it;
     * the supervisor waits longer than that, so that the stage is halted in place (ref, subscription and
     * queued events kept) rather than abandoned.
     *
     * @return how long the supervisor waits for a stage to stop: twice the block timeout, plus a second
     */
    public Duration stageShutdownTimeout() {
        return blockTimeout.multipliedBy(2).plusSeconds(1);
    }
}

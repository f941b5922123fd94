package io.otp4j.examples.pipeline;

/**
 * The id of the event a stage is handling, so that a crash can report exactly which event it cost: the
 * runtime drops the message whose handling threw, and the stage's {@code onFailure} records it as lost.
 *
 * <p>Threads: used by its stage's actor only.
 */
final class EventInHand {

    private static final long NONE = Long.MIN_VALUE;

    private long id = NONE;

    /** @param eventId the event the stage starts handling */
    void take(long eventId) {
        id = eventId;
    }

    /** The event has been passed on or dropped on purpose: a later crash does not cost it. */
    void release() {
        id = NONE;
    }

    /** Records the event in hand, if any, as lost to a crash of {@code stage}. */
    void reportLost(String stage, Throwable cause, PipelineMetrics metrics) {
        if (id != NONE) {
            metrics.lost(new LostEvent(id, stage, "stage crashed: " + cause));
            id = NONE;
        }
    }
}

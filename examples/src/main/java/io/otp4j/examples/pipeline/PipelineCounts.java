package io.otp4j.examples.pipeline;

/**
 * A snapshot of the pipeline's per-stage counters. After a flush, every ingested event is accounted for
 * exactly once: {@code ingested == stored + invalid + lost} (see {@link #unaccounted()}).
 *
 * @param ingested events taken in by the ingestion stage
 * @param valid events the validation stage passed on
 * @param invalid events the validation stage rejected
 * @param processed events the processing stage passed on
 * @param stored events the storage stage saved for the first time
 * @param duplicates events the storage stage had already saved (never expected)
 * @param lost events that entered the pipeline but were dropped by a crash or a refused publication
 */
public record PipelineCounts(long ingested, long valid, long invalid, long processed, long stored,
                             long duplicates, long lost) {

    /** @return ingested events not (yet) stored, rejected or reported lost; 0 once the pipeline is flushed */
    public long unaccounted() {
        return ingested - stored - invalid - lost;
    }

    @Override
    public String toString() {
        return "ingested=" + ingested + " valid=" + valid + " invalid=" + invalid + " processed=" + processed
                + " stored=" + stored + " duplicates=" + duplicates + " lost=" + lost;
    }
}

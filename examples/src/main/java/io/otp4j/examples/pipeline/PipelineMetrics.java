package io.otp4j.examples.pipeline;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The stages' counters. They live outside the actors, like a metrics registry, so that a stage's restart
 * (a fresh instance) does not reset them.
 *
 * <p>Threads: every method may be called from any thread.
 */
final class PipelineMetrics {

    private final LongAdder ingested = new LongAdder();
    private final LongAdder valid = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final ConcurrentLinkedQueue<LostEvent> lost = new ConcurrentLinkedQueue<>();

    void ingested() {
        ingested.increment();
    }

    void valid() {
        valid.increment();
    }

    void invalid() {
        invalid.increment();
    }

    void processed() {
        processed.increment();
    }

    void stored() {
        stored.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void lost(LostEvent event) {
        lost.add(event);
    }

    List<LostEvent> lostEvents() {
        return List.copyOf(lost);
    }

    PipelineCounts snapshot() {
        return new PipelineCounts(ingested.sum(), valid.sum(), invalid.sum(), processed.sum(), stored.sum(),
                duplicates.sum(), lost.size());
    }
}

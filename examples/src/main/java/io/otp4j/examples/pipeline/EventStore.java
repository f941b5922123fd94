package io.otp4j.examples.pipeline;

import io.otp4j.examples.pipeline.PipelineProtocol.ProcessedEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the storage stage saves events: an in-memory table keyed by event id, standing in for a database.
 * It outlives the storage stage's restarts, as a database would, and it is idempotent by id, so a second
 * save of the same event is detected instead of stored twice.
 *
 * <p>Threads: every method may be called from any thread.
 */
public final class EventStore {

    private final Map<Long, ProcessedEvent> events = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public EventStore() {}

    /**
     * @param event the event to save
     * @return true if it was saved; false if an event with its id was already there (nothing changes)
     */
    public boolean save(ProcessedEvent event) {
        return events.putIfAbsent(event.id(), event) == null;
    }

    /** @return the ids of the stored events (a snapshot) */
    public Set<Long> ids() {
        return Set.copyOf(events.keySet());
    }

    /** @return the sum of the stored events' amounts, in cents */
    public long totalAmount() {
        return events.values().stream().mapToLong(ProcessedEvent::amount).sum();
    }

    /** @return the sum of the stored events' fees, in cents */
    public long totalFees() {
        return events.values().stream().mapToLong(ProcessedEvent::fee).sum();
    }
}

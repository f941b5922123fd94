package io.otp4j.sysops.audit;

import java.util.List;

/**
 * Where audit records go. sysops calls {@link #record} once per request, from the thread that answers the
 * request (any thread), so implementations are thread-safe; {@link #record} should not block for long:
 * batch the slow part, as {@link JsonLinesAuditLog} does.
 */
public interface AuditSink extends AutoCloseable {

    /**
     * Keeps one record.
     *
     * @param record the record
     * @throws IllegalStateException if the sink is closed
     */
    void record(AuditRecord record);

    /** Writes out what is pending and releases the sink; records passed before it returns are all kept. */
    @Override
    default void close() {}

    /**
     * @param sinks sinks
     * @return a sink that records to each, in order, and closes each
     */
    static AuditSink all(AuditSink... sinks) {
        List<AuditSink> all = List.of(sinks);
        return new AuditSink() {
            @Override
            public void record(AuditRecord record) {
                for (AuditSink sink : all) {
                    sink.record(record);
                }
            }

            @Override
            public void close() {
                for (AuditSink sink : all) {
                    sink.close();
                }
            }
        };
    }

    /** @return a sink that drops every record (for benchmarks and tests of something else) */
    static AuditSink discarding() {
        return record -> { };
    }
}

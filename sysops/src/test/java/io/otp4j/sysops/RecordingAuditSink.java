package io.otp4j.sysops;

import io.otp4j.sysops.audit.AuditRecord;
import io.otp4j.sysops.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the records in memory for a test to read. */
final class RecordingAuditSink implements AuditSink {
    final List<AuditRecord> records = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public void record(AuditRecord record) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        records.add(record);
    }

    @Override
    public void close() {
        closed = true;
    }

    AuditRecord last() {
        return records.getLast();
    }
}

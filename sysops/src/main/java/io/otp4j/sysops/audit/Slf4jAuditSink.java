package io.otp4j.sysops.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Logs each record as one JSON line at INFO, on the logger {@code io.otp4j.sysops.audit} with the marker
 * {@link #MARKER}, so that a logging configuration can route audit lines to their own appender. Not
 * tamper-evident: pair it with a {@link JsonLinesAuditLog} for that.
 */
public final class Slf4jAuditSink implements AuditSink {

    /** The marker of every audit line: {@code SYSOPS_AUDIT}. */
    public static final Marker MARKER = MarkerFactory.getMarker("SYSOPS_AUDIT");

    private final Logger logger;

    private Slf4jAuditSink(Logger logger) {
        this.logger = logger;
    }

    /** @return a sink logging to {@code io.otp4j.sysops.audit} */
    public static Slf4jAuditSink create() {
        return new Slf4jAuditSink(LoggerFactory.getLogger("io.otp4j.sysops.audit"));
    }

    @Override
    public void record(AuditRecord record) {
        if (logger.isInfoEnabled(MARKER)) {
            logger.info(MARKER, "{}", record.toJson());
        }
    }
}

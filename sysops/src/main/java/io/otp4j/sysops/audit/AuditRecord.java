package io.otp4j.sysops.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the audit keeps of one request, allowed or denied.
 *
 * @param time when the request was answered (from the clock sysops was given)
 * @param principal who asked
 * @param operation what, e.g. {@code file.read}
 * @param target on what, as requested (a path, a command line, host:port)
 * @param decision {@code allow} or {@code deny}
 * @param rule the grant that allowed it, or the permission that was missing
 * @param outcome {@code ok}, {@code denied}, {@code failed:KIND}, {@code timed-out} or {@code cancelled}
 * @param duration how long the request took, from submission to answer
 * @param bytes how many bytes it read, wrote or exchanged
 */
public record AuditRecord(Instant time, String principal, String operation, String target, String decision,
        String rule, String outcome, Duration duration, long bytes) {

    /** @throws NullPointerException if an argument is null */
    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
    }

    /** @return the record as one JSON object, without sequence number or hashes */
    public String toJson() {
        StringBuilder json = new StringBuilder(256);
        appendFields(json);
        return "{" + json + "}";
    }

    void appendFields(StringBuilder json) {
        field(json, "time", time.toString()).append(',');
        field(json, "principal", principal).append(',');
        field(json, "operation", operation).append(',');
        field(json, "target", target).append(',');
        field(json, "decision", decision).append(',');
        field(json, "rule", rule).append(',');
        field(json, "outcome", outcome).append(',');
        json.append("\"durationNanos\":").append(duration.toNanos()).append(',');
        json.append("\"bytes\":").append(bytes);
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}

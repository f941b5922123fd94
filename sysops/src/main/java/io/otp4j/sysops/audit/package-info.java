/**
 * The audit of sysops: one {@link io.otp4j.sysops.audit.AuditRecord} per request, allowed or denied, to
 * {@link io.otp4j.sysops.audit.AuditSink}s: SLF4J with a marker, and a hash-chained JSON Lines file with its
 * {@link io.otp4j.sysops.audit.AuditVerifier}.
 */
package io.otp4j.sysops.audit;

/**
 * Micrometer metrics for otp4j: {@link io.otp4j.micrometer.MicrometerMonitor} is a
 * {@link io.otp4j.monitor.Monitor} that counts actor lifecycles, failures, supervisor restarts, dead
 * letters and mailbox overflow, times message handling on request, and gauges live actors and mailbox
 * depths, with bounded tag cardinality.
 */
package io.otp4j.micrometer;

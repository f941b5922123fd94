package io.otp4j.examples.tcp;

/**
 * A snapshot of the echo server's counters.
 *
 * @param accepted connections accepted so far
 * @param open connections accepted and not yet closed
 * @param echoed lines echoed back (counted as the reply is written)
 * @param crashed connection handlers that crashed (each closed its own connection)
 */
public record ServerStats(long accepted, long open, long echoed, long crashed) {}

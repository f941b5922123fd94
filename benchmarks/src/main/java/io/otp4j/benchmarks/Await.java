package io.otp4j.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounded waits for the benchmarks: a benchmark never hangs; a result that does not arrive in time, or
 * arrives wrong, fails the iteration with an {@link IllegalStateException} that says what was missing.
 *
 * <p>The limits are generous (tens of seconds against invocations of well under a second): reaching
 * one means a lost message or a stuck actor, not a slow machine.
 */
final class Await {

    /** How long any single wait may take before the benchmark reports a lost message or a hang. */
    static final long TIMEOUT_SECONDS = 60;

    private Await() {}

    /**
     * Waits until {@code latch} reaches zero.
     *
     * @param latch the latch
     * @param what what the latch counts, for the failure message
     * @throws IllegalStateException if it does not reach zero within {@link #TIMEOUT_SECONDS}
     */
    static void zero(CountDownLatch latch, String what) {
        try {
            if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s waiting for " + what
                        + ": " + latch.getCount() + " still missing (lost message or stuck actor)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }

    /**
     * Waits for a reply.
     *
     * @param reply the future an actor completes
     * @param what what the reply is, for the failure message
     * @param <T> the reply type
     * @return the reply
     * @throws IllegalStateException if it is not completed within {@link #TIMEOUT_SECONDS}, or failed
     */
    static <T> T reply(CompletableFuture<T> reply, String what) {
        try {
            return reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s waiting for " + what
                    + " (lost message or stuck actor)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }

    /**
     * @param expected the value a correct run produces
     * @param actual the value observed
     * @param what what was counted
     * @throws IllegalStateException if they differ
     */
    static void equal(long expected, long actual, String what) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + " but got " + actual
                    + " (lost or duplicated messages)");
        }
    }
}

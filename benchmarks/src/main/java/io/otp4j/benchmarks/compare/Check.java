package io.otp4j.benchmarks.compare;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * Bounded waits and result checks shared by both runtimes' workloads. A wait that runs out, or a result
 * that is wrong, throws {@link IllegalStateException}: the iteration fails, and {@link Main} exits non-zero.
 * The limit is generous against iterations of seconds: reaching it means a lost message, not a slow machine.
 */
final class Check {

    /** The longest any single wait may take. */
    static final long TIMEOUT_SECONDS = 60;

    /** The same limit, for ask timeouts. */
    static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

    private Check() {}

    /** Waits for a stage to complete and returns its value. */
    static <T> T await(CompletionStage<T> stage, String what) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s waiting for " + what
                    + " (lost message or stuck actor)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }

    /** Waits until a latch reaches zero. */
    static void await(CountDownLatch latch, String what) {
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

    /** Fails unless {@code actual == expected}. */
    static void equal(long expected, long actual, String what) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + " but got " + actual);
        }
    }

    /** Polls {@code count} every millisecond until it reads zero; fails after the timeout with the last count. */
    static void eventuallyZero(IntSupplier count, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (int last; (last = count.getAsInt()) != 0; ) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s waiting for " + what
                        + ": " + last + " left");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }
}

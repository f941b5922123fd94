package io.otp4j.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of one {@code ask}: a {@link CompletableFuture} whose blocking waits spin for a few
 * microseconds before they park. A reply usually comes back within that time, and parking then
 * unparking a platform thread costs tens of microseconds on a VM: for a caller that blocks on each ask,
 * spinning first is what makes asks cheap. Dependent stages are plain futures.
 *
 * @param <R> the reply type
 */
final class ReplyFuture<R> extends CompletableFuture<R> {

    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private void spin() {
        if (isDone()) {
            return;
        }
        long until = System.nanoTime() + SPIN_NANOS;
        while (!isDone() && System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public R join() {
        spin();
        return super.join();
    }

    @Override
    public R get() throws InterruptedException, ExecutionException {
        spin();
        return super.get();
    }

    @Override
    public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        spin();
        return super.get(timeout, unit);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}

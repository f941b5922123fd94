package io.otp4j.internal;

import io.otp4j.timer.Cancellable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of one {@code ask}: a {@link CompletableFuture} whose blocking waits ({@code join}, {@code get})
 * spin before they park, for as long as the system's {@link SpinBudget} says spinning has paid lately. With
 * a core free for the replier, a reply usually comes back within a microsecond, and parking then unparking
 * a platform thread costs far more: for a caller that blocks on each ask, spinning first is what makes asks
 * cheap. Without a free core, the replier may be queued behind the spinning caller, and the waits park at
 * once. Dependent stages are plain futures.
 *
 * <p>It also cancels its timeout on whichever completion comes first (the reply, a failure, or the
 * caller's own {@code complete}, {@code cancel} or {@code orTimeout}), so that a completed ask leaves
 * nothing in the scheduler: a cancelled timer drops its task, which is what references this future and
 * so the reply.
 *
 * @param <R> the reply type
 */
final class ReplyFuture<R> extends CompletableFuture<R> {

    private final SpinBudget spinBudget;
    private volatile Cancellable timeout;

    /** @param spinBudget how long blocking waits spin before they park; learns from them */
    ReplyFuture(SpinBudget spinBudget) {
        this.spinBudget = spinBudget;
    }

    /** Sets the timeout to cancel on completion; cancels it at once if the future is already complete. */
    void cancelOnCompletion(Cancellable handle) {
        timeout = handle;
        if (isDone()) { // completed before the handle was set (Dekker with cancelTimeout: both write, then read)
            handle.cancel();
        }
    }

    private void cancelTimeout() {
        Cancellable handle = timeout;
        if (handle != null) {
            handle.cancel();
        }
    }

    @Override
    public boolean complete(R value) {
        boolean completed = super.complete(value);
        if (completed) {
            cancelTimeout();
        }
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        boolean completed = super.completeExceptionally(failure);
        if (completed) {
            cancelTimeout();
        }
        return completed;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            cancelTimeout();
        }
        return cancelled;
    }

    private void spin() {
        spinBudget.spinUntilDone(this);
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

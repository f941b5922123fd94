package io.otp4j.internal;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.AskTimeoutException;
import io.otp4j.actor.DeadLetter;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.timer.RuntimeTask;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The one-shot reply address of one {@code ask}. It exists before the request is sent, so no reply can
 * race its registration, and it belongs to one request only, so no reply can complete another. The first
 * reply completes the future; any later one, or one after the timeout, goes to dead letters.
 */
final class PromiseRef<R> implements ActorRef<R> {

    private static final Duration LONGEST_DELAY = Duration.ofNanos(Long.MAX_VALUE);

    private final SystemRuntime runtime;
    private final ActorRef<?> target;
    private final Duration timeout;
    private final long id;
    private final ReplyFuture<R> future;

    PromiseRef(SystemRuntime runtime, ActorRef<?> target, Duration timeout) {
        this.runtime = runtime;
        this.target = target;
        this.timeout = timeout;
        this.id = runtime.nextId();
        this.future = new ReplyFuture<>(runtime.askSpin);
    }

    /**
     * Starts the timeout once the request is delivered. Never throws: the request is out, so a scheduler
     * that refuses the timeout fails the ask instead. A timeout too long for a {@code long} of
     * nanoseconds is given to the scheduler as the longest that fits, which no scheduler can overflow
     * converting it and which is never reached (about 292 years).
     */
    void startTimer() {
        if (future.isDone()) {
            return;
        }
        Duration delay = timeout.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : timeout;
        try {
            future.cancelOnCompletion(runtime.scheduler().scheduleOnce(delay, (RuntimeTask) this::timeOut));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    /**
     * On the scheduler's thread. The callbacks a caller put on the future would run on the completing
     * thread, so if there are any, they run on a virtual thread of their own instead: a slow or blocking
     * callback must not hold up the other timers. Not on the dispatcher: a thread blocked in {@code join()}
     * counts as a dependent too, and if every pool thread is such a joiner, a completion queued behind them
     * would never run (they would wait for ever for the timeout that frees them). A future nobody has
     * attached to yet is completed here, at once.
     */
    private void timeOut() {
        if (future.isDone()) {
            return;
        }
        AskTimeoutException timedOut = new AskTimeoutException(target, timeout);
        if (future.getNumberOfDependents() == 0) {
            future.completeExceptionally(timedOut);
            return;
        }
        try {
            TIMEOUT_COMPLETIONS.newThread(() -> future.completeExceptionally(timedOut)).start();
        } catch (RuntimeException | OutOfMemoryError e) { // no thread to be had: complete here after all
            future.completeExceptionally(timedOut);
        }
    }

    /** A builder's factory, unlike the builder, may be used by several threads at once. */
    private static final java.util.concurrent.ThreadFactory TIMEOUT_COMPLETIONS =
            Thread.ofVirtual().name("otp4j-ask-timeout").factory();

    void fail(Throwable cause) {
        future.completeExceptionally(cause);
    }

    CompletionStage<R> future() {
        return future;
    }

    @Override
    public void tell(R message) {
        offer(message, SendOptions.DEFAULT);
    }

    @Override
    public void tell(R message, SendOptions options) {
        offer(message, options);
    }

    @Override
    public Delivery offer(R message, SendOptions options) {
        Objects.requireNonNull(message, "message must not be null");
        if (future.complete(message)) {
            return Delivery.ENQUEUED;
        }
        runtime.deadLetter(message, this, DeadLetter.Reason.LATE_REPLY);
        return Delivery.DEAD_LETTER;
    }

    @Override
    public <T> CompletionStage<T> ask(Function<ActorRef<T>, ? extends R> request, Duration askTimeout,
                                      SendOptions options) {
        return CompletableFuture.failedFuture(
                new UnsupportedOperationException("a reply address cannot be asked: " + this));
    }

    @Override
    public ActorPath path() {
        return ActorPath.root(runtime.name()).child("temp").child("$ask-" + Long.toString(id, 36));
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        return path().address() + "#" + id;
    }
}

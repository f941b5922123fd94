package io.otp4j.internal;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.AskTimeoutException;
import io.otp4j.event.DeadLetter;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
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

    private final SystemRuntime runtime;
    private final ActorRef<?> target;
    private final Duration timeout;
    private final long id;
    private final CompletableFuture<R> future = new ReplyFuture<>();

    PromiseRef(SystemRuntime runtime, ActorRef<?> target, Duration timeout) {
        this.runtime = runtime;
        this.target = target;
        this.timeout = timeout;
        this.id = runtime.nextId();
    }

    void startTimer() {
        if (future.isDone()) {
            return;
        }
        var handle = runtime.scheduler().scheduleOnce(timeout,
                () -> future.completeExceptionally(new AskTimeoutException(target, timeout)));
        future.whenComplete((r, e) -> handle.cancel());
    }

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
    public <T> CompletionStage<T> ask(Function<ActorRef<T>, ? extends R> request, Duration askTimeout) {
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

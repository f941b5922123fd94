package io.otp4j.supervisor;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.timer.Cancellable;
import io.otp4j.timer.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One supervisor start that someone waits for: {@link Supervisor#start(io.otp4j.actor.ActorSystem, String,
 * SupervisorSpec, Duration)} at the top of a tree blocks on it ({@link #await()}); the start from inside an
 * actor hands out its {@link #result()}. Both give the same answer: either the supervisor runs with all its
 * children when the result completes, or nothing is left of it when the result fails, and its name is free.
 *
 * <h2>Design</h2>
 * The supervisor completes {@code started} once its last child started, or fails it with the cause. The
 * timeout (a task on the system's scheduler) fails it with a {@link TimeoutException}, an interrupted caller
 * with an {@link InterruptedException}: the supervisor sees either as an abandoned start, stops the children
 * it started and terminates. The result follows {@code started}: at once when all children started; when
 * the start is abandoned, once the supervisor is abandoned (which releases its name at once); when a child
 * failed, once the supervisor has terminated.
 *
 * <p>Threads: {@link #begin} on the spawning thread; the result completes on the supervisor's thread, the
 * scheduler's (a timeout), or the interrupted caller's.
 */
final class SupervisorStart {

    private final String name;
    private final Duration timeout;
    private final ActorRef<SupervisorCommand> ref;
    private final CompletableFuture<Void> started;
    private final CompletableFuture<ExitReason> terminated = new CompletableFuture<>();
    private final CompletableFuture<SupervisorRef> result = new CompletableFuture<>();

    private SupervisorStart(String name, Duration timeout, ActorRef<SupervisorCommand> ref,
                            CompletableFuture<Void> started) {
        this.name = name;
        this.timeout = timeout;
        this.ref = ref;
        this.started = started;
    }

    /**
     * Spawns the supervisor and starts waiting for its children.
     *
     * @param scheduler the system's scheduler, which measures the timeout
     * @param name the supervisor's name, for messages
     * @param spec what it supervises
     * @param timeout how long its children may take to start; positive
     * @param spawn spawns the supervisor from its factory; what it throws is thrown here, nothing started
     * @return the start in progress
     */
    static SupervisorStart begin(Scheduler scheduler, String name, SupervisorSpec spec, Duration timeout,
                                 Function<Supplier<Actor<SupervisorCommand>>, ActorRef<SupervisorCommand>> spawn) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        // set before the spawn, so that a manual clock moved once the children run always finds it
        Cancellable timer = scheduler.scheduleOnce(timeout, () -> started.completeExceptionally(new TimeoutException()));
        ActorRef<SupervisorCommand> ref;
        try {
            ref = spawn.apply(() -> new SupervisorActor(spec, started, true));
        } catch (RuntimeException e) {
            timer.cancel();
            throw e;
        }
        SupervisorStart start = new SupervisorStart(name, timeout, ref, started);
        RuntimeAccess.onTermination(ref, reason -> {
            start.terminated.complete(reason);
            started.completeExceptionally(new SupervisorException(SupervisorException.Error.START_FAILED,
                    name + " terminated while starting: " + reason, null)); // stopped or killed meanwhile
        });
        started.whenComplete((ok, failure) -> {
            timer.cancel();
            start.settle(failure);
        });
        return start;
    }

    /** Completes the result as {@code started} says. */
    private void settle(Throwable failure) {
        switch (failure) {
            case null -> result.complete(new SupervisorRef(ref));
            case TimeoutException t -> {
                RuntimeAccess.abandon(ref); // the name now; the rest as soon as the child being started lets it
                result.completeExceptionally(new SupervisorException(SupervisorException.Error.START_FAILED,
                        name + " did not start within " + timeout + "; it stops with the children it started, "
                                + "and its name is free", null));
            }
            case InterruptedException i -> {
                RuntimeAccess.abandon(ref);
                result.completeExceptionally(new SupervisorException(SupervisorException.Error.START_FAILED,
                        name + ": interrupted", i));
            }
            default -> // it stopped its children and is terminating: its name is free after
                    terminated.whenComplete((reason, never) -> result.completeExceptionally(
                            failure instanceof SupervisorException s ? s
                                    : new SupervisorException(SupervisorException.Error.START_FAILED, name, failure)));
        }
    }

    /** @return completes with the running supervisor, or fails with {@code START_FAILED} once nothing is left */
    CompletableFuture<SupervisorRef> result() {
        return result;
    }

    /**
     * Blocks until the result. If the calling thread is interrupted, the start is abandoned (its interrupt
     * flag is kept).
     *
     * @return the running supervisor
     * @throws SupervisorException with {@code START_FAILED}
     */
    SupervisorRef await() {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SupervisorException s ? s
                    : new SupervisorException(SupervisorException.Error.START_FAILED, name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.completeExceptionally(e); // tells the supervisor to stop starting children
            RuntimeAccess.abandon(ref); // also if it had started, or was terminating after a failed start
            throw new SupervisorException(SupervisorException.Error.START_FAILED, name + ": interrupted", e);
        }
    }
}

package io.otp4j.sysops;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One submitted operation on its way through a worker: the answer to complete, what the audit will say of
 * it, and how to stop its work.
 *
 * <p>Threads: created by {@link SysOps#submit}; worked on by one worker; completed by the worker, the
 * timeout, the caller's cancel or {@link SysOps#close}, whichever comes first (the others are no-ops).
 * The audit fields are volatile: written by the worker, read by whoever completes the answer.
 *
 * <p>Stopping: the worker registers the resource its blocking call waits on (a channel, a socket, a process
 * tree) with {@link #onStop}; {@link #stop} closes it, which makes the blocking call fail at once. A worker's
 * thread is never interrupted: it belongs to the actor runtime.
 *
 * @param <R> the value of a success
 */
final class Job<R> {

    final Principal principal;
    final Operation<R> operation;
    final CompletableFuture<Result<R>> answer = new CompletableFuture<>();
    private final AtomicReference<AutoCloseable> resource = new AtomicReference<>();
    private volatile boolean stopped;

    volatile String decision = "undecided";
    volatile String rule = "-";
    volatile String target;
    volatile long bytes;

    Job(Principal principal, Operation<R> operation) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.target = operation.target();
    }

    void decided(Decision verdict) {
        switch (verdict) {
            case Decision.Allowed(Grant grant) -> {
                rule = grant.rule();
                decision = "allow";
            }
            case Decision.Refused(String missing, String reason) -> {
                rule = missing;
                decision = "deny";
            }
        }
    }

    /** Registers what {@link #stop} closes; closes it at once if the job is already stopped. */
    void onStop(AutoCloseable work) {
        resource.set(work);
        if (stopped) {
            closeQuietly(resource.getAndSet(null));
        }
    }

    /** The work is done with its resource: a later stop must not close it (a watch, for one, lives on). */
    void released() {
        resource.set(null);
    }

    void stop() {
        stopped = true;
        closeQuietly(resource.getAndSet(null));
    }

    boolean stopped() {
        return stopped;
    }

    private static void closeQuietly(AutoCloseable work) {
        if (work != null) {
            try {
                work.close();
            } catch (Exception ignored) {
                // stopping is best effort: the resource may be failing or closed already
            }
        }
    }
}

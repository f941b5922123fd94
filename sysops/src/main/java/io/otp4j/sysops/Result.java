package io.otp4j.sysops;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to an operation: done, denied by the policy, failed, or timed out. A submission's stage
 * always completes with one of these, except when its caller cancels it (a {@code CancellationException}).
 *
 * <pre>{@code
 * switch (ops.submit(alice, new FileOperation.ReadFile(path, 4096)).toCompletableFuture().join()) {
 *     case Result.Ok<FileOperation.Content>(var content) -> use(content.bytes());
 *     case Result.Denied<?> denied -> log.warn("missing {}", denied.missingPermission());
 *     case Result.Failed<?> failed -> log.warn("{}: {}", failed.kind(), failed.message());
 *     case Result.TimedOut<?> timedOut -> log.warn("gave up after {}", timedOut.after());
 * }
 * }</pre>
 *
 * @param <R> the value of a success
 */
public sealed interface Result<R> permits Result.Ok, Result.Denied, Result.Failed, Result.TimedOut {

    /**
     * The operation was allowed and done.
     *
     * @param value what it produced
     * @param <R> its type
     */
    record Ok<R>(R value) implements Result<R> {
        /** @throws NullPointerException if the value is null */
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The policy does not allow the operation; nothing was done.
     *
     * @param missingPermission the permission that would have allowed it, in the policy file's words, e.g.
     *     {@code user:alice file read /srv/data/secret.txt}
     * @param reason why it is missing or refused, e.g. {@code no grant covers the real path}
     * @param <R> the value a success would have had
     */
    record Denied<R>(String missingPermission, String reason) implements Result<R> {
        /** @throws NullPointerException if an argument is null */
        public Denied {
            Objects.requireNonNull(missingPermission, "missingPermission");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The operation was allowed but did not succeed.
     *
     * @param kind what went wrong
     * @param message details for a person
     * @param <R> the value a success would have had
     */
    record Failed<R>(Failure kind, String message) implements Result<R> {
        /** @throws NullPointerException if an argument is null */
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The operation ran out of time and was stopped: its file or socket closed, its process and the
     * process's descendants killed.
     *
     * @param after the time it was given
     * @param <R> the value a success would have had
     */
    record TimedOut<R>(Duration after) implements Result<R> {
        /** @throws NullPointerException if the duration is null */
        public TimedOut {
            Objects.requireNonNull(after, "after");
        }
    }

    /** Why an allowed operation failed. */
    enum Failure {
        /** The operating system refused or failed it (no such file, connection refused, ...). */
        IO,
        /** The input or output is larger than the operation's limit (a file read, for instance). */
        TOO_LARGE,
        /** The request itself is malformed (a relative path, a bad URI, ...). */
        INVALID,
        /** The actor serving it crashed; it was restarted, and the operation may be tried again. */
        CRASHED,
        /** sysops was closed before the operation finished. */
        CLOSED
    }
}

package io.otp4j.internal;

import io.otp4j.event.DeadLetter;
import java.util.function.BiFunction;

/**
 * A runtime wrapper around a user message in the mailbox, for the rare features that need more than the
 * message: expiry, timers, piped results. Plain {@code tell} enqueues the bare message, so the common
 * path pays one {@code instanceof} per message for all of these.
 */
abstract sealed class Envelope permits Envelope.Expiring, Envelope.TimerFire, Envelope.Piped {

    /**
     * Called by the owning actor's run when the item's turn comes.
     *
     * @return the message to hand to {@code receive}, or null to skip it (already dealt with)
     */
    abstract Object open(ActorCell<?> cell);

    /** @return the user message inside, for dead letters */
    abstract Object message();

    /** A message with a deadline on the scheduler's clock. */
    static final class Expiring extends Envelope {
        private final Object message;
        private final long deadlineNanos;

        Expiring(Object message, long deadlineNanos) {
            this.message = message;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        Object open(ActorCell<?> cell) {
            if (cell.runtime().scheduler().nanoTime() - deadlineNanos > 0) {
                CellEvents.expired(cell, message);
                cell.runtime().deadLetter(message, cell, DeadLetter.Reason.EXPIRED);
                return null;
            }
            return message;
        }

        @Override
        Object message() {
            return message;
        }
    }

    /** A timer's message; skipped if the timer was cancelled or replaced since it fired. */
    static final class TimerFire extends Envelope {
        final Object key;
        final int generation;
        final Object message;

        TimerFire(Object key, int generation, Object message) {
            this.key = key;
            this.generation = generation;
            this.message = message;
        }

        @Override
        Object open(ActorCell<?> cell) {
            return cell.timersOrNull() != null && cell.timersOrNull().accept(this) ? message : null;
        }

        @Override
        Object message() {
            return message;
        }
    }

    /** The outcome of {@code pipeToSelf}; mapped to a message on the actor's own thread. */
    static final class Piped<T> extends Envelope {
        private final T value;
        private final Throwable failure;
        private final BiFunction<? super T, Throwable, ?> toMessage;

        Piped(T value, Throwable failure, BiFunction<? super T, Throwable, ?> toMessage) {
            this.value = value;
            this.failure = failure;
            this.toMessage = toMessage;
        }

        @Override
        Object open(ActorCell<?> cell) {
            return java.util.Objects.requireNonNull(toMessage.apply(value, failure),
                    "pipeToSelf mapping returned null");
        }

        @Override
        Object message() {
            return failure != null ? failure : value;
        }
    }
}

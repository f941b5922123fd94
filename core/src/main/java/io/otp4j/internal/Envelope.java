package io.otp4j.internal;

import io.otp4j.actor.DeadLetter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

    /**
     * A message with a deadline on the scheduler's clock.
     *
     * <p>In a bounded mailbox, a sender that finds it full may drop an expired one in place
     * ({@link BoundedMessageQueue}); the state decides, once, whether the consumer or such a sender owns it:
     * QUEUED to TAKEN (the consumer, as it polls) or QUEUED to DROPPED (a sender). Unbounded mailboxes never
     * drop, so their consumer does not claim it.
     */
    static final class Expiring extends Envelope {
        /** A time to live this long (about 73 years) never expires; deadlines stay comparable by subtraction. */
        static final long NEVER = Long.MAX_VALUE / 4;

        private static final int QUEUED = 0;
        private static final int TAKEN = 1;
        private static final int DROPPED = 2;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Expiring.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Object message; // cleared by the sender that drops it
        private final long deadlineNanos;
        @SuppressWarnings("unused") // accessed through STATE
        private volatile int state;

        Expiring(Object message, long deadlineNanos) {
            this.message = message;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        Object open(ActorCell<?> cell) {
            if (hasExpired(cell.runtime().scheduler().nanoTime())) {
                CellEvents.expired(cell, message);
                cell.runtime().deadLetter(message, cell, DeadLetter.Reason.EXPIRED);
                return null;
            }
            return cell.forwardsDeadlines() ? new RuntimeAccess.Timed(message, deadlineNanos) : message;
        }

        @Override
        Object message() {
            return message;
        }

        long deadlineNanos() {
            return deadlineNanos;
        }

        boolean hasExpired(long nowNanos) {
            return nowNanos - deadlineNanos > 0;
        }

        boolean isQueued() {
            return state == QUEUED;
        }

        /** @return true if the consumer now owns it; false if a sender dropped it first (consumer only) */
        boolean take() {
            return STATE.compareAndSet(this, QUEUED, TAKEN);
        }

        /** @return the message if this call dropped it, else null (the consumer took it, or another sender dropped it) */
        Object drop() {
            if (!STATE.compareAndSet(this, QUEUED, DROPPED)) {
                return null;
            }
            Object m = message;
            message = null; // the node may wait a while for the consumer: do not keep the message alive
            return m;
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

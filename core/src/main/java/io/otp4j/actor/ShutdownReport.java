package io.otp4j.actor;

import java.util.List;
import java.util.Objects;

/**
 * How the shutdown of an {@link ActorSystem} ended: every actor stopped ({@link Outcome#CLEAN}); or some
 * were still running when the timeout passed and were abandoned ({@link Outcome#TIMED_OUT}); or some could
 * not stop because their dispatcher refused to run them ({@link Outcome#REFUSED}). Each actor that did not
 * stop cleanly is named here with the reason. An abandoned actor runs no more of its code once its current
 * message returns: its messages go to dead letters, and so does every later send to it.
 *
 * @param outcome how it ended
 * @param abandoned the actors that did not stop cleanly: those still running when the timeout passed, and
 *     those whose dispatcher refused them during the shutdown; empty when clean
 */
public record ShutdownReport(Outcome outcome, List<Abandoned> abandoned) {

    /** How a shutdown ended. */
    public enum Outcome {
        /** Every actor stopped and ran its {@code postStop}, once; the threads are released. */
        CLEAN,
        /**
         * The timeout passed first: the actors still running are abandoned; the threads are released. Actors
         * refused by their dispatcher meanwhile are named too.
         */
        TIMED_OUT,
        /**
         * Every actor terminated within the timeout, but some without their {@code postStop}: their
         * dispatcher refused to run them (it was closed before the system, or rejects work), so each ended
         * where it stood, its children killed with it, its messages dead-lettered. Each refused actor is
         * named, with the refusal; the threads are released.
         */
        REFUSED,
        /**
         * Asked for from inside one of the system's own actors, which cannot wait for itself: the shutdown
         * goes on once the calling actor's current message returns, and
         * {@link ActorSystem#whenTerminated()} completes with the final report.
         */
        IN_PROGRESS
    }

    /**
     * An actor that had not stopped when the shutdown timed out.
     *
     * @param path the actor
     * @param reason what it was doing, e.g. still handling a message, or waiting for its children
     */
    public record Abandoned(ActorPath path, String reason) {
        /** Validates the components. */
        public Abandoned {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Validates and copies the components. */
    public ShutdownReport {
        Objects.requireNonNull(outcome, "outcome");
        abandoned = List.copyOf(abandoned);
    }

    /** @return true if every actor stopped in time */
    public boolean clean() {
        return outcome == Outcome.CLEAN;
    }
}

package io.otp4j.internal;

import io.otp4j.actor.ActorPath;
import io.otp4j.internal.RuntimeAccess.ChildListener;
import org.slf4j.Logger;

/**
 * The parts of an {@link ActorCell} that an idle actor which never spawned, linked, watched, timed or
 * stopped does not use, kept apart so that such an actor does not pay a reference for each: the cell has
 * one field for all of them, null until the first needs it.
 *
 * <p>Threads: created at most once per cell ({@link ActorCell#extras()} publishes it with a CAS, so every
 * thread that asks gets the same object) and never replaced. Each field keeps the rules it had in the
 * cell: the run's own fields are written and read by the run only; {@link #path} and {@link #pathName} are
 * racy but idempotent (equal values); {@link #children} guards itself.
 */
final class CellExtras {

    /** Set by a supervising parent before the first run; receives the cell's lifecycle. */
    final ChildListener listener;
    /** Set when stopping begins; read by spawners on other threads (guardian only). */
    volatile boolean stopping;
    /** The live children; null until the first spawn (the guardian's from its creation). */
    volatile Children children;
    /** Run only. */
    Relations relations;
    /** Run only. */
    TimersImpl<?> timers;
    /** The stop of all children under way, for a stop, restart or halt; null at other times. Run only. */
    CellShutdown.Progress shutdown;
    ActorPath path;
    /** The path as a string, built once for the logging context. */
    String pathName;
    /**
     * What a supervised instance's preStart answered its start ({@link Incarnations#answerStart}); run only.
     */
    Object startAnswer;
    /** The context's logger, named after the actor's class. */
    Logger log;

    CellExtras(ChildListener listener) {
        this.listener = listener;
    }
}

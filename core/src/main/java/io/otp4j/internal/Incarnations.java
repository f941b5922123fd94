package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.SetupActor;
import io.otp4j.internal.RuntimeAccess.SupervisingActor;

/**
 * The instances of an actor: building one (factory, then preStart) and telling a supervising parent how its
 * start went; what a failure of the running instance leads to ({@code onFailure}'s answer); and replacing
 * the instance in place, for a restart or a supervisor's halt. The state lives in the cell (one object per
 * actor): these are its steps, run only.
 */
final class Incarnations {

    /**
     * preStart is running and has not answered its supervisor. A supervised instance's answer to its start is
     * kept in its cell's extras ({@code startAnswer}): this, the start info it handed over, or {@link #IGNORE}; null
     * at any other time, so that an answer outside preStart is refused.
     */
    private static final Object NO_ANSWER = new Object();
    /** preStart answered ignore. */
    private static final Object IGNORE = new Object();

    private Incarnations() {}

    /** The cell's first run: builds the first instance. */
    static void start(ActorCell<?> cell) {
        cell.lifecycle = cell.lifecycle.nextExpected(LifecycleSignal.START);
        startInstance(cell);
    }

    /**
     * Builds an instance for a cell that has just become RUNNING, reports its start, and hands it the notices
     * kept while there was none.
     */
    static void startInstance(ActorCell<?> cell) {
        if (createInstance(cell) && reportStarted(cell)) {
            SignalHandling.flushDeferredNotices(cell);
        }
    }

    /** Builds an instance and runs preStart; on failure the actor stops with the cause. */
    private static <M> boolean createInstance(ActorCell<M> cell) {
        try {
            Actor<M> created = cell.factory.get();
            if (created == null) {
                throw new NullPointerException("actor factory returned null for " + cell.path());
            }
            cell.incarnation++;
            created = SetupActor.build(created, cell); // Actor.setup: built from the context
            cell.actor = created;
            if (cell.listener() != null && !(created instanceof SupervisingActor)) {
                cell.extras().startAnswer = NO_ANSWER;
            }
            created.preStart(cell);
            CellEvents.started(cell, created, cell.incarnation);
            return true;
        } catch (Throwable t) {
            CellExtras extras = cell.extrasOrNull();
            if (extras != null) {
                extras.startAnswer = null;
            }
            cell.enterLoggingContext();
            ActorCell.LOG.warn("{} failed to start", cell, t);
            CellEvents.failed(cell, cell.actor, t, ErrorAction.STOP); // actor: the instance whose preStart threw
            cell.actor = null; // preStart did not complete: no postStop, as Erlang skips terminate after init fails
            CellShutdown.beginStop(cell, LifecycleSignal.STOP, ExitReason.failed(t));
            return false;
        }
    }

    /**
     * Tells a supervising parent this cell started (with the start info its preStart handed over), unless it
     * is a supervisor that reports itself; or, if preStart answered ignore, that it did not start, and stops
     * it at once with reason normal, before it handles any message.
     *
     * @return false if the instance ignored its start and is stopping
     */
    private static boolean reportStarted(ActorCell<?> cell) {
        CellExtras extras = cell.extrasOrNull();
        Object answer = extras == null ? null : extras.startAnswer;
        if (extras != null) {
            extras.startAnswer = null;
        }
        if (cell.listener() == null || cell.actor instanceof SupervisingActor) {
            return true;
        }
        if (answer == IGNORE) {
            cell.listener().ignored(cell);
            CellShutdown.beginStop(cell, LifecycleSignal.IGNORE, ExitReason.NORMAL);
            return false;
        }
        cell.listener().started(cell, cell.incarnation, answer == NO_ANSWER ? null : answer);
        return true;
    }

    /**
     * The instance's preStart answers the supervisor starting it: {@code info} to hand back with its ref, or
     * null to ignore the start. Only from that preStart, on the run's thread, and at most once.
     *
     * @throws IllegalStateException if called elsewhere, for an actor that is not a supervisor's child, or twice
     */
    static void answerStart(ActorCell<?> cell, Object info) {
        CellExtras extras = cell.extrasOrNull();
        Object answer = cell.isRunningOn(Thread.currentThread()) && extras != null ? extras.startAnswer : null;
        if (answer == null) {
            throw new IllegalStateException("only the preStart of a supervisor's child can answer its start ("
                    + cell + ")");
        }
        if (answer != NO_ANSWER) {
            throw new IllegalStateException(cell + " already answered its start");
        }
        extras.startAnswer = info == null ? IGNORE : info;
    }

    /** What a failure of the running instance leads to: its {@code onFailure} decides. */
    static <M> void handleFailure(ActorCell<M> cell, Throwable cause) {
        ErrorAction action;
        if (cause instanceof VirtualMachineError) {
            // fatal to the instance: the JVM may be short of memory or stack, so the instance's state and
            // its onFailure cannot be trusted; the actor stops with the error and its parent decides
            action = ErrorAction.STOP;
        } else {
            try {
                action = cell.actor.onFailure(cause, cell);
                if (action == null) {
                    action = ErrorAction.STOP;
                }
            } catch (Throwable t) {
                cause.addSuppressed(t);
                action = ErrorAction.STOP;
            }
        }
        CellEvents.failed(cell, cell.actor, cause, action);
        cell.enterLoggingContext();
        switch (action) {
            case RESUME -> ActorCell.LOG.debug("{} failed; resuming", cell, cause);
            case RESTART -> {
                ActorCell.LOG.warn("{} failed; restarting", cell, cause);
                Lifecycle to = cell.lifecycle.next(LifecycleSignal.RESTART_ON_FAILURE);
                if (to != null) {
                    dropInstance(cell, to);
                }
            }
            case STOP -> {
                ActorCell.LOG.warn("{} failed; stopping", cell, cause);
                CellShutdown.beginStop(cell, LifecycleSignal.STOP, ExitReason.failed(cause));
            }
            case ESCALATE -> escalate(cell, cause);
        }
    }

    /** Suspends the actor and hands the failure to its supervisor or parent; a top actor without one stops. */
    private static void escalate(ActorCell<?> cell, Throwable cause) {
        Lifecycle to = cell.lifecycle.next(LifecycleSignal.ESCALATE);
        if (to == null) {
            return;
        }
        cell.lifecycle = to;
        ActorCell<?> parent = cell.parentCell();
        if (cell.listener() != null) {
            cell.listener().failed(cell, cell.incarnation, cause);
        } else if (parent != null) {
            ActorCell.LOG.warn("{} failed; escalating to its parent {}", cell, parent, cause);
            if (Monitoring.COMPILED_IN) {
                FlightRecorder.escalated(cell.path(), ExitReason.failed(cause));
            }
            parent.sendSystem(new SystemMessage.ChildFailed(cell, cause));
        } else {
            CellShutdown.beginStop(cell, LifecycleSignal.STOP, ExitReason.failed(cause));
        }
    }

    /**
     * Starts replacing the instance: in place ({@code to} RESTARTING: the mailbox is kept), or for a supervisor
     * that will order the restart ({@code to} HALTING). Its timers are cancelled and its children stopped;
     * postStop runs once they have.
     */
    static void dropInstance(ActorCell<?> cell, Lifecycle to) {
        cell.lifecycle = to;
        cell.cancelTimers();
        CellShutdown.terminateSupervisedChildren(cell);
        CellShutdown.stopChildrenThen(cell, new CellShutdown.Progress(false));
    }
}

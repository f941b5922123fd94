package io.otp4j.internal;

import io.otp4j.actor.ExitReason;
import io.otp4j.actor.HookFailed;
import io.otp4j.actor.RuntimeFault;
import io.otp4j.internal.RuntimeAccess.SupervisingActor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How an actor cell ends: a stop stops all its children at once and waits for each one's end, runs postStop,
 * and then tells its parent, watchers, links and waiting stops; the runtime can also end a cell without
 * running actor code (an internal error, a refused dispatch, a closed system, a supervisor that gave up).
 * A restart or halt stops the children the same way before its own next step. The state lives in the cell
 * (one object per actor): these are its steps, run only unless a method says otherwise.
 */
final class CellShutdown {


    private CellShutdown() {}

    /** State of an ongoing stop of all children, for a stop, a restart or a halt; dropped when it completes. */
    static final class Progress {
        boolean brutal;
        boolean runPostStop = true;
        ExitReason reason = ExitReason.SHUTDOWN;
        /** Children told to stop whose {@code ChildTerminated} has not arrived yet (each marked {@code stopAwaited}). */
        int awaiting;

        Progress(boolean brutal) {
            this.brutal = brutal;
        }
    }

    /**
     * Begins a stop ({@link LifecycleSignal#STOP}, {@link LifecycleSignal#IGNORE}) or a kill
     * ({@link LifecycleSignal#KILL}: no postStop); a kill arriving while a stop is under way overtakes it.
     */
    static void beginStop(ActorCell<?> cell, LifecycleSignal signal, ExitReason reason) {
        Lifecycle from = cell.lifecycle;
        Lifecycle to = from.next(signal);
        if (to == null) {
            return;
        }
        boolean brutal = signal == LifecycleSignal.KILL;
        if (to == from) {
            Progress s = cell.shutdown();
            if (s != null && !s.brutal) {
                s.brutal = true; // a kill overtakes a slow stop: skip postStop
                s.reason = reason;
                killAwaitedChildren(cell);
            }
            return;
        }
        // no instance: never started (NEW), or halted (its postStop already ran)
        boolean runPostStop = !brutal && cell.actor != null;
        cell.lifecycle = to;
        cell.markStopping();
        cell.cancelTimers();
        if (runPostStop) {
            terminateSupervisedChildren(cell);
        }
        if (cell.childrenOrNull() == null) {
            // never had a child: nothing to wait for, so no record of the stop's progress (skynet's million
            // leaves each made one, and the extras to hold it, on their way out)
            finishStop(cell, reason, runPostStop);
            return;
        }
        Progress s = new Progress(brutal);
        s.reason = reason;
        s.runPostStop = runPostStop;
        stopChildrenThen(cell, s);
    }

    /** A supervisor stops its children itself, in its own order and with their shutdown specs. */
    static void terminateSupervisedChildren(ActorCell<?> cell) {
        if (cell.actor instanceof SupervisingActor supervisor) {
            try {
                supervisor.terminateChildren();
            } catch (Throwable t) {
                ActorCell.LOG.error("{} failed to terminate its children", cell, t);
            }
        }
    }

    /**
     * Stops all children at once (each told youngest first), so that independent subtrees stop
     * concurrently and one slow child holds up no sibling; then, once every one has reported its
     * {@code ChildTerminated}, the cell's state says what comes next ({@link LifecycleSignal#CHILDREN_STOPPED}).
     * A supervisor has already stopped its children one by one, in its own order, before this runs.
     */
    static void stopChildrenThen(ActorCell<?> cell, Progress s) {
        cell.shutdown(s);
        stopRemainingChildren(cell);
    }

    private static void stopRemainingChildren(ActorCell<?> cell) {
        Progress s = cell.shutdown();
        // children leave the map on their own threads before they report: one snapshot, then decide
        ActorCell<?>[] left = cell.liveChildren();
        if (left.length == 0) {
            cell.shutdown(null);
            Lifecycle to = cell.lifecycle.nextExpected(LifecycleSignal.CHILDREN_STOPPED);
            switch (to) {
                case RUNNING -> { // restarting
                    runPostStop(cell);
                    cell.actor = null;
                    cell.lifecycle = to;
                    Incarnations.startInstance(cell);
                }
                case HALTED -> {
                    runPostStop(cell);
                    cell.actor = null;
                    cell.lifecycle = to;
                    if (cell.listener() != null) {
                        cell.listener().halted(cell);
                    }
                }
                case STOPPING -> finishStop(cell, s.reason, s.runPostStop && !s.brutal);
                case NEW, SUSPENDED, RESTARTING, HALTING, TERMINATED ->
                        throw new IllegalStateException("children stopped, then " + to);
            }
            return;
        }
        Arrays.sort(left, Comparator.comparingLong((ActorCell<?> c) -> c.id).reversed());
        for (ActorCell<?> child : left) {
            if (!child.stopAwaited) {
                child.stopAwaited = true;
                s.awaiting++;
                child.sendSystem(s.brutal ? new SystemMessage.Kill() : new SystemMessage.Stop(ExitReason.SHUTDOWN));
            }
        }
    }

    /** A kill arrived while children were being stopped: they are killed too. */
    private static void killAwaitedChildren(ActorCell<?> cell) {
        if (cell.shutdown().awaiting == 0) {
            return;
        }
        // an awaited child that already left has terminated: only those still there need a kill
        for (ActorCell<?> child : cell.liveChildren()) {
            if (child.stopAwaited) {
                child.sendSystem(new SystemMessage.Kill());
            }
        }
    }

    /** A child reported its end: a stop waiting for it moves on once the last one has. */
    static void onChildTerminated(ActorCell<?> cell, SystemMessage.ChildTerminated terminated) {
        Children all = cell.childrenOrNull();
        if (all != null) {
            all.childTerminated(); // it left already: the list may need a sweep
        }
        Progress s = cell.shutdown();
        ActorCell<?> child = terminated.child;
        if (s != null && child.stopAwaited) {
            child.stopAwaited = false;
            if (--s.awaiting == 0) {
                stopRemainingChildren(cell); // a child spawned meanwhile, if any, is stopped now
            }
        }
    }

    static <M> void runPostStop(ActorCell<M> cell) {
        if (cell.actor == null) {
            return;
        }
        try {
            cell.actor.postStop(cell);
        } catch (Throwable t) {
            ActorCell.LOG.warn("{} postStop failed", cell, t);
            cell.runtime.eventStream().publish(new HookFailed(cell, "postStop", t));
        }
    }

    private static void finishStop(ActorCell<?> cell, ExitReason reason, boolean runPostStop) {
        Lifecycle dead = cell.lifecycle.nextExpected(LifecycleSignal.TERMINATE);
        if (runPostStop) {
            runPostStop(cell);
        }
        cell.actor = null;
        cell.dropTimers();
        Children children = cell.childrenOrNull();
        if (children != null) {
            children.parentTerminated(); // a dead cell still linked in its parent's list holds no dead subtree
        }
        if (cell.abandoned) {
            reason = ExitReason.KILLED;
        }
        ActorCell<?> parent = cell.parentCell();
        // reported before the name is released, so a monitor never sees a successor under the same path
        // start before this one stops; an abandoned cell was reported when it was abandoned; the guardian
        // was never reported spawned
        if (!cell.abandoned && parent != null) {
            CellEvents.stopped(cell, reason);
        }
        if (parent != null) {
            parent.removeChild(cell);
            cell.runtime.actorTerminated(); // its slot frees before anyone hears of the death, so a restart fits
        }
        cell.lifecycle = dead;
        cell.exitReason = reason;
        // order matters: clean-up hooks (names, subscriptions) first, so that whoever hears of the death
        // (supervisor, watchers, links) already sees the clean state
        Relations r = cell.relationsOrNull();
        cell.dropRelations();
        if (r != null) {
            r.runTerminationHooks(reason);
        }
        // close the system channel; what arrived meanwhile reached the actor alive, so it is answered with
        // the exit reason (not noproc), hooks first
        SystemMessage pending = Mailbox.reverse((SystemMessage) Mailbox.SYSTEM_QUEUE.getAndSet(cell, Mailbox.DEAD));
        for (SystemMessage m = pending; m != null; m = m.next) {
            if (m instanceof SystemMessage.OnTermination) {
                cell.answerWhenDead(m, cell.exitReason);
            }
        }
        List<CompletableFuture<ExitReason>> lateStops = null; // told last, with the others
        for (SystemMessage m = pending; m != null; m = m.next) {
            if (m instanceof SystemMessage.Stop stop && stop.done != null) {
                lateStops = lateStops == null ? new ArrayList<>(1) : lateStops;
                lateStops.add(stop.done);
            } else if (!(m instanceof SystemMessage.OnTermination)) {
                cell.answerWhenDead(m, cell.exitReason);
            }
        }
        // the mailbox goes to dead letters before anyone hears of the death: once the parent knows, every
        // message sent before the death is accounted for
        cell.drainToDeadLetters();
        if (cell.listener() != null && !cell.abandoned) {
            cell.listener().terminated(cell, reason);
        }
        if (r != null) {
            r.notifyTermination(cell, reason);
        }
        if (parent != null) {
            parent.sendSystem(new SystemMessage.ChildTerminated(cell, reason));
        } else {
            cell.runtime.guardianTerminated(reason);
        }
        if (r != null) {
            completeStopWaiters(r.stopWaiters, reason);
        }
        if (lateStops != null) {
            completeStopWaiters(lateStops, reason);
        }
    }

    /** Tells the stops waiting from outside how the actor ended ({@code ActorSystem.stop}). */
    private static void completeStopWaiters(List<CompletableFuture<ExitReason>> waiters, ExitReason reason) {
        for (CompletableFuture<ExitReason> waiter : waiters) {
            waiter.complete(reason);
        }
        waiters.clear();
    }

    /**
     * Ends the cell at once, running no actor code: its children are killed (not awaited), its timers
     * cancelled, and its parent, watchers and links told of {@code reason}. For a cell whose state or
     * thread can no longer be trusted with hooks; nothing happens to a terminated cell. Run only (or the
     * owner of a won scheduling).
     */
    static void terminateWithoutHooks(ActorCell<?> cell, ExitReason reason) {
        Lifecycle to = cell.lifecycle.next(LifecycleSignal.ABORT);
        if (to == null) {
            return;
        }
        if (cell.lifecycle == Lifecycle.NEW) {
            cell.actor = null; // never built
        }
        cell.shutdown(null);
        cell.lifecycle = to;
        cell.markStopping();
        for (ActorCell<?> child : cell.liveChildren()) {
            child.sendSystem(new SystemMessage.Kill());
        }
        cell.cancelTimers();
        finishStop(cell, reason, false);
    }

    /**
     * The runtime's own code failed in this cell's run: the state can no longer be trusted, so the cell
     * terminates as killed (no more hooks), and its parent, supervisor and watchers hear of it. Logged and
     * reported as a {@link RuntimeFault}.
     */
    static void failInternally(ActorCell<?> cell, Throwable t) {
        ActorCell.LOG.error("internal error in {}; terminating it as killed", cell, t);
        RuntimeFault fault = new RuntimeFault(cell.runtime.name(), cell.path(), t);
        RuntimeFault.report(fault);
        try {
            cell.runtime.eventStream().publish(fault);
            terminateWithoutHooks(cell, ExitReason.KILLED);
        } catch (Throwable again) {
            t.addSuppressed(again);
            ActorCell.LOG.error("{} could not be terminated after an internal error", cell, again);
        }
    }

    /**
     * The dispatcher refused to run this cell (it is closed, or rejects work). The SCHEDULED status won by
     * this thread makes it the cell's owner, as a run would be; it must not run actor code (this is a
     * sender's thread), so the cell ends here without hooks: an actor whose dispatcher refuses it can never
     * run again, so it terminates with the refusal as its exit reason, its parent, watchers and links are
     * told, and its messages, queued and later, go to dead letters. During a shutdown it is named in the
     * shutdown's report. Once the system is closed, it only drains.
     */
    static void refused(ActorCell<?> cell, RuntimeException cause) {
        try {
            if (cell.runtime.closed || cell.lifecycle == Lifecycle.TERMINATED) {
                ActorCell.LOG.debug("{} not scheduled: {}", cell, cause.toString());
                if (cell.runtime.closed) {
                    closeOut(cell);
                } else {
                    cell.drainToDeadLetters();
                }
            } else {
                ActorCell.LOG.warn("{} cannot run: its dispatcher {} refused it; terminating it", cell,
                        cell.dispatcher, cause);
                cell.runtime.refused(cell, cause); // before the termination, which the shutdown may be waiting for
                terminateWithoutHooks(cell, ExitReason.failed(cause));
            }
        } catch (Throwable t) {
            cause.addSuppressed(t);
            ActorCell.LOG.error("{} could not be terminated after its dispatcher refused it", cell, t);
        }
    }

    /**
     * The system closed while this cell was alive (abandoned) or still queued: no hook runs; the system
     * channel is closed, so whatever waits on this cell (a watch, a termination hook) is answered as a dead
     * cell answers, and the mailbox goes to dead letters. Run only.
     */
    static void closeOut(ActorCell<?> cell) {
        if (cell.exitReason == null) {
            cell.abandoned = true;
            cell.exitReason = ExitReason.KILLED;
        }
        if (cell.relationsOrNull() != null) {
            completeStopWaiters(cell.relationsOrNull().stopWaiters, cell.exitReason); // abandoned: no finishStop will tell them
        }
        if (cell.systemQueue != Mailbox.DEAD) {
            SystemMessage pending = Mailbox.reverse((SystemMessage) Mailbox.SYSTEM_QUEUE.getAndSet(cell, Mailbox.DEAD));
            for (SystemMessage m = pending; m != null; m = m.next) {
                cell.answerWhenDead(m, cell.exitReason);
            }
        }
        cell.drainToDeadLetters();
    }

    /** A supervisor gave up on this cell: release the name now, finish as killed, report nothing. Any thread. */
    static void abandon(ActorCell<?> cell) {
        cell.abandoned = true;
        CellEvents.stopped(cell, ExitReason.KILLED); // now: its name is released now, its run may never end
        ActorCell<?> parent = cell.parentCell();
        if (parent != null) {
            parent.removeChild(cell);
        }
        cell.sendSystem(new SystemMessage.Kill());
    }

    /**
     * The system's shutdown timed out with this cell alive: it is terminated as far as the rest of the
     * world is concerned (sends are dead-lettered), and its mailbox is drained now if no run holds it.
     * Any thread.
     *
     * @return what the cell was doing, for the shutdown report
     */
    static String abandonAtShutdown(ActorCell<?> cell) {
        long inRun = cell.runnerId;
        String doing = inRun != 0L ? "still handling a message on " + threadName(cell, inRun)
                : switch (cell.lifecycle) {
                    case STOPPING -> "stopping: waiting for its children to stop";
                    case RESTARTING, HALTING -> "restarting: waiting for its children to stop";
                    case NEW -> "never started";
                    case RUNNING, SUSPENDED, HALTED, TERMINATED ->
                            "not scheduled to run (" + Introspection.state(cell) + ")";
                };
        cell.abandoned = true;
        cell.exitReason = ExitReason.KILLED;
        cell.drainIfIdle();
        return doing;
    }

    /**
     * @return the name of the thread with this id inside the cell's run: the thread the run keeps when it
     *     is not a pool worker's own; else the worker the cell's pool finds, or (a pool behind a dispatcher
     *     of the user's) the live platform thread with that id; "thread #id" if the run ended meanwhile
     */
    private static String threadName(ActorCell<?> cell, long threadId) {
        Thread tracked = cell.trackedRunner;
        if (tracked != null && tracked.threadId() == threadId) {
            return tracked.getName();
        }
        if (cell.dispatcher() instanceof WorkStealingDispatcher pool) {
            String worker = pool.workerName(threadId);
            if (worker != null) {
                return worker;
            }
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) { // rare: a worker of a wrapped pool
            if (t.threadId() == threadId) {
                return t.getName();
            }
        }
        return "thread #" + threadId;
    }
}

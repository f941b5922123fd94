package io.otp4j.internal;

import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;

/**
 * What a cell does with its system channel: stops and kills, exit signals, watches and links, its children's
 * ends and failures, and its supervisor's orders. Drained in arrival order before any message. The state
 * lives in the cell (one object per actor): these are its steps, run only.
 */
final class SignalHandling {

    private SignalHandling() {}

    /** Handles every signal waiting in the cell's system channel; a terminated cell answers them as dead. */
    static void processSystemMessages(ActorCell<?> cell) {
        for (;;) {
            SystemMessage head = cell.systemQueue;
            if (head == null || head == Mailbox.DEAD) {
                return;
            }
            SystemMessage batch = (SystemMessage) Mailbox.SYSTEM_QUEUE.getAndSet(cell, null);
            for (SystemMessage m = Mailbox.reverse(batch); m != null; ) {
                SystemMessage next = m.next;
                m.next = null;
                if (cell.lifecycle == Lifecycle.TERMINATED) {
                    cell.answerWhenDead(m, cell.exitReason);
                } else {
                    handle(cell, m);
                }
                m = next;
            }
        }
    }

    private static void handle(ActorCell<?> cell, SystemMessage message) {
        switch (message) {
            case SystemMessage.Stop s -> {
                if (s.done != null) {
                    cell.relations().stopWaiters.add(s.done);
                }
                CellShutdown.beginStop(cell, LifecycleSignal.STOP, s.reason);
            }
            case SystemMessage.Kill k -> CellShutdown.beginStop(cell, LifecycleSignal.KILL, ExitReason.KILLED);
            case SystemMessage.ExitSignal e -> onExitSignal(cell, e);
            case SystemMessage.Watch w -> cell.relations().addWatcher(w.watcher);
            case SystemMessage.Unwatch u -> {
                if (cell.relationsOrNull() != null) {
                    cell.relationsOrNull().removeWatcher(u.watcher);
                }
            }
            case SystemMessage.DeathNotice d -> onDeathNotice(cell, d);
            case SystemMessage.Link l -> cell.relations().links.add(l.other);
            case SystemMessage.Unlink u -> {
                if (cell.relationsOrNull() != null) {
                    cell.relationsOrNull().links.remove(u.other);
                }
            }
            case SystemMessage.LinkExit e -> onLinkExit(cell, e);
            case SystemMessage.ChildTerminated t -> CellShutdown.onChildTerminated(cell, t);
            case SystemMessage.ChildFailed f -> onChildFailed(cell, f);
            case SystemMessage.Restart r -> onRestart(cell, r);
            case SystemMessage.Halt h -> onHalt(cell);
            case SystemMessage.Crash c -> onCrash(cell, c);
            case SystemMessage.OnTermination h -> cell.relations().terminationHooks.add(h.hook);
            case SystemMessage.Dead d -> { }
        }
    }

    /** Its supervisor orders a restart: of a suspended or halted actor; a running one says it runs. */
    private static void onRestart(ActorCell<?> cell, SystemMessage.Restart restart) {
        Lifecycle from = cell.lifecycle;
        Lifecycle to = from.next(LifecycleSignal.RESTART);
        if (to == null) {
            return;
        }
        if (from == to) { // already restarted: say so, never leave a waiter hanging
            if (cell.listener() != null) {
                cell.listener().started(cell, cell.incarnation, null);
            }
            return;
        }
        if (!restart.keepMailbox) { // a restart that does not keep the mailbox discards what waits in it
            cell.drainToDeadLetters(DeadLetter.Reason.DISCARDED_ON_RESTART);
        }
        if (to == Lifecycle.RESTARTING) {
            Incarnations.dropInstance(cell, to);
        } else { // halted: its postStop ran then
            cell.lifecycle = to;
            Incarnations.startInstance(cell);
        }
    }

    /** Its supervisor orders a halt: the instance stops, and the cell waits for a restart. */
    private static void onHalt(ActorCell<?> cell) {
        Lifecycle to = cell.lifecycle.next(LifecycleSignal.HALT);
        if (to == Lifecycle.HALTING) {
            Incarnations.dropInstance(cell, to);
        } else if (to == Lifecycle.HALTED) { // no instance to stop
            cell.lifecycle = to;
            if (cell.listener() != null) {
                cell.listener().halted(cell);
            }
        }
    }

    /** Its supervisor crashes it: a supervised, running actor is suspended as if it had escalated. */
    private static void onCrash(ActorCell<?> cell, SystemMessage.Crash crash) {
        Lifecycle to = cell.lifecycle.next(LifecycleSignal.CRASH);
        if (to != null && cell.listener() != null) {
            cell.lifecycle = to;
            cell.listener().failed(cell, cell.incarnation, crash.cause);
        }
    }

    private static void onDeathNotice(ActorCell<?> cell, SystemMessage.DeathNotice notice) {
        Object custom = cell.relationsOrNull() == null ? null : cell.relationsOrNull().watching.remove(notice.dead);
        if (custom == null) {
            return; // unwatched meanwhile
        }
        if (custom == Relations.NO_MESSAGE) {
            deliverNotice(cell, new Signal.Terminated(notice.dead.presented(), notice.reason));
        } else {
            deliverNotice(cell, new Relations.Notice(custom));
        }
    }

    private static void onLinkExit(ActorCell<?> cell, SystemMessage.LinkExit exit) {
        Relations relations = cell.relationsOrNull();
        if (relations == null || !relations.links.remove(exit.from)) {
            return; // unlinked meanwhile
        }
        if (relations.trapExits) {
            deliverNotice(cell, new Signal.Exit(exit.from.presented(), exit.reason));
        } else if (!(exit.reason instanceof ExitReason.Normal)) {
            CellShutdown.beginStop(cell, LifecycleSignal.STOP, exit.reason);
        }
    }

    /**
     * Erlang's {@code exit(Pid, Reason)} arriving: {@code kill} ({@link ExitReason.Killed}) cannot be trapped
     * and kills; a trapping actor gets every other reason as {@link Signal.Exit}; otherwise the actor stops
     * with the reason, except {@code normal} from another actor, which is ignored.
     */
    private static void onExitSignal(ActorCell<?> cell, SystemMessage.ExitSignal exit) {
        if (exit.reason instanceof ExitReason.Killed) {
            CellShutdown.beginStop(cell, LifecycleSignal.KILL, ExitReason.KILLED);
        } else if (cell.relationsOrNull() != null && cell.relationsOrNull().trapExits) {
            deliverNotice(cell, new Signal.Exit(exit.from.presented(), exit.reason));
        } else if (!(exit.reason instanceof ExitReason.Normal) || exit.from == cell) {
            CellShutdown.beginStop(cell, LifecycleSignal.STOP, exit.reason);
        }
    }

    private static void onChildFailed(ActorCell<?> cell, SystemMessage.ChildFailed failed) {
        if (cell.lifecycle.next(LifecycleSignal.CHILD_FAILED) == null) {
            return; // the child is being stopped with the rest
        }
        if (cell.parentCell() == null) {
            ActorCell.LOG.error("top-level actor {} crashed; stopping it", failed.child, failed.cause);
        }
        failed.child.sendSystem(new SystemMessage.Stop(ExitReason.failed(failed.cause)));
    }

    /**
     * Delivers a signal, or a {@code watchWith} message wrapped in {@link Relations.Notice}, now if the
     * actor is running; keeps it for the next instance while the actor is suspended, restarting, halting or
     * halted; drops it once the actor is stopping.
     */
    @SuppressWarnings("unchecked")
    static <M> void deliverNotice(ActorCell<M> cell, Object notice) {
        switch (cell.lifecycle) {
            case SUSPENDED, RESTARTING, HALTING, HALTED -> {
                cell.relations().deferred.add(notice);
                return;
            }
            case NEW, STOPPING, TERMINATED -> {
                return;
            }
            case RUNNING -> { }
        }
        try {
            if (notice instanceof Relations.Notice(Object message)) {
                cell.actor.receive((M) message, cell);
            } else {
                cell.actor.onSignal((Signal) notice, cell);
            }
        } catch (Throwable t) {
            Incarnations.handleFailure(cell, t);
        }
    }

    /** Hands the notices kept while the actor was not running to the running instance. */
    static void flushDeferredNotices(ActorCell<?> cell) {
        Relations r = cell.relationsOrNull();
        while (r != null && !r.deferred.isEmpty() && cell.lifecycle == Lifecycle.RUNNING) {
            deliverNotice(cell, r.deferred.removeFirst());
        }
    }
}

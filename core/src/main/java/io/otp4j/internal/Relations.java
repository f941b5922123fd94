package io.otp4j.internal;

import io.otp4j.actor.ExitReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An actor's watches and links (Erlang monitors and links), created on first use so that actors without
 * any pay nothing. Run only: touched exclusively from the owning cell's run.
 */
final class Relations {

    /** Marks a plain watch (a {@code Terminated} signal) in {@link #watching}. */
    static final Object NO_MESSAGE = new Object();

    /** Who watches this actor. */
    private final List<ActorCell<?>> watchers = new ArrayList<>(2);
    /** Whom this actor watches, with the message to receive on termination (or {@link #NO_MESSAGE}). */
    final Map<ActorCell<?>, Object> watching = new HashMap<>(4);
    /** Linked actors, both ways. */
    final Set<ActorCell<?>> links = new HashSet<>(4);
    boolean trapExits;
    /** Signals and watchWith messages that arrived while the actor had no running instance. */
    final ArrayDeque<Object> deferred = new ArrayDeque<>(2);

    /** Run at termination, before watchers and links are told: registry and subscription clean-up. */
    final List<java.util.function.Consumer<ExitReason>> terminationHooks = new ArrayList<>(1);

    /**
     * Stops from outside waiting for the end ({@code ActorSystem.stop}): completed last, once watchers, links
     * and the parent have been told, so that whoever waits sees every consequence of the death under way.
     */
    final List<java.util.concurrent.CompletableFuture<ExitReason>> stopWaiters = new ArrayList<>(0);

    /** A {@code watchWith} message waiting in {@link #deferred}. */
    record Notice(Object message) {}

    void addWatcher(ActorCell<?> watcher) {
        if (!watchers.contains(watcher)) {
            watchers.add(watcher);
        }
    }

    void removeWatcher(ActorCell<?> watcher) {
        watchers.remove(watcher);
    }

    /** The owner terminated: run the clean-up hooks, before anyone is told. */
    void runTerminationHooks(ExitReason reason) {
        for (var hook : terminationHooks) {
            ActorCell.runHook(hook, reason);
        }
    }

    /** The owner terminated: notify watchers and links, and drop the owner's own watches. */
    void notifyTermination(ActorCell<?> self, ExitReason reason) {
        for (ActorCell<?> w : watchers) {
            w.sendSystem(new SystemMessage.DeathNotice(self, reason));
        }
        for (ActorCell<?> l : links) {
            l.sendSystem(new SystemMessage.LinkExit(self, reason));
        }
        for (ActorCell<?> watched : watching.keySet()) {
            watched.sendSystem(new SystemMessage.Unwatch(self));
        }
    }
}

package io.otp4j.nats;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node's local agent: watches every local actor the node has exported (sent to another node or exposed
 * by name), forgets it when it terminates, and tells the remote nodes that watch it. Carries exit signals
 * from remote linked actors to local ones, and keeps which remote actors are linked to which local ones:
 * when a remote actor's node goes down (or leaves), each local actor linked from it gets the exit signal
 * with {@link NodeDown}, as if that actor had exited with it. State is the agent's own: only its run touches it.
 */
final class Agent implements Actor<Agent.Msg> {

    sealed interface Msg permits Export, WatchedBy, LinkedFrom, UnlinkedFrom, LinkExit, Forget {}

    /** {@code local} was exported: forget it when it terminates. */
    record Export(ActorRef<?> local) implements Msg {}

    /** The node {@code watcher} watches {@code local}. */
    record WatchedBy(ActorRef<?> local, NodeAddress watcher) implements Msg {}

    /** The remote actor {@code from} linked to {@code local}. */
    record LinkedFrom(ActorRef<?> local, RemoteRef<?> from) implements Msg {}

    /** The remote actor {@code from} undid its link to {@code local}. */
    record UnlinkedFrom(ActorRef<?> local, RemoteRef<?> from) implements Msg {}

    /** The remote actor {@code from}, linked to {@code local}, exited with {@code reason}. */
    record LinkExit(ActorRef<?> local, RemoteRef<?> from, ExitReason reason) implements Msg {}

    /** {@code node} is down: it watches nothing any more, and its actors' links to local ones end. */
    record Forget(NodeAddress node) implements Msg {}

    private final NatsNode node;
    private final Map<ActorRef<?>, Set<NodeAddress>> watchers = new HashMap<>();
    /** The remote actors linked to each local one. */
    private final Map<ActorRef<?>, Set<RemoteRef<?>>> linkedFrom = new HashMap<>();

    Agent(NatsNode node) {
        this.node = node;
    }

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) {
        switch (msg) {
            case Export(var local) -> ctx.watch(local);
            case WatchedBy(var local, var watcher) -> {
                ctx.watch(local);
                watchers.computeIfAbsent(local, l -> new LinkedHashSet<>()).add(watcher);
                node.remotelyWatched.add(local);
            }
            case LinkedFrom(var local, var from) -> {
                ctx.watch(local);
                if (linkedFrom.computeIfAbsent(local, l -> new LinkedHashSet<>()).add(from)) {
                    node.remotelyLinked.merge(local, 1, Integer::sum);
                }
            }
            case UnlinkedFrom(var local, var from) -> forgetLink(local, from);
            case LinkExit(var local, var from, var reason) -> {
                forgetLink(local, from); // the link ended with the exit
                sendExit(ctx, local, from, reason);
            }
            case Forget(var down) -> {
                watchers.values().forEach(nodes -> nodes.remove(down));
                ExitReason reason = new ExitReason.Custom(new NodeDown(down));
                for (var entry : List.copyOf(linkedFrom.entrySet())) {
                    for (RemoteRef<?> from : List.copyOf(entry.getValue())) {
                        if (from.address.equals(down)) {
                            forgetLink(entry.getKey(), from);
                            sendExit(ctx, entry.getKey(), from, reason);
                        }
                    }
                }
            }
        }
    }

    private void forgetLink(ActorRef<?> local, RemoteRef<?> from) {
        Set<RemoteRef<?>> remotes = linkedFrom.get(local);
        if (remotes != null && remotes.remove(from)) {
            node.remotelyLinked.computeIfPresent(local, (l, n) -> n > 1 ? n - 1 : null);
            if (remotes.isEmpty()) {
                linkedFrom.remove(local);
            }
        }
    }

    /** Sends {@code local} the exit signal of its remote linked actor {@code from}. */
    private static void sendExit(ActorContext<Msg> ctx, ActorRef<?> local, RemoteRef<?> from, ExitReason reason) {
        // the exit signal must name the remote actor, not this agent: a one-off courier sends it, which a watch
        // of the remote ref standing on it makes the runtime present as that ref
        ActorRef<ExitCourier.Go> courier = ctx.system().spawnAnonymous(() -> new ExitCourier(local, reason));
        RemoteRef<?> presented = from.standingIn(courier);
        ctx.watch(presented);
        ctx.unwatch(presented);
        courier.tell(ExitCourier.Go.GO);
    }

    /** Sends one exit signal on the agent's behalf, presented as the remote actor that exited, and stops. */
    static final class ExitCourier implements Actor<ExitCourier.Go> {
        enum Go { GO }

        private final ActorRef<?> target;
        private final ExitReason reason;

        ExitCourier(ActorRef<?> target, ExitReason reason) {
            this.target = target;
            this.reason = reason;
        }

        @Override
        public void receive(Go go, ActorContext<Go> ctx) {
            ctx.exit(target, reason);
            ctx.stop();
        }
    }

    @Override
    public void onSignal(Signal signal, ActorContext<Msg> ctx) {
        if (signal instanceof Signal.Terminated(var ref, var reason)) {
            node.unexport(ref);
            linkedFrom.remove(ref);
            node.remotelyLinked.remove(ref);
            Set<NodeAddress> watching = watchers.remove(ref);
            node.remotelyWatched.remove(ref);
            if (watching != null) {
                for (NodeAddress watcher : watching) {
                    node.tellDown(watcher, ref, reason);
                }
            }
        }
    }
}

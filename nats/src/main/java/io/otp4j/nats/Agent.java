package io.otp4j.nats;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A node's local agent: watches every local actor the node has exported (sent to another node or exposed
 * by name), forgets it when it terminates, and tells the remote nodes that watch it. Carries exit signals
 * from remote linked actors to local ones. State is the agent's own: only its run touches it.
 */
final class Agent implements Actor<Agent.Msg> {

    sealed interface Msg permits Export, WatchedBy, LinkExit, Forget {}

    /** {@code local} was exported: forget it when it terminates. */
    record Export(ActorRef<?> local) implements Msg {}

    /** The node {@code watcher} watches {@code local}. */
    record WatchedBy(ActorRef<?> local, NodeAddress watcher) implements Msg {}

    /** The remote actor {@code from}, linked to {@code local}, exited with {@code reason}. */
    record LinkExit(ActorRef<?> local, RemoteRef<?> from, ExitReason reason) implements Msg {}

    /** {@code node} is down: it watches nothing any more. */
    record Forget(NodeAddress node) implements Msg {}

    private final NatsNode node;
    private final Map<ActorRef<?>, Set<NodeAddress>> watchers = new HashMap<>();

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
            case LinkExit(var local, var from, var reason) -> {
                // the exit signal must name the remote actor, not this agent: a one-off courier sends it, which a
                // watch of the remote ref standing on it makes the runtime present as that ref
                ActorRef<ExitCourier.Go> courier = ctx.system().spawnAnonymous(() -> new ExitCourier(local, reason));
                RemoteRef<?> presented = from.standingIn(courier);
                ctx.watch(presented);
                ctx.unwatch(presented);
                courier.tell(ExitCourier.Go.GO);
            }
            case Forget(var down) -> watchers.values().forEach(nodes -> nodes.remove(down));
        }
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

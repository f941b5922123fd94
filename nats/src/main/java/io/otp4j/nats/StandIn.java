package io.otp4j.nats;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;

/**
 * The local stand-in of one remote actor ({@link io.otp4j.actor.ForeignRef#standIn()}): local watchers and
 * links attach to it, and it stops with the remote actor's exit reason, or with {@link NodeDown} when the
 * remote node is declared down. At start it asks the remote node to tell it of the actor's end.
 *
 * <p>It traps exits: a local actor linked to it that exits arrives as {@link Signal.Exit}, which it passes
 * on to the remote actor; the stand-in itself goes on.
 */
final class StandIn implements Actor<StandIn.Down> {

    /** The remote actor terminated with {@code reason}, or its node is down. */
    record Down(ExitReason reason) {}

    private final NatsNode node;
    private final RemoteRef<?> target;

    StandIn(NatsNode node, RemoteRef<?> target) {
        this.node = node;
        this.target = target;
    }

    @Override
    public void preStart(ActorContext<Down> ctx) {
        ctx.trapExits(true);
        node.watchRemote(target, ctx.self());
    }

    @Override
    public void receive(Down down, ActorContext<Down> ctx) {
        ctx.exit(down.reason());
    }

    @Override
    public void onSignal(Signal signal, ActorContext<Down> ctx) {
        if (signal instanceof Signal.Exit(var from, var reason)) {
            node.linkExit(target, from, reason);
        }
    }

    @Override
    public void postStop(ActorContext<Down> ctx) {
        node.standInEnded(target, ctx.self());
    }
}

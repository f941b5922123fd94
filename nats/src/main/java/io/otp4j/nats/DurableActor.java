package io.otp4j.nats;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.Signal;

/**
 * The actor of a durable mailbox: runs the user's actor and acknowledges each message once its handler has
 * returned, so that a crash before that delivers it again; a handler that throws gives the message back at once.
 */
final class DurableActor<M> implements Actor<Durable<M>> {

    private final Actor<Durable<M>> handler;

    DurableActor(Actor<Durable<M>> handler) {
        this.handler = handler;
    }

    @Override
    public void receive(Durable<M> message, ActorContext<Durable<M>> ctx) throws Exception {
        try {
            handler.receive(message, ctx);
        } catch (Exception | Error e) {
            message.nak();
            throw e;
        }
        message.ack();
    }

    @Override
    public void preStart(ActorContext<Durable<M>> ctx) throws Exception {
        handler.preStart(ctx);
    }

    @Override
    public void postStop(ActorContext<Durable<M>> ctx) throws Exception {
        handler.postStop(ctx);
    }

    @Override
    public void onSignal(Signal signal, ActorContext<Durable<M>> ctx) throws Exception {
        handler.onSignal(signal, ctx);
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<Durable<M>> ctx) {
        return handler.onFailure(cause, ctx);
    }
}

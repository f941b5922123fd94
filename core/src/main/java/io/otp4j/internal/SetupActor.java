package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link Actor#setup} returns: a placeholder that the runtime replaces, when it builds the instance,
 * by what the function builds from the actor's context. It never handles a message itself. Internal.
 *
 * @param <M> the actor's message type
 */
public final class SetupActor<M> implements Actor<M> {

    private final Function<? super ActorContext<M>, ? extends Actor<M>> factory;

    /** @param factory builds the actor from its context; never null */
    public SetupActor(Function<? super ActorContext<M>, ? extends Actor<M>> factory) {
        this.factory = Objects.requireNonNull(factory, "setup factory must not be null");
    }

    /** Builds the actor, setting up again if it is another setup. Run only, before {@code preStart}. */
    static <M> Actor<M> build(Actor<M> created, ActorContext<M> ctx) {
        Actor<M> actor = created;
        while (actor instanceof SetupActor<M> setup) {
            actor = setup.factory.apply(ctx);
            if (actor == null) {
                throw new NullPointerException("actor setup returned null for " + ctx.self().path());
            }
        }
        return actor;
    }

    @Override
    public void receive(M message, ActorContext<M> ctx) {
        throw new IllegalStateException("an Actor.setup placeholder handles no message: only a runtime that "
                + "builds it from its factory replaces it with the actor");
    }
}

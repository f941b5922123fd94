package io.otp4j.actor;

import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link Actor#setup} returns: a placeholder that the runtime replaces, when it builds the instance,
 * by what the function builds from the actor's context ({@link #build}). It never handles a message itself.
 *
 * @param <M> the actor's message type
 */
public final class SetupActor<M> implements Actor<M> {

    private final Function<? super ActorContext<M>, ? extends Actor<M>> factory;

    /** @param factory builds the actor from its context; never null */
    SetupActor(Function<? super ActorContext<M>, ? extends Actor<M>> factory) {
        this.factory = Objects.requireNonNull(factory, "setup factory must not be null");
    }

    /**
     * Builds the actor, setting up again if it is another setup: what the runtime calls as an actor starts,
     * before {@code preStart}. Applications never need it.
     *
     * @param created what the actor's factory returned
     * @param ctx the starting actor's context
     * @param <M> the actor's message type
     * @return {@code created} itself, or what its setup built from {@code ctx}
     * @throws NullPointerException if a setup returned null
     */
    public static <M> Actor<M> build(Actor<M> created, ActorContext<M> ctx) {
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

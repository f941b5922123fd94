package io.otp4j.registry;

import io.otp4j.actor.ActorRef;

/**
 * A name is already registered to another live actor (Erlang's {@code register/2} fails with
 * {@code badarg}). The name's holder is unchanged.
 */
public final class AlreadyRegisteredException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient ActorRef<?> holder;

    /**
     * @param name the name that is taken
     * @param holder the actor that holds it
     */
    public AlreadyRegisteredException(String name, ActorRef<?> holder) {
        super("name '" + name + "' is already registered to " + holder);
        this.name = name;
        this.holder = holder;
    }

    /** @return the name that is taken */
    public String name() {
        return name;
    }

    /** @return the actor that holds it */
    public ActorRef<?> holder() {
        return holder;
    }
}

package io.otp4j.nats;

import io.otp4j.actor.ActorRef;

/**
 * {@code Registry.of(system).unregister(key)} on a distributed system, for a name that an actor of another node
 * holds. Only the holder's node may release a name: it keeps the name in its own registry too, for lock-free
 * lookups, and a release from elsewhere would leave that copy behind. Nothing was changed. Stop the holder, or
 * have its node unregister the name.
 */
public final class NameHeldElsewhereException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient ActorRef<?> holder;

    /**
     * @param name the name
     * @param holder the actor of another node that holds it
     */
    public NameHeldElsewhereException(String name, ActorRef<?> holder) {
        super("name '" + name + "' is held by " + holder + " on another node; only that node can release it");
        this.name = name;
        this.holder = holder;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the actor that holds it (null once this exception has been deserialized) */
    public ActorRef<?> holder() {
        return holder;
    }
}

package io.otp4j.internal;

import io.otp4j.actor.ActorSystem;
import java.util.Objects;
import java.util.function.Function;

/**
 * The runtime as the feature packages built on it (registry, broker, router, supervisor) see it: the one
 * class of this package they may use. Everything else here is package-private.
 */
public final class RuntimeAccess {

    private RuntimeAccess() {}

    /**
     * A feature of a system (its registry, its broker), made on first use and kept for the system's life:
     * the extension pattern, so that {@link ActorSystem} names none of the features built on it.
     *
     * @param system the system
     * @param type the feature's type, its key
     * @param factory makes it, once; must not ask for another feature
     * @param <T> the feature's type
     * @return the system's one instance
     * @throws NullPointerException if {@code system} is null
     * @throws IllegalArgumentException if {@code system} is not one this runtime made
     */
    public static <T> T feature(ActorSystem system, Class<T> type, Function<ActorSystem, ? extends T> factory) {
        return local(system).feature(type, factory);
    }

    private static LocalActorSystem local(ActorSystem system) {
        Objects.requireNonNull(system, "system must not be null");
        if (system instanceof LocalActorSystem local) {
            return local;
        }
        throw new IllegalArgumentException(system + " was not made by ActorSystem.create");
    }
}

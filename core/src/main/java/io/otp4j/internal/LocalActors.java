package io.otp4j.internal;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;

/**
 * Which system an actor belongs to. A system may act only on its own actors (stop, kill, register a name, a
 * group membership, a subscription): only their termination reaches its clean-up, and stopping another
 * system's actor from this one is a mistake, never what was meant. Two systems may share a name, so the check
 * is by runtime, not by name. Internal: for the runtime, the registry and the broker.
 */
final class LocalActors {

    private LocalActors() {}

    /**
     * @param system the system that is asked to act
     * @param ref an actor
     * @return the actor's cell
     * @throws NullPointerException if {@code ref} is null
     * @throws IllegalArgumentException if {@code ref} is not an actor of {@code system}; the message names both
     *     systems
     */
    public static ActorCell<?> of(ActorSystem system, ActorRef<?> ref) {
        ActorCell<?> cell = SystemRuntime.local(ref);
        ActorSystem owner = cell.runtime().system();
        if (owner != system) {
            throw new IllegalArgumentException(ref + " is an actor of " + (owner.name().equals(system.name())
                    ? "another actor system also named '" + owner.name() + "'"
                    : "actor system '" + owner.name() + "'") + ", not of actor system '" + system.name() + "'");
        }
        return cell;
    }
}

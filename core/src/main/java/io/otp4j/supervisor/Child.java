package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import java.util.Optional;
import java.util.function.Supplier;

/** A supervisor's record of one child spec and its current actor. Supervisor thread only. */
final class Child {
    /** The spec's id; for a SIMPLE_ONE_FOR_ONE child, the name the runtime gave its current actor. */
    String id;
    final ChildSpec<?> spec;
    /** The number of the live instance, from its last start; older instances' failures are stale. */
    int incarnation;
    /** The live cell (running, suspended or halted), or null when there is none. */
    ActorRef<?> ref;
    ChildStatus status = ChildStatus.UNDEFINED;
    int restarts;
    int consecutiveRestarts;
    long lastRestartNanos;
    int healthFailures;
    /** What the latest start's preStart handed over, for the reply to the request that started it. */
    Optional<Object> startInfo = Optional.empty();

    Child(String id, ChildSpec<?> spec) {
        this.id = id;
        this.spec = spec;
    }

    Supplier<?> factory() {
        return spec.factory();
    }

    Props props() {
        return spec.props();
    }

    boolean hasActor() {
        return ref != null;
    }

    @Override
    public String toString() {
        return id;
    }
}

package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import java.util.Optional;
import java.util.function.Supplier;

/** A supervisor's record of one child spec and its current actor. Supervisor thread only. */
final class Child {
    /**
     * The spec's id; for a SIMPLE_ONE_FOR_ONE child, the name of the latest actor that started for it (it stays
     * while a restart is retried, so the retry finds the child by it).
     */
    String id;
    final ChildSpec<?> spec;
    /** The number of the live instance, from its last start; older instances' failures are stale. */
    int incarnation;
    /** The live cell (running, suspended or halted), or null when there is none. */
    ActorRef<?> ref;
    /**
     * The ref its latest start handed out, kept after that actor terminated: a SIMPLE_ONE_FOR_ONE child whose
     * restart is due is still found by it, as OTP finds one by its old pid ({@code {restarting, Pid}}).
     */
    ActorRef<?> startedRef;
    ChildStatus status = ChildStatus.UNDEFINED;
    /**
     * Set while a strategy's group restart is to start this child again: its own restart (status RESTARTING)
     * or a sibling's (status UNDEFINED until its turn comes).
     */
    boolean restartDue;
    int restarts;
    int consecutiveRestarts;
    long lastRestartNanos;
    int healthFailures;
    /** Its health as its latest check answered it; healthy at each start. */
    Health health = Health.healthy();
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

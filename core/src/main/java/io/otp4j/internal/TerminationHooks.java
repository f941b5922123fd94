package io.otp4j.internal;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import java.util.function.Consumer;

/**
 * Clean-up that must happen exactly when an actor terminates (a registered name released, a
 * subscription removed), before its watchers and links are told, so that anyone reacting to the death
 * already sees the clean state. Internal: for the registry and the broker.
 */
final class TerminationHooks {

    private TerminationHooks() {}

    /**
     * Runs {@code hook} once when {@code actor} terminates, on the thread that terminates it; at once,
     * on the calling thread, if it has already terminated. The hook must be short and must not block.
     *
     * @param actor a local actor
     * @param hook receives the exit reason
     * @throws IllegalArgumentException if {@code actor} is not an actor of this runtime
     */
    public static void onTermination(ActorRef<?> actor, Consumer<ExitReason> hook) {
        SystemRuntime.local(actor).sendSystem(new SystemMessage.OnTermination(hook));
    }
}

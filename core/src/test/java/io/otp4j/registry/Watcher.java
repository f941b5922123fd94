package io.otp4j.registry;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches one actor from a helper actor and returns only once the watch is in place, so the test knows
 * it is among the actor's watchers <em>before</em> the actor terminates: it is then told of the
 * termination after the runtime's termination hooks (registry and broker clean-up) have run. A
 * {@code TestProbe} watch sent after the actor began to terminate may be answered earlier than that.
 *
 * <p>Shared by the tests of the registry, broker and router packages.
 */
public final class Watcher {

    private final CompletableFuture<ExitReason> terminated = new CompletableFuture<>();

    private Watcher() {}

    /**
     * @param system the target's system
     * @param target the actor to watch
     * @return a watcher whose watch is already registered with {@code target}
     */
    public static Watcher watch(ActorSystem system, ActorRef<?> target) {
        Watcher watcher = new Watcher();
        CompletableFuture<Void> watching = new CompletableFuture<>();
        system.<Object>spawnAnonymous(() -> new Actor<Object>() {
            @Override
            public void preStart(ActorContext<Object> ctx) {
                ctx.watch(target); // the Watch signal is in the target's channel before the future completes
                watching.complete(null);
            }

            @Override
            public void receive(Object message, ActorContext<Object> ctx) {}

            @Override
            public void onSignal(Signal signal, ActorContext<Object> ctx) {
                if (signal instanceof Signal.Terminated t) {
                    watcher.terminated.complete(t.reason());
                    ctx.stop();
                }
            }
        });
        watching.orTimeout(20, TimeUnit.SECONDS).join();
        return watcher;
    }

    /**
     * @return the target's exit reason, once it has terminated
     * @throws AssertionError if it does not terminate within 20 s
     */
    public ExitReason awaitTermination() {
        try {
            return terminated.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the watched actor did not terminate", e);
        }
    }
}

package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link ActorContext} belongs to its actor: used from any other thread (a captured callback, a
 * future's continuation) it fails at once with {@link WrongThreadException}, except for the operations
 * that are safe anywhere; used by its actor it works on every dispatcher.
 */
@OnEveryDispatcher
class ContextConfinementTest {

    private final ActorTestKit kit;

    ContextConfinementTest(DispatcherUnderTest on) {
        kit = on.testKit();
    }

    @AfterEach
    void closeKit() {
        kit.close();
    }

    /** Hands its context to whoever asks, and spawns a child when told to, on its own thread. */
    private static Actor<Object> leaking(TestProbe<Object> probe) {
        return (message, ctx) -> {
            if (message.equals("leak")) {
                probe.ref().tell(ctx);
            } else if (message.equals("spawn")) {
                ctx.spawnAnonymous(() -> (m, c) -> { });
                probe.ref().tell(ctx.children().size());
            }
        };
    }

    @Test
    void aContextUsedFromAnotherThreadFailsAtOnce() {
        TestProbe<Object> probe = kit.createTestProbe();
        ActorRef<Object> actor = kit.spawn(() -> leaking(probe));
        actor.tell("leak");
        @SuppressWarnings("unchecked")
        ActorContext<Object> leaked = (ActorContext<Object>) probe.receiveMessage();

        assertThatThrownBy(() -> leaked.spawnAnonymous(() -> (m, c) -> { }))
                .isInstanceOf(WrongThreadException.class)
                .hasMessageContaining(actor.toString());
        assertThatThrownBy(leaked::children).isInstanceOf(WrongThreadException.class);
        assertThatThrownBy(() -> leaked.watch(probe.ref())).isInstanceOf(WrongThreadException.class);
        assertThatThrownBy(leaked::timers).isInstanceOf(WrongThreadException.class);
        assertThatThrownBy(leaked::stop).isInstanceOf(WrongThreadException.class);
        // safe anywhere: what it names, and a way back in
        assertThat(leaked.self()).isEqualTo(actor);
        assertThat(leaked.system()).isSameAs(kit.system());

        actor.tell("spawn"); // the actor itself still can
        assertThat(probe.receiveMessage()).isEqualTo(1);
    }

    @Test
    void aContextCapturedByAFutureContinuationFailsThere() throws Exception {
        TestProbe<Object> probe = kit.createTestProbe();
        CompletableFuture<String> later = new CompletableFuture<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CompletableFuture<Void> continued = new CompletableFuture<>();
        ActorRef<String> actor = kit.spawn(() -> (String message, ActorContext<String> ctx) -> {
            later.thenRun(() -> { // runs on the completing thread, after this message
                try {
                    ctx.spawnAnonymous(() -> (m, c) -> { });
                } catch (Throwable t) {
                    seen.set(t);
                }
                continued.complete(null);
            });
            probe.ref().tell("armed");
        });
        actor.tell("go");
        probe.expectMessage("armed");
        later.complete("done");
        continued.get(30, TimeUnit.SECONDS);
        assertThat(seen.get()).isInstanceOf(WrongThreadException.class);
    }
}

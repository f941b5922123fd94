package io.otp4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.Signal;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.registry.Worker.Cmd;
import io.otp4j.registry.Worker.Received;
import io.otp4j.registry.Worker.Started;
import io.otp4j.registry.Worker.Text;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unique names: register, look up, release on termination, and the errors for misuse. */
@OnEveryDispatcher
class RegisteredNamesTest {

    private static final ServiceKey<Cmd> WORKER = ServiceKey.of("worker", Cmd.class);

    private final DispatcherUnderTest on;

    RegisteredNamesTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private Registry registry;
    private TestProbe<Object> observer;

    @BeforeEach
    void start() {
        kit = on.testKit();
        registry = Registry.of(kit.system());
        observer = kit.createTestProbe();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private ActorRef<Cmd> spawnWorker() {
        return kit.spawn(Worker.reportingTo(observer.ref()));
    }

    @Test
    void aRegisteredActorIsFoundUnderItsKeyAndReceivesWhatIsSentThere() {
        ActorRef<Cmd> worker = spawnWorker();

        registry.register(WORKER, worker);

        assertThat(registry.lookup(WORKER)).contains(worker);
        registry.lookup(WORKER).orElseThrow().tell(new Text("hello"));
        observer.expectMessage(new Received(worker, "hello"));
        assertThat(registry.names()).containsExactly("worker");
    }

    @Test
    void lookingUpAFreeNameFindsNothing() {
        assertThat(registry.lookup(WORKER)).isEmpty();
        assertThat(registry.names()).isEmpty();
    }

    @Test
    void registeringANameHeldByAnotherLiveActorThrowsAlreadyRegisteredNamingTheHolder() {
        ActorRef<Cmd> holder = spawnWorker();
        ActorRef<Cmd> other = spawnWorker();
        registry.register(WORKER, holder);

        assertThatThrownBy(() -> registry.register(WORKER, other))
                .isInstanceOfSatisfying(AlreadyRegisteredException.class, e -> {
                    assertThat(e.name()).isEqualTo("worker");
                    assertThat(e.holder()).isEqualTo(holder);
                })
                .hasMessageContaining("worker").hasMessageContaining(holder.toString());
        assertThat(registry.lookup(WORKER)).contains(holder);
    }

    @Test
    void registeringTheSameActorUnderTheSameKeyAgainIsANoOp() {
        ActorRef<Cmd> worker = spawnWorker();
        registry.register(WORKER, worker);

        registry.register(WORKER, worker);

        assertThat(registry.lookup(WORKER)).contains(worker);
    }

    @Test
    void lookingUpANameWithAKeyOfAnotherMessageTypeThrowsKeyTypeMismatch() {
        registry.register(WORKER, spawnWorker());
        ServiceKey<String> sameIdOtherType = ServiceKey.of("worker", String.class);

        assertThatThrownBy(() -> registry.lookup(sameIdOtherType))
                .isInstanceOfSatisfying(KeyTypeMismatchException.class, e -> {
                    assertThat(e.name()).isEqualTo("worker");
                    assertThat(e.boundType()).isEqualTo(Cmd.class);
                    assertThat(e.requestedType()).isEqualTo(String.class);
                })
                .hasMessageContaining(Cmd.class.getName()).hasMessageContaining(String.class.getName());
    }

    @Test
    void registeringAnActorAgainUnderItsNameWithAnotherTypeThrowsKeyTypeMismatch() {
        ActorRef<Object> any = kit.<Object>spawn(() -> (msg, ctx) -> { });
        registry.register(ServiceKey.of("any", Object.class), any);

        assertThatThrownBy(() -> registry.register(ServiceKey.of("any", String.class), any.narrow()))
                .isInstanceOf(KeyTypeMismatchException.class);
        assertThat(registry.lookup(ServiceKey.of("any", Object.class))).contains(any);
    }

    @Test
    void anActorMayHoldSeveralNames() {
        ActorRef<Cmd> worker = spawnWorker();
        ServiceKey<Cmd> alias = ServiceKey.of("alias", Cmd.class);

        registry.register(WORKER, worker);
        registry.register(alias, worker);

        assertThat(registry.lookup(WORKER)).contains(worker);
        assertThat(registry.lookup(alias)).contains(worker);
        assertThat(registry.names()).containsExactlyInAnyOrder("worker", "alias");
    }

    @Test
    void unregisterFreesTheNameAndSaysWhetherItWasHeld() {
        ActorRef<Cmd> worker = spawnWorker();
        registry.register(WORKER, worker);

        assertThat(registry.unregister(WORKER)).isTrue();
        assertThat(registry.unregister(WORKER)).isFalse();

        assertThat(registry.lookup(WORKER)).isEmpty();
        ActorRef<Cmd> next = spawnWorker();
        registry.register(WORKER, next);
        assertThat(registry.lookup(WORKER)).contains(next);
    }

    /** How a registered actor comes to its end. */
    enum Ending { STOPPED_FROM_OUTSIDE, STOPPED_ITSELF, CRASHED, KILLED }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Ending.class)
    void aNameIsReleasedWhenItsActorTerminatesWhateverTheReason(Ending ending) {
        ActorRef<Cmd> worker = spawnWorker();
        registry.register(WORKER, worker);
        registry.register(ServiceKey.of("second-name", Cmd.class), worker);
        Watcher watcher = Watcher.watch(kit.system(), worker);

        switch (ending) {
            case STOPPED_FROM_OUTSIDE -> kit.system().stop(worker);
            case STOPPED_ITSELF -> worker.tell(new Worker.Quit());
            case CRASHED -> worker.tell(new Worker.Crash("on purpose"));
            case KILLED -> kit.system().kill(worker);
        }
        watcher.awaitTermination();

        assertThat(registry.names()).isEmpty();
        assertThat(registry.lookup(WORKER)).isEmpty();
    }

    /** On the holder's termination, reports the names registered at that moment. */
    record Watch(ActorRef<?> target) {}

    @Test
    void aNameIsReleasedBeforeTheHoldersWatchersHearOfItsTermination() {
        ActorRef<Cmd> worker = spawnWorker();
        registry.register(WORKER, worker);
        CompletableFuture<Void> watching = new CompletableFuture<>();
        ActorRef<Watch> watcher = kit.spawn(() -> new Actor<Watch>() {
            @Override
            public void receive(Watch message, ActorContext<Watch> ctx) {
                ctx.watch(message.target());
                watching.complete(null);
            }

            @Override
            public void onSignal(Signal signal, ActorContext<Watch> ctx) {
                observer.ref().tell(List.copyOf(registry.names())); // read the map itself, not lookup
            }
        });
        watcher.tell(new Watch(worker));
        watching.join();

        kit.system().stop(worker);

        assertThat(observer.receiveMessage()).isEqualTo(List.of());
    }

    @Test
    void stopAwaitTerminatedAndRegisterAgainNeverFindsTheNameTaken() {
        for (int round = 0; round < 200; round++) {
            ActorRef<Cmd> worker = spawnWorker();
            registry.register(WORKER, worker);
            kit.system().stop(worker);
            observer.expectTerminated(worker);

            ActorRef<Cmd> successor = spawnWorker();
            registry.register(WORKER, successor); // must not throw AlreadyRegisteredException

            assertThat(registry.lookup(WORKER)).contains(successor);
            kit.system().stop(successor);
            observer.expectTerminated(successor);
        }
    }

    @Test
    void anActorRegisteredInPreStartKeepsItsNameAcrossAnInPlaceRestart() {
        ActorRef<Cmd> worker = kit.spawn(() -> new Actor<Cmd>() {
            @Override
            public void preStart(ActorContext<Cmd> ctx) {
                Registry.of(ctx.system()).register(WORKER, ctx.self());
                observer.ref().tell(new Started(ctx.self()));
            }

            @Override
            public void receive(Cmd message, ActorContext<Cmd> ctx) {
                if (message instanceof Worker.Crash) {
                    throw new IllegalStateException("crash");
                }
                if (message instanceof Text(var value)) {
                    observer.ref().tell(new Received(ctx.self(), value));
                }
            }

            @Override
            public ErrorAction onFailure(Throwable cause, ActorContext<Cmd> ctx) {
                return ErrorAction.RESTART;
            }
        });
        observer.expectMessage(new Started(worker));

        worker.tell(new Worker.Crash("restart me"));
        observer.expectMessage(new Started(worker)); // preStart registered again without failing
        registry.lookup(WORKER).orElseThrow().tell(new Text("still here"));

        observer.expectMessage(new Received(worker, "still here"));
    }

    @Test
    void registeringATerminatedActorThrowsDeadActorException() {
        ActorRef<Cmd> worker = spawnWorker();
        kit.system().stop(worker);
        observer.expectTerminated(worker);

        assertThatThrownBy(() -> registry.register(WORKER, worker)).isInstanceOf(DeadActorException.class);
        assertThat(registry.lookup(WORKER)).isEmpty();
    }

    @Test
    void aRefThatIsNotAnActorOfThisRuntimeCannotBeRegistered() {
        // an ask's reply address is a ref, but not an actor whose termination the registry could see
        ActorRef<Object> captor = kit.<Object>spawn(() -> (msg, ctx) -> observer.ref().tell(msg));
        CompletableFuture<String> unused = captor.<String>ask(replyTo -> replyTo, Duration.ofMinutes(1))
                .toCompletableFuture();
        @SuppressWarnings("unchecked")
        ActorRef<String> replyAddress = (ActorRef<String>) observer.receiveMessage();

        assertThatThrownBy(() -> registry.register(ServiceKey.of("reply", String.class), replyAddress))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an actor of this runtime");
        assertThat(unused).isNotDone();
    }

    @Test
    void spawnRegistersTheNewActorUnderTheKey() {
        ActorRef<Cmd> worker = registry.spawn(WORKER, Worker.reportingTo(observer.ref()));

        assertThat(registry.lookup(WORKER)).contains(worker);
        worker.tell(new Text("spawned"));
        observer.expectMessage(new Received(worker, "spawned"));
    }

    @Test
    void spawnUnderATakenNameThrowsAndLeavesTheHolderInPlace() {
        ActorRef<Cmd> holder = spawnWorker();
        registry.register(WORKER, holder);

        assertThatThrownBy(() -> registry.spawn(WORKER, Worker.reportingTo(observer.ref())))
                .isInstanceOf(AlreadyRegisteredException.class);
        assertThat(registry.lookup(WORKER)).contains(holder);
    }

    @Test
    void keysRejectEmptyIdsAndPrimitiveTypes() {
        assertThatThrownBy(() -> ServiceKey.of("", String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ServiceKey.of("n", int.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrapper");
        assertThatThrownBy(() -> GroupKey.of("", String.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatNullPointerException().isThrownBy(() -> ServiceKey.of(null, String.class)).withMessageContaining("id");
        assertThatNullPointerException().isThrownBy(() -> ServiceKey.of("n", null)).withMessageContaining("type");
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() {
        ActorRef<Cmd> worker = spawnWorker();
        assertThatNullPointerException().isThrownBy(() -> registry.register(null, worker)).withMessageContaining("key");
        assertThatNullPointerException().isThrownBy(() -> registry.register(WORKER, null)).withMessageContaining("actor");
        assertThatNullPointerException().isThrownBy(() -> registry.lookup(null)).withMessageContaining("key");
        assertThatNullPointerException().isThrownBy(() -> registry.unregister(null)).withMessageContaining("key");
        assertThatNullPointerException().isThrownBy(() -> registry.spawn(WORKER, null)).withMessageContaining("factory");
        assertThat(registry.names()).isEmpty();
    }

    @Test
    void aLookupReturnsTheRefTypedByTheKeyWithoutACast() {
        ActorRef<Cmd> worker = spawnWorker();
        registry.register(WORKER, worker);

        Optional<ActorRef<Cmd>> found = registry.lookup(WORKER); // compiles without a cast: the point of the key
        ActorRef<Text> narrowed = found.orElseThrow().narrow();
        narrowed.tell(new Text("typed"));

        observer.expectMessage(new Received(worker, "typed"));
    }
}

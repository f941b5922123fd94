package io.otp4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.Signal;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.registry.Worker.Cmd;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Process groups (Erlang's pg): join, leave, members, automatic leave on termination, membership events. */
@OnEveryDispatcher
class ProcessGroupTest {

    private static final GroupKey<Cmd> WORKERS = GroupKey.of("workers", Cmd.class);

    private final DispatcherUnderTest on;

    ProcessGroupTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private Registry registry;
    private TestProbe<Object> observer;
    private TestProbe<GroupEvent<Cmd>> events;

    @BeforeEach
    void start() {
        kit = on.testKit();
        registry = Registry.of(kit.system());
        observer = kit.createTestProbe();
        events = kit.createTestProbe();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private ActorRef<Cmd> spawnWorker() {
        return kit.spawn(Worker.reportingTo(observer.ref()));
    }

    @Test
    void membersAreListedInJoinOrder() {
        ActorRef<Cmd> a = spawnWorker();
        ActorRef<Cmd> b = spawnWorker();
        ActorRef<Cmd> c = spawnWorker();

        registry.join(WORKERS, b);
        registry.join(WORKERS, a);
        registry.join(WORKERS, c);

        assertThat(registry.members(WORKERS)).containsExactly(b, a, c);
        assertThat(registry.groups()).containsExactly("workers");
    }

    @Test
    void theMembersOfAGroupNobodyJoinedAreNone() {
        assertThat(registry.members(WORKERS)).isEmpty();
        assertThat(registry.groups()).isEmpty();
    }

    @Test
    void joiningTwiceIsOneMembershipAndOneLeaveEndsIt() {
        ActorRef<Cmd> a = spawnWorker();

        registry.join(WORKERS, a);
        registry.join(WORKERS, a);
        assertThat(registry.members(WORKERS)).containsExactly(a);

        assertThat(registry.leave(WORKERS, a)).isTrue();
        assertThat(registry.members(WORKERS)).isEmpty();
        assertThat(registry.leave(WORKERS, a)).isFalse();
    }

    @Test
    void theMembersListIsASnapshotThatLaterChangesDoNotAlter() {
        ActorRef<Cmd> a = spawnWorker();
        registry.join(WORKERS, a);
        List<ActorRef<Cmd>> before = registry.members(WORKERS);

        registry.join(WORKERS, spawnWorker());

        assertThat(before).containsExactly(a);
        assertThatThrownBy(() -> before.add(a)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMemberLeavesItsGroupsWhenItTerminates() {
        GroupKey<Cmd> other = GroupKey.of("other", Cmd.class);
        ActorRef<Cmd> a = spawnWorker();
        ActorRef<Cmd> b = spawnWorker();
        registry.join(WORKERS, a);
        registry.join(WORKERS, b);
        registry.join(other, a);
        Watcher watcher = Watcher.watch(kit.system(), a);

        kit.system().stop(a);
        watcher.awaitTermination();

        assertThat(registry.members(WORKERS)).containsExactly(b);
        assertThat(registry.members(other)).isEmpty();
        assertThat(registry.groups()).containsExactly("workers"); // a group nobody uses is dropped
    }

    @Test
    void aTerminatedMemberIsGoneBeforeItsWatchersHearOfIt() {
        ActorRef<Cmd> member = spawnWorker();
        registry.join(WORKERS, member);
        CompletableFuture<Void> watching = new CompletableFuture<>();
        ActorRef<ActorRef<?>> watcher = kit.spawn(() -> new Actor<ActorRef<?>>() {
            @Override
            public void receive(ActorRef<?> target, ActorContext<ActorRef<?>> ctx) {
                ctx.watch(target);
                watching.complete(null);
            }

            @Override
            public void onSignal(Signal signal, ActorContext<ActorRef<?>> ctx) {
                observer.ref().tell(registry.members(WORKERS));
            }
        });
        watcher.tell(member);
        watching.join();

        kit.system().stop(member);

        assertThat(observer.receiveMessage()).isEqualTo(List.of());
    }

    @Test
    void joiningWithATerminatedActorThrowsDeadActorException() {
        ActorRef<Cmd> a = spawnWorker();
        kit.system().stop(a);
        observer.expectTerminated(a);

        assertThatThrownBy(() -> registry.join(WORKERS, a)).isInstanceOf(DeadActorException.class);
        assertThat(registry.members(WORKERS)).isEmpty();
    }

    @Test
    void usingAGroupWithAKeyOfAnotherMessageTypeThrowsKeyTypeMismatch() {
        registry.join(WORKERS, spawnWorker());
        GroupKey<String> sameIdOtherType = GroupKey.of("workers", String.class);
        TestProbe<GroupEvent<String>> stringEvents = kit.createTestProbe();

        assertThatThrownBy(() -> registry.members(sameIdOtherType)).isInstanceOf(KeyTypeMismatchException.class);
        assertThatThrownBy(() -> registry.subscribe(sameIdOtherType, stringEvents.ref()))
                .isInstanceOf(KeyTypeMismatchException.class);
        assertThatThrownBy(() -> registry.leave(sameIdOtherType, kit.<String>spawn(() -> (m, c) -> { })))
                .isInstanceOf(KeyTypeMismatchException.class);
        assertThat(registry.members(WORKERS)).hasSize(1);
    }

    @Test
    void aGroupThatNobodyUsesAnyMoreIsDroppedWithItsTypeBinding() {
        ActorRef<Cmd> a = spawnWorker();
        registry.join(WORKERS, a);
        registry.leave(WORKERS, a);

        GroupKey<Object> rebound = GroupKey.of("workers", Object.class);
        ActorRef<Object> any = kit.<Object>spawn(() -> (m, c) -> { });
        registry.join(rebound, any);

        assertThat(registry.members(rebound)).containsExactly(any);
    }

    @Test
    void aSubscriberGetsASnapshotThenEveryChangeInOrder() {
        ActorRef<Cmd> a = spawnWorker();
        ActorRef<Cmd> b = spawnWorker();
        registry.join(WORKERS, a);

        registry.subscribe(WORKERS, events.ref());
        events.expectMessage(new GroupEvent.Snapshot<>(WORKERS, List.of(a)));

        registry.join(WORKERS, b);
        registry.leave(WORKERS, a);
        kit.system().stop(b);

        events.expectMessage(new GroupEvent.Joined<>(WORKERS, b));
        events.expectMessage(new GroupEvent.Left<>(WORKERS, a));
        events.expectMessage(new GroupEvent.Left<>(WORKERS, b));
    }

    @Test
    void joiningAgainDoesNotNotifySubscribersAgain() {
        ActorRef<Cmd> a = spawnWorker();
        registry.subscribe(WORKERS, events.ref());
        events.expectMessage(new GroupEvent.Snapshot<>(WORKERS, List.of()));

        registry.join(WORKERS, a);
        registry.join(WORKERS, a);
        registry.leave(WORKERS, a);

        events.expectMessage(new GroupEvent.Joined<>(WORKERS, a));
        events.expectMessage(new GroupEvent.Left<>(WORKERS, a)); // not a second Joined in between
    }

    @Test
    void subscribingAgainIsOneSubscriptionWithAFreshSnapshot() {
        ActorRef<Cmd> a = spawnWorker();
        registry.subscribe(WORKERS, events.ref());
        events.expectMessage(new GroupEvent.Snapshot<>(WORKERS, List.of()));
        registry.join(WORKERS, a);
        events.expectMessage(new GroupEvent.Joined<>(WORKERS, a));

        registry.subscribe(WORKERS, events.ref());
        events.expectMessage(new GroupEvent.Snapshot<>(WORKERS, List.of(a)));
        registry.leave(WORKERS, a);

        events.expectMessage(new GroupEvent.Left<>(WORKERS, a));
        assertThat(registry.unsubscribe(WORKERS, events.ref())).isTrue();
        assertThat(registry.unsubscribe(WORKERS, events.ref())).isFalse();
    }

    @Test
    void aSubscriptionEndsWhenTheSubscriberTerminates() {
        ActorRef<GroupEvent<Cmd>> subscriber = kit.<GroupEvent<Cmd>>spawn(() -> (event, ctx) -> observer.ref().tell(event));
        registry.subscribe(WORKERS, subscriber);
        observer.expectMessage(new GroupEvent.Snapshot<>(WORKERS, List.of()));
        Watcher watcher = Watcher.watch(kit.system(), subscriber);
        kit.system().stop(subscriber);
        watcher.awaitTermination();
        long deadLettersBefore = kit.system().eventStream().deadLetterCount();

        registry.join(WORKERS, spawnWorker()); // a subscription left behind would send a dead letter here

        assertThat(kit.system().eventStream().deadLetterCount()).isEqualTo(deadLettersBefore);
    }

    @Test
    void aGroupWithOnlyATerminatedSubscriberIsDropped() {
        ActorRef<GroupEvent<Cmd>> subscriber = kit.<GroupEvent<Cmd>>spawn(() -> (event, ctx) -> { });
        registry.subscribe(WORKERS, subscriber);
        assertThat(registry.groups()).containsExactly("workers");
        Watcher watcher = Watcher.watch(kit.system(), subscriber);

        kit.system().stop(subscriber);
        watcher.awaitTermination();

        assertThat(registry.groups()).isEmpty();
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() {
        ActorRef<Cmd> a = spawnWorker();
        assertThatNullPointerException().isThrownBy(() -> registry.join(null, a)).withMessageContaining("key");
        assertThatNullPointerException().isThrownBy(() -> registry.join(WORKERS, null)).withMessageContaining("member");
        assertThatNullPointerException().isThrownBy(() -> registry.leave(WORKERS, null)).withMessageContaining("member");
        assertThatNullPointerException().isThrownBy(() -> registry.members(null)).withMessageContaining("key");
        assertThatNullPointerException().isThrownBy(() -> registry.subscribe(WORKERS, null))
                .withMessageContaining("subscriber");
        assertThatNullPointerException().isThrownBy(() -> registry.unsubscribe(null, a)).withMessageContaining("key");
        assertThat(registry.groups()).isEmpty();
    }
}

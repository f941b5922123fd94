package io.otp4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSnapshot;
import io.otp4j.actor.ActorState;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.SystemSnapshot;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@code ActorSystem.snapshot()}: the live tree with each actor's class, state, depth and counters. */
class IntrospectionTest {

    /** Spawns {@code n} Subject children in preStart. */
    private record Parent(int n) implements Actor<String> {
        @Override
        public void preStart(ActorContext<String> ctx) {
            for (int i = 0; i < n; i++) {
                ctx.spawn("child-" + i, () -> new Subject(ErrorAction.RESTART));
            }
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }

    @Test
    void theSnapshotShowsTheTreeAndEachActorsCounters() throws Exception {
        try (ActorTestKit kit = ActorTestKit.create()) {
            kit.spawn("parent", () -> new Parent(3));
            SupervisorRef sup = Supervisor.start(kit.system(), "sup", Supervisor.builder()
                    .child(ChildSpec.worker("w", () -> new Subject(ErrorAction.ESCALATE))).build());
            @SuppressWarnings("unchecked")
            ActorRef<Subject.Cmd> worker = (ActorRef<Subject.Cmd>) sup.whichChildren().toCompletableFuture().join()
                    .getFirst().ref().orElseThrow();
            TestProbe<String> probe = kit.createTestProbe();
            worker.tell(new Subject.Work(1));
            worker.tell(new Subject.Crash("restart me"));
            worker.tell(new Subject.Ping(probe.ref()));
            probe.expectMessage("pong");
            // hold the worker, then queue two messages behind it
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch gate = new CountDownLatch(1);
            worker.tell(new Subject.Hold(entered, gate));
            entered.await();
            worker.tell(new Subject.Work(2));
            worker.tell(new Subject.Work(3));
            await().until(() -> kit.system().snapshot().find(worker.path()).orElseThrow().restartCount() == 1);

            SystemSnapshot snapshot = kit.system().snapshot();
            gate.countDown();

            assertThat(snapshot.systemName()).isEqualTo(kit.system().name());
            assertThat(snapshot.topLevel()).extracting(a -> a.path().toString())
                    .startsWith("/user/parent", "/user/sup"); // spawn order; the probe comes after
            ActorSnapshot parent = snapshot.find("/user/parent").orElseThrow();
            assertThat(parent.children()).extracting(c -> c.path().name())
                    .containsExactly("child-0", "child-1", "child-2");
            assertThat(parent.actorClass()).contains(Parent.class.getName());
            assertThat(parent.children()).allSatisfy(c -> assertThat(c.state()).isIn(ActorState.STARTING,
                    ActorState.RUNNING));

            ActorSnapshot w = snapshot.find(worker.path()).orElseThrow();
            assertThat(w.actorClass()).contains(Subject.class.getName());
            assertThat(w.state()).isEqualTo(ActorState.RUNNING);
            assertThat(w.restartCount()).isEqualTo(1);
            assertThat(w.processedCount()).isEqualTo(4); // Work, Crash, Ping, Hold
            assertThat(w.mailboxDepth()).isEqualTo(2);
            assertThat(snapshot.find("/user/sup").orElseThrow().children()).containsExactly(w);

            assertThat(snapshot.actorCount()).isEqualTo(snapshot.actors().count())
                    .isGreaterThanOrEqualTo(6); // parent + 3 children + sup + worker (+ probes)
        }
    }

    @Test
    void terminatedActorsLeaveTheSnapshot() {
        try (ActorTestKit kit = ActorTestKit.create()) {
            ActorRef<Subject.Cmd> gone = kit.spawn("gone", () -> new Subject(ErrorAction.RESUME));
            TestProbe<Object> watcher = kit.createTestProbe();
            watcher.watch(gone);
            assertThat(kit.system().snapshot().find("/user/gone")).isPresent();
            kit.system().stop(gone);
            watcher.expectTerminated(gone);
            assertThat(kit.system().snapshot().find("/user/gone")).isEmpty();
        }
    }

    @Test
    void theSnapshotNamesEachActorsRefDispatcherAndASupervisorsStrategy() {
        try (ActorTestKit kit = ActorTestKit.create()) {
            ActorRef<Subject.Cmd> plain = kit.spawn("plain", () -> new Subject(ErrorAction.RESUME));
            Supervisor.start(kit.system(), "sup", Supervisor.builder().strategy(Strategy.ONE_FOR_ALL)
                    .intensity(4, Duration.ofSeconds(7))
                    .child(ChildSpec.worker("w", () -> new Subject(ErrorAction.ESCALATE))).build());

            SystemSnapshot snapshot = kit.system().snapshot();

            ActorSnapshot p = snapshot.find("/user/plain").orElseThrow();
            assertThat(p.ref()).isEqualTo(plain);
            assertThat(p.dispatcher()).isNotBlank();
            assertThat(p.supervision()).as("not a supervisor").isEmpty();
            ActorSnapshot sup = snapshot.find("/user/sup").orElseThrow();
            assertThat(sup.supervision()).contains(
                    new ActorSnapshot.Supervision("ONE_FOR_ALL", 4, Duration.ofSeconds(7)));
            assertThat(sup.children().getFirst().supervision()).isEmpty();
            assertThat(SupervisorRef.of(sup)).get().extracting(SupervisorRef::ref).isEqualTo(sup.ref());
            assertThat(SupervisorRef.of(p)).as("no handle on an actor that is not a supervisor").isEmpty();
        }
    }
}

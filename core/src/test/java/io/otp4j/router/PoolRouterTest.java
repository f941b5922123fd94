package io.otp4j.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.registry.Worker;
import io.otp4j.registry.Worker.Cmd;
import io.otp4j.registry.Worker.Received;
import io.otp4j.registry.Worker.Started;
import io.otp4j.registry.Worker.Text;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pool routers (worker pools): routees spawned and supervised by the router, messages spread over them.
 * Routees report their starts, so the tests know every routee's ref.
 */
@OnEveryDispatcher
class PoolRouterTest {

    private final DispatcherUnderTest on;

    PoolRouterTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private TestProbe<Object> observer;
    private TestProbe<DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        kit = on.testKit();
        observer = kit.createTestProbe();
        deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private PoolRouter<Cmd> pool(int size) {
        return Routers.pool(size, Worker.reportingStartsTo(observer.ref(), ErrorAction.ESCALATE));
    }

    /** Waits for {@code n} routee starts and returns their refs. */
    private List<ActorRef<Cmd>> awaitStarts(int n) {
        List<ActorRef<Cmd>> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            refs.add(observer.expectMessageClass(Started.class).by());
        }
        return refs;
    }

    /** Collects {@code n} receipts: which routee handled which text. */
    private Map<String, ActorRef<Cmd>> receipts(int n) {
        Map<String, ActorRef<Cmd>> byText = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Received r = observer.expectMessageClass(Received.class);
            byText.put(r.value(), r.by());
        }
        return byText;
    }

    @Test
    void aRoundRobinPoolHandsMessagesToItsRouteesInTurnFromTheFirstMessageOn() {
        ActorRef<Cmd> router = kit.spawn("pool", pool(3));
        for (int i = 0; i < 9; i++) { // told at once: the router keeps them until every routee has started
            router.tell(new Text("m" + i));
        }

        List<ActorRef<Cmd>> routees = awaitStarts(3);
        Map<String, ActorRef<Cmd>> handledBy = receipts(9);

        assertThat(Set.copyOf(routees)).hasSize(3);
        for (int i = 0; i < 9; i++) {
            assertThat(handledBy.get("m" + i)).as("m%d", i).isEqualTo(handledBy.get("m" + (i % 3)));
        }
        assertThat(Set.of(handledBy.get("m0"), handledBy.get("m1"), handledBy.get("m2")))
                .containsExactlyInAnyOrderElementsOf(routees);
    }

    @Test
    void routeesAreSupervisedChildrenOfThePool() {
        kit.spawn("pool", pool(2));

        List<ActorRef<Cmd>> routees = awaitStarts(2);

        assertThat(routees).extracting(r -> r.path().toString())
                .containsExactlyInAnyOrder("/user/pool/routees/routee-1", "/user/pool/routees/routee-2");
    }

    @Test
    void aCrashedRouteeIsRestartedInPlaceByThePoolsSupervisorAndKeepsGettingMessages() {
        ActorRef<Cmd> router = kit.spawn("pool", pool(2));
        List<ActorRef<Cmd>> routees = awaitStarts(2);

        router.tell(new Worker.Crash("first routee crashes")); // round robin: routee 1 of 2

        ActorRef<Cmd> restarted = observer.expectMessageClass(Started.class).by();
        assertThat(routees).contains(restarted); // the same ref: restarted in place
        for (int i = 0; i < 4; i++) {
            router.tell(new Text("after-" + i));
        }
        assertThat(Set.copyOf(receipts(4).values())).containsExactlyInAnyOrderElementsOf(routees);
    }

    @Test
    void aRouteeThatStopsItselfIsStartedAgainInAFreshCellAndThePoolRoutesToIt() {
        ActorRef<Cmd> router = kit.spawn("pool", pool(2));
        List<ActorRef<Cmd>> routees = awaitStarts(2);

        router.tell(new Worker.Quit());

        ActorRef<Cmd> replacement = observer.expectMessageClass(Started.class).by();
        assertThat(routees).doesNotContain(replacement);
        assertThat(replacement.path()).isIn(routees.get(0).path(), routees.get(1).path());
        // once the router knows the replacement, it routes to it: send until it has been seen; a message
        // routed to the old routee before the router heard of its end is a dead letter, not a hang. The
        // replacement tells the observer before it tells the router, and a busy machine can hold it between
        // the two for any number of probes, so the bound is a liveness deadline, not a count.
        kit.system().eventStream().subscribe(DeadLetter.class, observer.ref());
        Set<ActorRef<Cmd>> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int i = 0; !seen.contains(replacement) && System.nanoTime() - deadline < 0; i++) {
            Text probe = new Text("probe-" + i);
            router.tell(probe);
            for (;;) {
                Object outcome = observer.receiveMessage();
                if (outcome instanceof Received r && r.value().equals(probe.value())) {
                    seen.add(r.by());
                    break;
                }
                if (outcome instanceof DeadLetter d && probe.equals(d.message())) {
                    break;
                }
            }
        }
        assertThat(seen).contains(replacement);
    }

    @Test
    void whenRouteesRestartTooOftenThePoolStopsWithItsSupervisorsReason() {
        ActorRef<Cmd> router = kit.spawn("pool", pool(2).withIntensity(1, Duration.ofMinutes(1)));
        awaitStarts(2);

        router.tell(new Worker.Crash("one"));
        observer.expectMessageClass(Started.class); // the first restart is allowed
        router.tell(new Worker.Crash("two"));

        ExitReason reason = observer.expectTerminated(router).reason();
        assertThat(reason).isEqualTo(ExitReason.SHUTDOWN); // a supervisor gives up with plain shutdown, as in OTP
    }

    @Test
    void aPoolWhoseRouteeCannotStartStopsAndItsKeptMessagesBecomeDeadLetters() {
        PoolRouter<Cmd> broken = Routers.pool(2, () -> {
            throw new IllegalStateException("cannot build a routee");
        });
        ActorRef<Cmd> router = kit.spawn("broken", broken);
        router.tell(new Text("kept"));

        ExitReason reason = observer.expectTerminated(router).reason();

        assertThat(reason.isNormal()).isFalse();
        DeadLetter kept = deadLetters.receiveMessage();
        while (!kept.recipient().equals(router)) { // the dying supervisor may have dead letters of its own
            kept = deadLetters.receiveMessage();
        }
        assertThat(kept.message()).isEqualTo(new Text("kept"));
        assertThat(kept.recipient()).isEqualTo(router);
        assertThat(kept.reason()).isEqualTo(DeadLetter.Reason.RECIPIENT_TERMINATED);
    }

    @Test
    void messagesTheBroadcastPredicateAcceptsGoToEveryRoutee() {
        ActorRef<Cmd> router = kit.spawn("pool", pool(3)
                .withBroadcastPredicate(cmd -> cmd instanceof Text(var v) && v.startsWith("all:")));
        List<ActorRef<Cmd>> routees = awaitStarts(3);

        router.tell(new Text("all:config"));
        router.tell(new Text("one"));

        List<Received> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(observer.expectMessageClass(Received.class));
        }
        assertThat(got).filteredOn(r -> r.value().equals("all:config")).extracting(Received::by)
                .containsExactlyInAnyOrderElementsOf(routees);
        assertThat(got).filteredOn(r -> r.value().equals("one")).hasSize(1);
    }

    @Test
    void aConsistentHashingPoolSendsEqualKeysToTheSameRoutee() {
        ActorRef<Cmd> router = kit.spawn("pool", pool(4).withStrategy(RoutingStrategy.consistentHashing(
                cmd -> cmd instanceof Text(var v) ? v.substring(0, v.indexOf('#')) : "other")));
        awaitStarts(4);

        for (int round = 0; round < 5; round++) {
            for (int key = 0; key < 20; key++) {
                router.tell(new Text("k" + key + "#" + round));
            }
        }

        Map<String, Set<ActorRef<Cmd>>> routeesPerKey = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            Received r = observer.expectMessageClass(Received.class);
            routeesPerKey.computeIfAbsent(r.value().substring(0, r.value().indexOf('#')), k -> new HashSet<>())
                    .add(r.by());
        }
        assertThat(routeesPerKey).hasSize(20).allSatisfy((key, routees) -> assertThat(routees).hasSize(1));
    }

    @Test
    void aPoolSpecIsValidated() {
        assertThatThrownBy(() -> Routers.pool(0, Worker.reportingTo(observer.ref())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> pool(1).withIntensity(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool(1).withIntensity(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool(1).withStrategy(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("strategy");
        assertThatThrownBy(() -> Routers.pool(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("routee");
    }
}

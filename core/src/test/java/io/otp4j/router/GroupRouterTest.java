package io.otp4j.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Gate;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.registry.GroupKey;
import io.otp4j.registry.Registry;
import io.otp4j.registry.Watcher;
import io.otp4j.registry.Worker;
import io.otp4j.registry.Worker.Cmd;
import io.otp4j.registry.Worker.Received;
import io.otp4j.registry.Worker.Text;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group routers over existing actors (a process group or a fixed list), and the routing strategies, which
 * are easiest to pin down over routees the test controls.
 */
@OnEveryDispatcher
class GroupRouterTest {

    private static final GroupKey<Cmd> WORKERS = GroupKey.of("workers", Cmd.class);

    private final DispatcherUnderTest on;

    GroupRouterTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private Registry registry;
    private TestProbe<Object> observer;
    private TestProbe<DeadLetter> deadLetters;
    private final List<Gate> gates = new ArrayList<>();

    @BeforeEach
    void start() {
        kit = on.testKit();
        registry = Registry.of(kit.system());
        observer = kit.createTestProbe();
        deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
    }

    @AfterEach
    void stop() {
        gates.forEach(Gate::open);
        kit.close();
    }

    private List<ActorRef<Cmd>> spawnWorkers(int n) {
        List<ActorRef<Cmd>> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            refs.add(kit.spawn("worker-" + i, Worker.reportingTo(observer.ref())));
        }
        return refs;
    }

    /** Sends {@code n} texts and returns who handled each, in the order sent. */
    private List<ActorRef<Cmd>> route(ActorRef<Cmd> router, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            router.tell(new Text(prefix + i));
        }
        Map<String, ActorRef<Cmd>> byText = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Received r = observer.expectMessageClass(Received.class);
            byText.put(r.value(), r.by());
        }
        List<ActorRef<Cmd>> handlers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handlers.add(byText.get(prefix + i));
        }
        return handlers;
    }

    @Test
    void aGroupRouterFollowsTheMembershipOfItsGroup() {
        List<ActorRef<Cmd>> w = spawnWorkers(3);
        registry.join(WORKERS, w.get(0));
        registry.join(WORKERS, w.get(1));
        ActorRef<Cmd> router = kit.spawn("router", Routers.group(WORKERS));

        assertThat(route(router, "a", 4)).containsExactly(w.get(0), w.get(1), w.get(0), w.get(1));

        registry.join(WORKERS, w.get(2));
        registry.leave(WORKERS, w.get(0));

        // the router hears of changes by messages, sent before join and leave returned: ahead of these
        assertThat(route(router, "b", 4)).containsOnly(w.get(1), w.get(2)).contains(w.get(1), w.get(2));
    }

    @Test
    void aGroupRouterStopsRoutingToAMemberThatTerminates() {
        List<ActorRef<Cmd>> w = spawnWorkers(2);
        w.forEach(a -> registry.join(WORKERS, a));
        ActorRef<Cmd> router = kit.spawn("router", Routers.group(WORKERS));
        route(router, "warm-up", 2);
        Watcher watcher = Watcher.watch(kit.system(), w.get(0));

        kit.system().stop(w.get(0));
        watcher.awaitTermination(); // the router's group heard of it first: the member left in a hook

        assertThat(route(router, "after", 4)).containsOnly(w.get(1));
    }

    @Test
    void aRouterWithoutRouteesTurnsEachMessageIntoANoRouteesDeadLetter() {
        ActorRef<Cmd> router = kit.spawn("router", Routers.group(WORKERS));

        router.tell(new Text("nobody home"));

        assertThat(deadLetters.receiveMessage())
                .isEqualTo(new DeadLetter(new Text("nobody home"), router, DeadLetter.Reason.NO_ROUTEES));
    }

    @Test
    void aRouterOverAListDropsRouteesThatTerminate() {
        List<ActorRef<Cmd>> w = spawnWorkers(3);
        ActorRef<Cmd> router = kit.spawn("router", Routers.group(w));
        assertThat(route(router, "a", 3)).containsExactly(w.get(0), w.get(1), w.get(2));
        Watcher watcher = Watcher.watch(kit.system(), w.get(1)); // after the router: told after it

        kit.system().stop(w.get(1));
        watcher.awaitTermination();

        assertThat(route(router, "b", 4)).containsOnly(w.get(0), w.get(2)).contains(w.get(0), w.get(2));
    }

    @Test
    void randomRoutingWithASeedIsReproducibleAndReachesEveryRoutee() {
        List<ActorRef<Cmd>> w = spawnWorkers(3);
        ActorRef<Cmd> first = kit.spawn("first", Routers.group(w).withStrategy(RoutingStrategy.random(42L)));
        ActorRef<Cmd> second = kit.spawn("second", Routers.group(w).withStrategy(RoutingStrategy.random(42L)));

        List<ActorRef<Cmd>> a = route(first, "x", 60);
        List<ActorRef<Cmd>> b = route(second, "y", 60);

        assertThat(a).isEqualTo(b).containsAll(w);
    }

    @Test
    void smallestMailboxRoutingPicksTheRouteeWithTheFewestWaitingMessages() throws Exception {
        List<ActorRef<Cmd>> w = spawnWorkers(3);
        int[] backlog = {3, 1, 2};
        for (int i = 0; i < 3; i++) {
            Gate gate = new Gate();
            gates.add(gate);
            ActorRef<Cmd> routee = w.get(i);
            gate.sendAndAwaitArrival(() -> routee.tell(new Worker.Hold(gate)));
            for (int k = 0; k < backlog[i]; k++) {
                w.get(i).tell(new Text("backlog-" + i + "-" + k));
            }
        }
        ActorRef<Cmd> router = kit.spawn("router", Routers.group(w).withStrategy(RoutingStrategy.smallestMailbox()));

        router.tell(new Text("first")); // to w1 (1 waiting); then w1 and w2 have 2 each
        router.tell(new Text("second")); // to w1 or w2, whichever the scan meets first, never w0 (3)
        // wait until the router has forwarded both: their mailboxes grow by two in all
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                mailboxSize(w.get(1)) + mailboxSize(w.get(2)) == 5);
        gates.forEach(Gate::open);

        Map<String, ActorRef<Cmd>> handledBy = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            Received r = observer.expectMessageClass(Received.class);
            handledBy.put(r.value(), r.by());
        }
        assertThat(handledBy.get("first")).isEqualTo(w.get(1));
        assertThat(handledBy.get("second")).isIn(w.get(1), w.get(2));
    }

    private static int mailboxSize(ActorRef<?> ref) {
        return io.otp4j.internal.RuntimeAccess.mailboxSize(ref);
    }

    @Test
    void consistentHashingKeepsKeysOnTheirRouteeAndMovesOnlyTheKeysOfARemovedRoutee() {
        List<ActorRef<Cmd>> w = spawnWorkers(5);
        ActorRef<Cmd> router = kit.spawn("router", Routers.group(w).withStrategy(RoutingStrategy.consistentHashing(
                (Cmd cmd) -> ((Text) cmd).value().substring(0, ((Text) cmd).value().indexOf('#')))));
        int keys = 60;
        Map<String, ActorRef<Cmd>> before = owners(router, keys, "a");
        assertThat(owners(router, keys, "b")).isEqualTo(before); // stable
        assertThat(before.values()).containsAll(w); // spread over all

        ActorRef<Cmd> removed = w.get(2);
        Watcher watcher = Watcher.watch(kit.system(), removed); // after the router: told after it
        kit.system().stop(removed);
        watcher.awaitTermination();
        Map<String, ActorRef<Cmd>> after = owners(router, keys, "c");

        for (String key : before.keySet()) {
            if (before.get(key).equals(removed)) {
                assertThat(after.get(key)).as(key).isNotEqualTo(removed);
            } else {
                assertThat(after.get(key)).as("%s must not move", key).isEqualTo(before.get(key));
            }
        }
    }

    private Map<String, ActorRef<Cmd>> owners(ActorRef<Cmd> router, int keys, String round) {
        for (int k = 0; k < keys; k++) {
            router.tell(new Text("key-" + k + "#" + round));
        }
        Map<String, ActorRef<Cmd>> owner = new HashMap<>();
        for (int k = 0; k < keys; k++) {
            Received r = observer.expectMessageClass(Received.class);
            owner.put(r.value().substring(0, r.value().indexOf('#')), r.by());
        }
        return owner;
    }

    @Test
    void broadcastSendsTheSameMessageObjectToEveryRoutee() {
        TestProbe<Object> collected = kit.createTestProbe();
        List<ActorRef<Object>> collectors = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            collectors.add(kit.<Object>spawn(() -> (msg, ctx) -> collected.ref().tell(List.of(ctx.self(), msg))));
        }
        ActorRef<Object> router = kit.spawn("router", Routers.group(collectors)
                .withStrategy(RoutingStrategy.broadcast()));
        Object message = new Object();

        router.tell(message);

        List<Object> by = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<?> got = (List<?>) collected.receiveMessage();
            assertThat(got.get(1)).isSameAs(message);
            by.add(got.get(0));
        }
        assertThat(by).containsExactlyInAnyOrderElementsOf(collectors);
    }

    @Test
    void aRouteeWhoseFullMailboxRejectsTheMessageTurnsItIntoAMailboxFullDeadLetter() throws Exception {
        ActorRef<Cmd> full = kit.system().spawnAnonymous(Worker.reportingTo(observer.ref()),
                Props.defaults().withMailbox(MailboxConfig.bounded(1, Overflow.REJECT)));
        Gate gate = new Gate();
        gates.add(gate);
        gate.sendAndAwaitArrival(() -> full.tell(new Worker.Hold(gate)));
        full.tell(new Text("fills it"));
        ActorRef<Cmd> router = kit.spawn("router", Routers.group(List.of(full)));

        router.tell(new Text("refused"));

        assertThat(deadLetters.receiveMessage())
                .isEqualTo(new DeadLetter(new Text("refused"), full, DeadLetter.Reason.MAILBOX_FULL));
    }

    record Ask(ActorRef<String> replyTo) {}

    @Test
    void askThroughARouterGetsTheRouteesReply() throws Exception {
        ActorRef<Ask> replier = kit.<Ask>spawn(() -> (ask, ctx) -> ask.replyTo().tell("from " + ctx.self().path()));
        ActorRef<Ask> router = kit.spawn("router", Routers.group(List.of(replier)));

        CompletableFuture<String> reply = router.<String>ask(Ask::new, Duration.ofSeconds(10)).toCompletableFuture();

        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("from " + replier.path());
    }

    @Test
    void aGroupRouterSpecIsValidated() {
        assertThatThrownBy(() -> Routers.group(List.<ActorRef<Cmd>>of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one routee");
        // a key and a list at once cannot be expressed: the factories take one or the other
        assertThat(GroupRouter.class.getConstructors()).isEmpty();
        assertThatThrownBy(() -> RoutingStrategy.consistentHashing((Cmd c) -> c, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Routers.group((GroupKey<Cmd>) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("key");
    }
}

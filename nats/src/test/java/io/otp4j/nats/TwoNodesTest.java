package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import io.otp4j.nats.Protocol.Crash;
import io.otp4j.nats.Protocol.EchoMsg;
import io.otp4j.nats.Protocol.Forward;
import io.otp4j.nats.Protocol.LinkIt;
import io.otp4j.nats.Protocol.Numbered;
import io.otp4j.nats.Protocol.Ping;
import io.otp4j.nats.Protocol.Pong;
import io.otp4j.nats.Protocol.Seq;
import io.otp4j.nats.Protocol.TrapExits;
import io.otp4j.nats.Protocol.WatcherMsg;
import io.otp4j.registry.AlreadyRegisteredException;
import io.otp4j.registry.ServiceKey;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM, on a real NATS server: the protocol's behaviour, quicker to run and to read than the
 * multi-process tests ({@link ClusterProcessesTest}), which show the same across real processes.
 */
class TwoNodesTest {

    /** Long enough never to be what ends a test: the tests wait for progress, not for a deadline. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String url = NatsServer.get().url();
    private final ActorTestKit kitA = ActorTestKit.create();
    private final ActorTestKit kitB = ActorTestKit.create();
    private final NatsNode a = NatsNode.join(kitA.system(), Protocol.settings("a", url));
    private final NatsNode b = NatsNode.join(kitB.system(), Protocol.settings("b", url));
    private final ActorRef<EchoMsg> localEcho = kitB.spawn("echo", Protocol.Echo::new);

    TwoNodesTest() {
        b.expose("echo", localEcho);
    }

    @AfterEach
    void leave() {
        a.close();
        b.close();
        kitA.close();
        kitB.close();
    }

    private ActorRef<EchoMsg> remoteEcho() throws Exception {
        return a.<EchoMsg>lookup("b", "echo", PATIENCE).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable failureOf(java.util.concurrent.CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the stage to fail");
    }

    @Test
    void lookedUpRefNamesTheRemoteActor() throws Exception {
        ActorRef<EchoMsg> echo = remoteEcho();
        assertThat(echo).isNotSameAs(localEcho);
        assertThat(echo.path()).isEqualTo(localEcho.path());
        assertThat(echo.id()).isEqualTo(localEcho.id());
    }

    @Test
    void refInsideATellArrivesAsAWorkingRef() throws Exception {
        TestProbe<Object> probe = kitA.createTestProbe();

        remoteEcho().tell(new Forward("hello", probe.ref()));

        probe.expectMessage(new Pong("hello"));
    }

    @Test
    void askAcrossNodesCompletesWithTheReply() throws Exception {
        Pong pong = remoteEcho().<Pong>ask(replyTo -> new Ping("hi", replyTo), PATIENCE)
                .toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(pong).isEqualTo(new Pong("hi"));
    }

    @Test
    void tellsFromOneSenderArriveInTheOrderSent() throws Exception {
        TestProbe<Object> probe = kitA.createTestProbe();
        ActorRef<EchoMsg> echo = remoteEcho();
        int n = 2_000;

        for (int i = 0; i < n; i++) {
            echo.tell(new Seq(i, probe.ref()));
        }

        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(new Numbered(i));
        }
        assertThat(probe.receiveMessages(n, PATIENCE)).containsExactlyElementsOf(expected);
    }

    @Test
    void askToANodeIncarnationThatIsGoneFailsAtOnceWithNodeUnreachable() throws Exception {
        ActorRef<EchoMsg> echo = remoteEcho();
        RemoteRef<EchoMsg> stale = RemoteRef.parse(a, "b.abc123/" + kitB.system().name() + "/user/echo#" + echo.id());

        // an hour: only NATS "no responders" can end this ask within the test's patience
        Throwable failure = failureOf(stale.<Pong>ask(replyTo -> new Ping("anyone?", replyTo), Duration.ofHours(1)));

        assertThat(failure).isInstanceOf(NodeUnreachableException.class);
    }

    @Test
    void askToAnActorThatTerminatedOnALiveNodeFailsAtOnceWithDeadActor() throws Exception {
        ActorRef<EchoMsg> echo = remoteEcho();
        kitB.system().stop(localEcho).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> !b.hosts(localEcho));

        Throwable failure = failureOf(echo.<Pong>ask(replyTo -> new Ping("anyone?", replyTo), Duration.ofHours(1)));

        assertThat(failure).isInstanceOf(DeadActorException.class);
    }

    @Test
    void nodeRefusesMessagesForAnActorItNeverExported() throws Exception {
        TestProbe<Object> secretInbox = kitB.createTestProbe();
        ActorRef<Object> secret = secretInbox.ref(); // lives on b, never sent out nor exposed
        RemoteRef<Object> guessed = RemoteRef.parse(a, RemoteRef.wire(b.address(), kitB.system().name(),
                secret.path().toString(), secret.id()));

        Throwable failure = failureOf(guessed.<Pong>ask(replyTo -> new Pong("let me in"), Duration.ofHours(1)));
        guessed.tell(new Pong("let me in"));

        assertThat(failure).isInstanceOf(DeadActorException.class);
        await().atMost(PATIENCE).until(() -> b.refusedCount() >= 2);
        secretInbox.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void aRawFrameForAPathNotHostedIsAnsweredNotHosted() throws Exception {
        try (Connection raw = Nats.connect(url)) {
            byte[] frame = new Frames.Writer(Frames.ASK).utf("/user/anything").id(1).bytes();
            byte[] answer = raw.request("otp4j-test.node.b." + b.address().incarnation() + ".ask", frame, PATIENCE)
                    .getData();
            assertThat(answer[0]).isEqualTo(Frames.NOT_HOSTED);
        }
    }

    @Test
    void watcherOfARemoteActorGetsTerminatedNamingTheRemoteRefWithTheFailure() throws Exception {
        TestProbe<Object> probe = kitA.createTestProbe();
        ActorRef<EchoMsg> echo = remoteEcho();
        probe.watch(echo);
        awaitWatchRegistered(); // else the crash may come first, and the watch is answered noproc, as in Erlang

        echo.tell(new Crash("boom"));

        Signal.Terminated terminated = probe.expectTerminated(echo, PATIENCE);
        assertThat(terminated.ref()).isEqualTo(echo);
        assertThat(terminated.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                failed -> assertThat(failed.cause()).isInstanceOf(RemoteFailure.class).hasMessageContaining("boom"));
    }

    @Test
    void watchersOfANodeThatLeavesGetTerminatedWithNodeDown() throws Exception {
        TestProbe<Object> probe = kitA.createTestProbe();
        ActorRef<EchoMsg> echo = remoteEcho();
        probe.watch(echo);
        awaitWatchRegistered();

        b.close();

        Signal.Terminated terminated = probe.expectTerminated(echo, PATIENCE);
        assertThat(terminated.reason()).isEqualTo(new ExitReason.Custom(new NodeDown(b.address())));
    }

    @Test
    void trappingActorLinkedToARemoteActorGetsItsExit() throws Exception {
        CompletableFuture<Signal> signal = new CompletableFuture<>();
        ActorRef<WatcherMsg> linked = kitA.spawn("linked", () -> new Protocol.Watcher(signal::complete));
        ActorRef<EchoMsg> echo = remoteEcho();
        linked.tell(new TrapExits());
        linked.tell(new LinkIt(echo));
        awaitWatchRegistered();

        echo.tell(new Crash("linked crash"));

        Signal s = signal.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(s).isInstanceOfSatisfying(Signal.Exit.class, exit -> {
            assertThat(exit.from()).isEqualTo(echo);
            assertThat(exit.reason()).isInstanceOf(ExitReason.Failed.class);
        });
    }

    @Test
    void localActorLinkedToARemoteOneTakesItDownWhenItFails() throws Exception {
        ActorRef<WatcherMsg> linked = kitA.spawn("linked", () -> new Protocol.Watcher(s -> { }));
        ActorRef<EchoMsg> echo = remoteEcho();
        TestProbe<Object> probe = kitB.createTestProbe();
        probe.watch(localEcho);
        linked.tell(new LinkIt(echo));
        awaitWatchRegistered();

        linked.tell(new Protocol.Fail("local failure"));

        assertThat(probe.expectTerminated(localEcho, PATIENCE).reason()).isInstanceOf(ExitReason.Failed.class);
    }

    @Test
    void remoteActorLinkedFromANodeThatLeavesExitsWithNodeDown() throws Exception {
        ActorRef<WatcherMsg> linked = kitA.spawn("linked", () -> new Protocol.Watcher(s -> { }));
        TestProbe<Object> probe = kitB.createTestProbe();
        probe.watch(localEcho);
        linked.tell(new LinkIt(remoteEcho()));
        await().atMost(PATIENCE).until(() -> b.linkedFromOthers(localEcho));

        a.close(); // the linked actor lives on; its node is gone for b

        assertThat(probe.expectTerminated(localEcho, PATIENCE).reason())
                .isEqualTo(new ExitReason.Custom(new NodeDown(a.address())));
    }

    @Test
    void aLinkUndoneIsForgottenByTheRemoteActorsNode() throws Exception {
        ActorRef<WatcherMsg> linked = kitA.spawn("linked", () -> new Protocol.Watcher(s -> { }));
        ActorRef<EchoMsg> echo = remoteEcho();
        linked.tell(new LinkIt(echo));
        await().atMost(PATIENCE).until(() -> b.linkedFromOthers(localEcho));

        linked.tell(new Protocol.UnlinkIt(echo));

        await().atMost(PATIENCE).until(() -> !b.linkedFromOthers(localEcho));
    }

    @Test
    void trappingRemoteActorGetsTheExitOfTheActorLinkedToItNamingThatActor() throws Exception {
        CompletableFuture<Signal> signal = new CompletableFuture<>();
        ActorRef<WatcherMsg> trapping = kitB.spawn("trapping", () -> new Protocol.Watcher(signal::complete));
        trapping.tell(new TrapExits());
        b.expose("trapping", trapping);
        ActorRef<WatcherMsg> remoteTrapping = a.<WatcherMsg>lookup("b", "trapping", PATIENCE).toCompletableFuture()
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        ActorRef<WatcherMsg> linked = kitA.spawn("linked", () -> new Protocol.Watcher(s -> { }));
        linked.tell(new LinkIt(remoteTrapping));
        await().atMost(PATIENCE).until(() -> b.watchedByOthers(trapping));

        linked.tell(new Protocol.Fail("local failure"));

        Signal s = signal.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        ActorRef<?> linkedAsBSeesIt = b.refAt(a.exportedAddress(linked));
        assertThat(s).isInstanceOfSatisfying(Signal.Exit.class, exit -> {
            assertThat(exit.from()).isEqualTo(linkedAsBSeesIt); // the linked actor, not b's agent
            assertThat(exit.from().path().toString()).isEqualTo("/user/linked");
            assertThat(exit.reason()).isInstanceOf(ExitReason.Failed.class);
        });
    }

    @Test
    void poolSpanningTwoNodesSpreadsItsMessagesOverBoth() {
        a.joinPool("work", kitA.spawn("worker", Protocol.Echo::new));
        b.joinPool("work", localEcho);
        TestProbe<Object> probe = kitA.createTestProbe();
        ActorRef<EchoMsg> pool = a.pool("work");
        int n = 200; // all on one node by chance: 2^-199

        for (int i = 0; i < n; i++) {
            pool.tell(new Protocol.WhoAreYou(probe.ref()));
        }

        assertThat(probe.receiveMessages(n, PATIENCE)).containsOnly(new Pong(kitA.system().name()),
                new Pong(kitB.system().name())).contains(new Pong(kitA.system().name()), new Pong(kitB.system().name()));
    }

    @Test
    void askToAPoolIsAnsweredByOneMemberAndToAnEmptyPoolFailsAtOnce() throws Exception {
        b.joinPool("answering", localEcho);

        Pong pong = a.<EchoMsg>pool("answering").<Pong>ask(replyTo -> new Ping("pooled", replyTo), PATIENCE)
                .toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        Throwable empty = failureOf(a.<EchoMsg>pool("nobody").<Pong>ask(replyTo -> new Ping("?", replyTo),
                Duration.ofHours(1)));

        assertThat(pong).isEqualTo(new Pong("pooled"));
        assertThat(empty).isInstanceOf(NodeUnreachableException.class);
    }

    @Test
    void memberLeavesThePoolWhenItTerminates() throws Exception {
        b.joinPool("short-lived", localEcho);
        kitB.system().stop(localEcho).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> !b.hosts(localEcho));

        Throwable failure = failureOf(a.<EchoMsg>pool("short-lived").<Pong>ask(replyTo -> new Ping("?", replyTo),
                Duration.ofHours(1)));

        assertThat(failure).isInstanceOf(NodeUnreachableException.class);
    }

    @Test
    void topicReachesTheMatchingSubscribersOfEveryNode() throws Exception {
        TestProbe<Object> onA = kitA.createTestProbe();
        TestProbe<Object> onB = kitB.createTestProbe();
        a.subscribe("orders.*", onA.ref());
        b.subscribe("orders.>", onB.ref());
        b.subscribe("stock.*", onB.ref());

        a.publish("orders.eu", new Pong("placed"));
        b.publish("orders.us.east", new Pong("deep")); // only '>' matches two tokens
        a.publish("stock.eu", new Pong("restocked"));

        onA.expectMessage(new Pong("placed"));
        assertThat(onB.receiveMessages(3, PATIENCE)).containsExactlyInAnyOrder(new Pong("placed"), new Pong("deep"),
                new Pong("restocked"));
        onA.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void malformedTopicsAndPoolNamesAreRefusedAtTheCall() {
        TestProbe<Object> probe = kitA.createTestProbe();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.subscribe("orders..eu", probe.ref()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orders..eu");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.publish("orders.*", new Pong("x")))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.pool("a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nameIsUniqueAcrossTheClusterAndReleasedWhenItsActorTerminates() throws Exception {
        ServiceKey<EchoMsg> key = ServiceKey.of("echo-" + java.util.UUID.randomUUID(), EchoMsg.class);
        b.registry().register(key, localEcho);
        ActorRef<EchoMsg> mine = kitA.spawn("mine", Protocol.Echo::new);

        ActorRef<EchoMsg> found = a.registry().find(key).orElseThrow();
        assertThatThrownBy(() -> a.registry().register(key, mine)).isInstanceOfSatisfying(
                AlreadyRegisteredException.class, e -> assertThat(e.holder()).isEqualTo(found));
        assertThat(found).isEqualTo(remoteEcho());

        kitB.system().stop(localEcho);

        await().atMost(PATIENCE).until(() -> a.registry().find(key).isEmpty());
        a.registry().register(key, mine);
        assertThat(b.registry().find(key)).hasValueSatisfying(ref -> assertThat(ref.path()).isEqualTo(mine.path()));
    }

    @Test
    void namesOfANodeThatLeavesAreReleased() throws Exception {
        ServiceKey<EchoMsg> key = ServiceKey.of("echo-" + java.util.UUID.randomUUID(), EchoMsg.class);
        b.registry().register(key, localEcho);

        b.close();

        assertThat(a.registry().find(key)).isEmpty();
    }

    /** Until b has heard a's watch of its echo: a watch is asynchronous, as a local one is. */
    private void awaitWatchRegistered() {
        await().atMost(PATIENCE).until(() -> b.watchedByOthers(localEcho));
    }
}

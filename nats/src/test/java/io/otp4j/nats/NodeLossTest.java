package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import io.otp4j.nats.Protocol.EchoMsg;
import io.otp4j.nats.Protocol.Forward;
import io.otp4j.nats.Protocol.Ping;
import io.otp4j.nats.Protocol.Pong;
import io.otp4j.registry.ServiceKey;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes, two of them processes of their own; one is killed with SIGKILL (no goodbye): its watchers on
 * both other nodes are told with {@link NodeDown} once the failure detector (200 ms heartbeats, 3 s timeout
 * in these tests) gives up on it, and everything else keeps working; actors its actors linked to exit with
 * {@link NodeDown} (or, trapping exits, are told); the node restarted under its name is a new incarnation
 * that the old refs do not reach.
 */
class NodeLossTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String url = NatsServer.get().url();
    private final NodeProcess b = NodeProcess.start("b", url);
    private final NodeProcess c = NodeProcess.start("c", url);
    private final ActorTestKit kit = ActorTestKit.create();
    private final NatsNode a = NatsNode.join(kit.system(), Protocol.settings("a", url));
    private NodeProcess restartedB;

    @AfterEach
    void stopNodes() throws InterruptedException {
        b.close();
        c.close();
        if (restartedB != null) {
            restartedB.close();
        }
        a.close();
        kit.close();
    }

    private <M> ActorRef<M> lookup(String node, String name) throws Exception {
        return a.<M>lookup(node, name, PATIENCE).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void killedNodesWatchersAreToldNodeDownAndTheRestKeepsWorking() throws Exception {
        a.expose("echo", kit.spawn("echo", Protocol.Echo::new));
        ActorRef<EchoMsg> echoOfB = lookup("b", "echo");
        TestProbe<Object> watcher = kit.createTestProbe();
        watcher.watch(echoOfB);
        c.send("watch b echo");
        c.expect("WATCHING echo");
        NodeAddress bAddress = NodeAddress.parse(b.token);

        b.kill();

        Signal.Terminated terminated = watcher.expectTerminated(echoOfB, PATIENCE);
        assertThat(terminated.reason()).isEqualTo(new ExitReason.Custom(new NodeDown(bAddress)));
        assertThat(c.expect("SIGNAL ")).isEqualTo("SIGNAL Terminated /user/echo nodedown:b");
        // nothing else stopped: a and c still talk, both ways
        ActorRef<EchoMsg> echoOfC = lookup("c", "echo");
        Pong pong = echoOfC.<Pong>ask(replyTo -> new Ping("still here", replyTo), PATIENCE)
                .toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(pong).isEqualTo(new Pong("still here"));
        c.send("ask a echo alive");
        assertThat(c.expect("REPLY ")).isEqualTo("REPLY alive");
    }

    @Test
    void actorsLinkedFromAKilledNodeExitWithNodeDownOrAreToldWhenTrapping() throws Exception {
        ActorRef<EchoMsg> echoOfB = lookup("b", "echo");
        TestProbe<Object> observer = kit.createTestProbe();
        observer.watch(echoOfB);
        b.send("trap");
        b.expect("TRAPPING");
        c.send("link b echo");
        c.expect("LINKED echo");
        c.send("link b watcher");
        c.expect("LINKED watcher");
        NodeAddress cAddress = NodeAddress.parse(c.token);

        c.kill();

        // the echo does not trap exits: the link takes it down with the node's reason
        Signal.Terminated terminated = observer.expectTerminated(echoOfB, PATIENCE);
        assertThat(terminated.reason()).isEqualTo(new ExitReason.Custom(new NodeDown(cAddress)));
        // b's watcher traps them: told with an exit signal naming c's linked actor, and goes on
        assertThat(b.expect("SIGNAL ")).isEqualTo("SIGNAL Exit /user/watcher nodedown:c");
        b.send("trap"); // answered by the watcher itself: it lives
        b.expect("TRAPPING");
    }

    @Test
    void namesOfAKilledNodeAreReleasedAndTheOthersKept() throws Exception {
        NodeAddress bAddress = NodeAddress.parse(b.token);
        NodeAddress cAddress = NodeAddress.parse(c.token);
        ServiceKey<EchoMsg> echoOfB = ServiceKey.of("echo-b-" + bAddress.incarnation(), EchoMsg.class);
        ServiceKey<EchoMsg> echoOfC = ServiceKey.of("echo-c-" + cAddress.incarnation(), EchoMsg.class);
        assertThat(a.registry().find(echoOfB)).isPresent();

        b.kill();

        await().atMost(PATIENCE).until(() -> a.registry().find(echoOfB).isEmpty());
        assertThat(a.registry().find(echoOfC)).hasValueSatisfying(ref -> assertThat(ref.path().toString())
                .isEqualTo("/user/echo"));
    }

    @Test
    void nodeRestartedUnderItsNameIsANewIncarnationThatOldRefsDoNotReach() throws Exception {
        ActorRef<EchoMsg> oldEcho = lookup("b", "echo");
        b.kill();
        restartedB = NodeProcess.start("b", url);
        assertThat(restartedB.token).isNotEqualTo(b.token);
        ActorRef<EchoMsg> newEcho = lookup("b", "echo");
        assertThat(newEcho).isNotEqualTo(oldEcho);
        TestProbe<Object> probe = kit.createTestProbe();

        oldEcho.tell(new Forward("stale", probe.ref()));
        newEcho.tell(new Forward("fresh", probe.ref()));
        Throwable oldAsk = failureOf(oldEcho.<Pong>ask(replyTo -> new Ping("old", replyTo), Duration.ofHours(1)));

        assertThat(oldAsk).isInstanceOf(NodeUnreachableException.class);
        probe.expectMessage(new Pong("fresh"));
        Pong pong = newEcho.<Pong>ask(replyTo -> new Ping("new", replyTo), PATIENCE)
                .toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(pong).isEqualTo(new Pong("new")); // after "fresh" on the same path: "stale" never came
        probe.expectNoMessage(Duration.ofMillis(200));
    }

    private static Throwable failureOf(java.util.concurrent.CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the stage to fail");
    }
}

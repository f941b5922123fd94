package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.nats.Protocol.Crash;
import io.otp4j.nats.Protocol.EchoMsg;
import io.otp4j.nats.Protocol.Forward;
import io.otp4j.nats.Protocol.Numbered;
import io.otp4j.nats.Protocol.Ping;
import io.otp4j.nats.Protocol.Pong;
import io.otp4j.nats.Protocol.Seq;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remote tell, ask, refs in messages, watch and link between this JVM (node {@code a}) and a node in another
 * process ({@code b}, a {@link NodeMain}), on a real NATS server.
 */
class ClusterProcessesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static String url;
    private static ActorTestKit kit;
    private static NatsNode a;
    private static NodeProcess b;

    @BeforeAll
    static void startNodes() {
        url = NatsServer.get().url();
        b = NodeProcess.start("b", url);
        kit = ActorTestKit.create();
        a = NatsNode.join(kit.system(), Protocol.settings("a", url));
        a.expose("echo", kit.spawn("echo", Protocol.Echo::new));
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        b.close();
        a.close();
        kit.close();
    }

    private static ActorRef<EchoMsg> echoOfB() throws Exception {
        return a.<EchoMsg>lookup("b", "echo", PATIENCE).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void tellToAnotherProcessCarriesARefThatWorksOnTheWayBack() throws Exception {
        TestProbe<Object> probe = kit.createTestProbe();

        echoOfB().tell(new Forward("across", probe.ref()));

        probe.expectMessage(new Pong("across"));
    }

    @Test
    void askToAnotherProcessCompletesWithItsReply() throws Exception {
        Pong pong = echoOfB().<Pong>ask(replyTo -> new Ping("ping", replyTo), PATIENCE)
                .toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(pong).isEqualTo(new Pong("ping"));
    }

    @Test
    void anotherProcessAsksThisOne() {
        b.send("ask a echo hello");

        assertThat(b.expect("REPLY ")).isEqualTo("REPLY hello");
    }

    @Test
    void tellsToAnotherProcessKeepTheirOrder() throws Exception {
        TestProbe<Object> probe = kit.createTestProbe();
        ActorRef<EchoMsg> echo = echoOfB();
        int n = 1_000;

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
    void anotherProcessWatchingAnActorHereIsToldOfItsCrash() {
        ActorRef<EchoMsg> doomed = kit.spawn("doomed-watched", Protocol.Echo::new);
        a.expose("doomed-watched", doomed);
        b.send("watch a doomed-watched");
        b.expect("WATCHING doomed-watched");
        awaitWatchedByB(doomed);

        doomed.tell(new Crash("crash for the watcher"));

        assertThat(b.expect("SIGNAL ")).startsWith("SIGNAL Terminated /user/doomed-watched failed: ")
                .contains("crash for the watcher");
    }

    @Test
    void anotherProcessLinkedToAnActorHereGetsItsExit() {
        ActorRef<EchoMsg> doomed = kit.spawn("doomed-linked", Protocol.Echo::new);
        a.expose("doomed-linked", doomed);
        b.send("link a doomed-linked");
        b.expect("LINKED doomed-linked");
        awaitWatchedByB(doomed);

        doomed.tell(new Crash("crash for the link"));

        assertThat(b.expect("SIGNAL ")).startsWith("SIGNAL Exit /user/doomed-linked failed: ")
                .contains("crash for the link");
    }

    /** A watch is asynchronous, as a local one is: wait until b's request has reached this node. */
    private static void awaitWatchedByB(ActorRef<?> local) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> a.watchedByOthers(local));
    }
}

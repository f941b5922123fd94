package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import io.otp4j.nats.Protocol.EchoMsg;
import io.otp4j.nats.Protocol.Forward;
import io.otp4j.nats.serialization.MessageCodecException;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Joining and leaving, and sends refused at the call. */
class NodeLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String url = NatsServer.get().url();
    private final ActorTestKit kit = ActorTestKit.create();
    private final NatsNode a = NatsNode.join(kit.system(), Protocol.settings("a", url));

    @AfterEach
    void leave() {
        a.close();
        kit.close();
    }

    @Test
    void systemJoinsOnlyOnce() {
        assertThatThrownBy(() -> NatsNode.join(kit.system(), Protocol.settings("a2", url)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already joined");
    }

    @Test
    void systemWhoseJoinFailedJoinsAtOnceAfter() throws Exception {
        ActorSystem other = ActorSystem.create("other");
        try {
            for (int attempt = 0; attempt < 20; attempt++) { // each failed join must leave the system free to join
                String nobody = "nats://127.0.0.1:" + NatsServer.freePort();
                assertThatThrownBy(() -> NatsNode.join(other, Protocol.settings("b", nobody)))
                        .isInstanceOf(java.io.UncheckedIOException.class);
            }
            try (NatsNode b = NatsNode.join(other, Protocol.settings("b", url))) {
                assertThat(b.address().name()).isEqualTo("b");
            }
        } finally {
            other.close();
        }
    }

    @Test
    void nodeLeavesWhenItsSystemTerminatesAndItsWatchersAreToldAtOnce() throws Exception {
        ActorSystem other = ActorSystem.create("other");
        NatsNode b = NatsNode.join(other, Protocol.settings("b", url));
        ActorRef<EchoMsg> local = other.spawn("echo", Protocol.Echo::new);
        b.expose("echo", local);
        ActorRef<EchoMsg> echo = a.<EchoMsg>lookup("b", "echo", PATIENCE).toCompletableFuture()
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        TestProbe<Object> probe = kit.createTestProbe();
        probe.watch(echo);
        await().atMost(PATIENCE).until(() -> b.watchedByOthers(local));

        other.close();

        Signal.Terminated terminated = probe.expectTerminated(echo, PATIENCE);
        assertThat(terminated.reason()).isIn(ExitReason.SHUTDOWN, new ExitReason.Custom(new NodeDown(b.address())));
    }

    @Test
    void messageThatCannotBeEncodedIsRefusedAtTheSend() throws Exception {
        ActorSystem other = ActorSystem.create("other");
        try (NatsNode b = NatsNode.join(other, Protocol.settings("b", url))) {
            b.expose("echo", other.spawn("echo", Protocol.Echo::new));
            ActorRef<Object> echo = a.<Object>lookup("b", "echo", PATIENCE).toCompletableFuture()
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            assertThatThrownBy(() -> echo.tell(new Object())).isInstanceOfSatisfying(MessageCodecException.class,
                    e -> assertThat(e.reason()).isEqualTo(MessageCodecException.Reason.NOT_ALLOWED));
        } finally {
            other.close();
        }
    }

    @Test
    void messageOverTheServersPayloadLimitIsRefusedAtTheSendAndAnOversizedReplyFailsTheAskAtOnce() throws Exception {
        ActorSystem other = ActorSystem.create("other");
        try (NatsNode b = NatsNode.join(other, Protocol.settings("b", url))) {
            b.expose("echo", other.spawn("echo", Protocol.Echo::new));
            ActorRef<EchoMsg> echo = a.<EchoMsg>lookup("b", "echo", PATIENCE).toCompletableFuture()
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            String huge = "x".repeat(60_000).repeat(20); // 1.2 MB: over the default limit of 1 MiB
            TestProbe<Object> probe = kit.createTestProbe();

            assertThatThrownBy(() -> echo.tell(new Forward(huge, probe.ref()))).isInstanceOfSatisfying(
                    MessageCodecException.class, e -> assertThat(e.reason()).isEqualTo(MessageCodecException.Reason.TOO_LARGE));
            Throwable failure = null;
            try {
                echo.<Protocol.Pong>ask(replyTo -> new Protocol.Amplify("x".repeat(60_000), 20, replyTo),
                        Duration.ofHours(1)).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e.getCause();
            }
            assertThat(failure).isInstanceOf(RemoteCodecException.class).hasMessageContaining("TOO_LARGE");
        } finally {
            other.close();
        }
    }

    @Test
    void messageOfATypeTheReceiverDoesNotAllowIsRefusedThere() throws Exception {
        ActorSystem other = ActorSystem.create("other");
        NatsNodeSettings strict = NatsNodeSettings.of("b", url, io.otp4j.nats.serialization.MessageTypes.builder()
                .add(1, Protocol.Ping.class).build()).withSubjectPrefix("otp4j-test");
        try (NatsNode b = NatsNode.join(other, strict)) {
            TestProbe<Object> inbox = kit.createTestProbe();
            ActorRef<Object> local = inbox.ref();
            b.expose("inbox", other.spawn("inbox", Protocol.Echo::new));
            ActorRef<EchoMsg> echo = a.<EchoMsg>lookup("b", "inbox", PATIENCE).toCompletableFuture()
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            echo.tell(new Forward("not allowed on b", local));

            await().atMost(PATIENCE).until(() -> b.refusedCount() == 1);
            inbox.expectNoMessage(Duration.ofMillis(100));
        } finally {
            other.close();
        }
    }
}

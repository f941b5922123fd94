package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.nats.Protocol.EchoMsg;
import io.otp4j.nats.Protocol.Ping;
import io.otp4j.nats.Protocol.Pong;
import io.otp4j.nats.serialization.MessageCodec;
import io.otp4j.nats.serialization.MessageTypes;
import io.otp4j.nats.serialization.RefCodec;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes on servers that require authentication (each test starts its own, from a configuration file): the
 * right credentials join, wrong or missing ones are refused with {@link NatsAuthenticationException}; and the
 * allow-list holds across the wire: a peer that sends a type id the receiver does not allow is refused,
 * reported as a {@link RefusedMessage} with the reason, and nothing is delivered.
 */
class SecurityTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ActorTestKit kit = ActorTestKit.create();
    private NatsServer.Own server;

    @AfterEach
    void stop() {
        kit.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void nodeWithTheRightPasswordJoinsAndOneWithoutOrWithAWrongOneIsRefused() throws Exception {
        server = NatsServer.startWithConfig("""
                authorization { users = [ { user: "otp4j", password: "s3cret" } ] }
                """);

        ActorSystem other = ActorSystem.create("other");
        try (NatsNode good = NatsNode.join(kit.system(), settings("good", server.url())
                .withConnectionOptions(o -> o.userInfo("otp4j", "s3cret")))) {
            assertThat(good.address().name()).isEqualTo("good");
            assertThatThrownBy(() -> NatsNode.join(other, settings("wrong", server.url())
                    .withConnectionOptions(o -> o.userInfo("otp4j", "guess"))))
                    .isInstanceOf(NatsAuthenticationException.class)
                    .hasMessageContaining(server.url());
            assertThatThrownBy(() -> NatsNode.join(other, settings("anonymous", server.url())))
                    .isInstanceOf(NatsAuthenticationException.class);
            // refused, and free to try again: the system did not join
            try (NatsNode second = NatsNode.join(other, settings("second", server.url())
                    .withConnectionOptions(o -> o.userInfo("otp4j", "s3cret")))) {
                ActorRef<EchoMsg> echo = exposeEcho(good);
                ActorRef<EchoMsg> remote = second.<EchoMsg>lookup("good", "echo", PATIENCE).toCompletableFuture()
                        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                Pong pong = remote.<Pong>ask(r -> new Ping("authenticated", r), PATIENCE).toCompletableFuture()
                        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(pong).isEqualTo(new Pong("authenticated"));
                assertThat(echo).isNotNull();
            }
        } finally {
            other.close();
        }
    }

    @Test
    void nodeWithTheNKeyJoinsAndOneWithAnotherKeyIsRefused() throws Exception {
        NKey user = NKey.createUser(new SecureRandom());
        NKey stranger = NKey.createUser(new SecureRandom());
        server = NatsServer.startWithConfig("authorization { users = [ { nkey: \""
                + new String(user.getPublicKey()) + "\" } ] }\n");

        ActorSystem other = ActorSystem.create("other");
        try (NatsNode good = NatsNode.join(kit.system(), settings("good", server.url())
                .withConnectionOptions(o -> o.authHandler(nkey(user))))) {
            assertThat(good.address().name()).isEqualTo("good");
            assertThatThrownBy(() -> NatsNode.join(other, settings("stranger", server.url())
                    .withConnectionOptions(o -> o.authHandler(nkey(stranger)))))
                    .isInstanceOf(NatsAuthenticationException.class);
        } finally {
            other.close();
        }
    }

    @Test
    void typeIdTheReceiverDoesNotAllowIsRefusedWithItsReasonAndNeverDelivered() throws Exception {
        server = NatsServer.startWithConfig("");
        try (NatsNode b = NatsNode.join(kit.system(), settings("b", server.url()));
             Connection peer = Nats.connect(server.url())) {
            TestProbe<Object> inbox = kit.createTestProbe();
            TestProbe<RefusedMessage> refusals = kit.createTestProbe();
            kit.system().eventStream().subscribe(RefusedMessage.class, refusals.ref());
            String inboxAddress = b.exportedAddress(inbox.ref());
            RemoteRef<?> target = RemoteRef.parse(b, inboxAddress);
            // a peer whose allow-list has a type under an id b does not know (99)
            MessageCodec peerCodec = MessageCodec.compact(MessageTypes.builder().add(99, Smuggled.class).build(),
                    RefCodec.none());
            byte[] frame = new Frames.Writer(Frames.TELL).utf(target.path).id(target.id)
                    .with(peerCodec.encode(new Smuggled("rm -rf /")));

            peer.publish("otp4j-test.node.b." + b.address().incarnation(), frame);

            RefusedMessage refused = refusals.expectMessageClass(RefusedMessage.class);
            assertThat(refused.node()).isEqualTo(b.address());
            assertThat(refused.reason()).contains("99");
            // b still delivers an allowed message to the same inbox, and only that one
            peer.publish("otp4j-test.node.b." + b.address().incarnation(), new Frames.Writer(Frames.TELL)
                    .utf(target.path).id(target.id).with(MessageCodec.compact(Protocol.types(), RefCodec.none())
                            .encode(new Pong("allowed"))));
            inbox.expectMessage(new Pong("allowed"));
            inbox.expectNoMessage(Duration.ofMillis(100));
        }
    }

    /** A type no node of the tests allows. */
    record Smuggled(String command) {}

    private ActorRef<EchoMsg> exposeEcho(NatsNode node) {
        ActorRef<EchoMsg> echo = node.system().spawn("echo", Protocol.Echo::new);
        node.expose("echo", echo);
        return echo;
    }

    private static NatsNodeSettings settings(String name, String url) {
        return Protocol.settings(name, url);
    }

    /** Signs the server's nonce with the user's NKey: how a client proves it holds the key (no JWT). */
    private static AuthHandler nkey(NKey key) {
        return new AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                try {
                    return key.sign(nonce);
                } catch (GeneralSecurityException | IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getID() {
                try {
                    return key.getPublicKey();
                } catch (GeneralSecurityException | IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getJWT() {
                return null;
            }
        };
    }
}

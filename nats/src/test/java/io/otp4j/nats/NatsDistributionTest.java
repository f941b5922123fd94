package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ExitReason;
import io.otp4j.nats.Protocol.EchoMsg;
import io.otp4j.nats.Protocol.Ping;
import io.otp4j.nats.Protocol.Pong;
import io.otp4j.registry.ServiceKey;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Distribution from the system's settings ({@link NatsDistribution}): a system created with it has joined the
 * cluster when {@code create} returns and leaves when it terminates; the same code without it runs on one JVM.
 */
class NatsDistributionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String url = NatsServer.get().url();
    private final ServiceKey<EchoMsg> echoKey = ServiceKey.of("echo-" + UUID.randomUUID(), EchoMsg.class);
    private final ActorTestKit observer = ActorTestKit.create();

    @AfterEach
    void closeObserver() {
        observer.close();
    }

    /** The application: the same code whether its system is distributed or not. */
    private ActorRef<EchoMsg> startShop(ActorSystem system) {
        ActorRef<EchoMsg> echo = system.spawn("echo", Protocol.Echo::new);
        NatsNode.of(system).ifPresent(node -> node.registry().register(echoKey, echo));
        return echo;
    }

    private ActorSystemSettings distributed(String nodeName) {
        return ActorSystemSettings.defaults().with(NatsDistribution.of(Protocol.settings(nodeName, url)));
    }

    @Test
    void systemsCreatedWithTheSettingReachEachOtherAndLeaveWhenTheyTerminate() throws Exception {
        ActorSystem shop = ActorSystem.create("shop", distributed("shop-1"));
        try (ActorSystem front = ActorSystem.create("front", distributed("front-1"))) {
            startShop(shop);
            NatsNode shopNode = NatsNode.of(shop).orElseThrow();
            NatsNode frontNode = NatsNode.of(front).orElseThrow();
            assertThat(shopNode.system()).isSameAs(shop);
            assertThat(shopNode.address().name()).isEqualTo("shop-1");

            ActorRef<EchoMsg> echo = frontNode.registry().find(echoKey).orElseThrow();
            Pong pong = echo.<Pong>ask(replyTo -> new Ping("across", replyTo), PATIENCE).toCompletableFuture()
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(pong).isEqualTo(new Pong("across"));
            TestProbe<Object> watcher = observer.createTestProbe();
            NatsNode observerNode = NatsNode.join(observer.system(), Protocol.settings("observer", url));
            ActorRef<EchoMsg> watched = observerNode.registry().find(echoKey).orElseThrow();
            watcher.watch(watched);

            shop.close(); // the system terminates: its node leaves, its names are released

            assertThat(NatsNode.of(shop)).isEmpty();
            ExitReason reason = watcher.expectTerminated(watched, PATIENCE).reason();
            // the actors stopped before the node left: the watcher hears either, never nothing
            assertThat(reason).isIn(ExitReason.SHUTDOWN, new ExitReason.Custom(new NodeDown(shopNode.address())));
            org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> frontNode.registry().find(echoKey)
                    .isEmpty());
        } finally {
            shop.close();
        }
    }

    @Test
    void theSameCodeWithoutTheSettingRunsOnOneJvm() throws Exception {
        try (ActorSystem shop = ActorSystem.create("shop")) {
            ActorRef<EchoMsg> echo = startShop(shop);

            assertThat(NatsNode.of(shop)).isEmpty();
            Pong pong = echo.<Pong>ask(replyTo -> new Ping("here", replyTo), PATIENCE).toCompletableFuture()
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(pong).isEqualTo(new Pong("here"));
        }
    }

    @Test
    void aJoinThatFailsFailsTheCreate() {
        ActorSystemSettings unreachable = ActorSystemSettings.defaults().with(NatsDistribution.of(
                Protocol.settings("lost", "nats://127.0.0.1:1").withConnectionOptions(b -> b.maxReconnects(0))));

        assertThatThrownBy(() -> ActorSystem.create("lost", unreachable)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("nats://127.0.0.1:1");
    }

    @Test
    void theSettingIsFoundByItsTypeAndNamesItsNode() {
        NatsNodeSettings node = Protocol.settings("shop-1", url);
        ActorSystemSettings settings = ActorSystemSettings.defaults().with(NatsDistribution.of(node));

        Optional<NatsDistribution> found = settings.setting(NatsDistribution.class);

        assertThat(found).hasValueSatisfying(d -> assertThat(d.nodeSettings()).isSameAs(node));
        assertThatThrownBy(() -> NatsDistribution.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("node");
    }
}

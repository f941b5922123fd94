package io.otp4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ErrorAction;
import io.otp4j.broker.MessageBroker;
import io.otp4j.broker.TopicKey;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import org.junit.jupiter.api.Test;

/** The broker and system event families, observed on real publications, registrations and shutdowns. */
class BrokerAndSystemEventsTest {

    private final InMemoryMonitor monitor = InMemoryMonitor.create(InMemoryMonitor.DEFAULT_HISTORY, Severity.TRACE, true); // with messages

    @Test
    void publishSubscribeAndDeadLettersAreReported() {
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor))) {
            TopicKey<String> news = TopicKey.of("news", String.class);
            TestProbe<String> reader = kit.createTestProbe();
            TestProbe<String> other = kit.createTestProbe();
            MessageBroker.of(kit.system()).subscribe(news, reader.ref());
            MessageBroker.of(kit.system()).subscribe(news, other.ref());
            MessageBroker.of(kit.system()).publish(news, "hello");
            reader.expectMessage("hello");
            other.expectMessage("hello");
            MessageBroker.of(kit.system()).unsubscribe(news, other.ref());
            MessageBroker.of(kit.system()).publish(TopicKey.of("empty", String.class), "nobody");

            ActorPath topic = ActorPath.root(kit.system().name()).child("topics").child("news");
            assertThat(monitor.history(BrokerEvent.SubscriberAdded.class))
                    .extracting(BrokerEvent::path).containsExactly(reader.ref().path(), other.ref().path());
            assertThat(monitor.history(BrokerEvent.Published.class)).singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo(topic);
                assertThat(e.topic()).isEqualTo("news");
                assertThat(e.subscribers()).isEqualTo(2);
            });
            assertThat(monitor.history(BrokerEvent.Routed.class))
                    .extracting(BrokerEvent::path).containsExactly(reader.ref().path(), other.ref().path());
            assertThat(monitor.history(BrokerEvent.SubscriberRemoved.class))
                    .singleElement().extracting(BrokerEvent::path).isEqualTo(other.ref().path());
            assertThat(monitor.history(BrokerEvent.DeadLettered.class)).singleElement().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(DeadLetter.Reason.NO_SUBSCRIBERS);
                assertThat(e.message()).isEqualTo("nobody");
                assertThat(e.path().toString()).isEqualTo("/topics/empty");
            });
        }
    }

    @Test
    void aTerminatedSubscriberIsRemoved() {
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor))) {
            ActorRef<Subject.Cmd> subscriber = kit.spawn("sub", () -> new Subject(ErrorAction.RESUME));
            MessageBroker.of(kit.system()).subscribe(TopicKey.of("jobs", Subject.Cmd.class), subscriber);
            kit.system().stop(subscriber);
            await().until(() -> monitor.count(EventKind.BROKER_SUBSCRIBER_REMOVED) == 1);
            assertThat(monitor.history(BrokerEvent.SubscriberRemoved.class)).singleElement()
                    .satisfies(e -> assertThat(e.topic()).isEqualTo("jobs"));
        }
    }

    @Test
    void systemStartShutdownAndNamesAreReported() {
        ServiceKey<Subject.Cmd> key = ServiceKey.of("the-subject", Subject.Cmd.class);
        ActorPath first;
        ActorPath second;
        try (ActorSystem system = ActorSystem.create("observed", ActorSystemSettings.defaults().with(monitor))) {
            assertThat(monitor.history(SystemEvent.Started.class)).singleElement().satisfies(e -> {
                assertThat(e.systemName()).isEqualTo("observed");
                assertThat(e.path().toString()).isEqualTo("/");
            });
            ActorRef<Subject.Cmd> one = system.spawn("one", () -> new Subject(ErrorAction.RESUME));
            ActorRef<Subject.Cmd> two = system.spawn("two", () -> new Subject(ErrorAction.RESUME));
            first = one.path();
            second = two.path();
            Registry.of(system).register(key, one);
            Registry.of(system).unregister(key);
            Registry.of(system).register(key, two);
            system.stop(two); // releases the name
            await().until(() -> monitor.count(EventKind.SYSTEM_DEREGISTERED) == 2);
        }
        assertThat(monitor.history(SystemEvent.class)).map(MonitorEvent::kind).containsExactly(
                EventKind.SYSTEM_STARTED,
                EventKind.SYSTEM_REGISTERED, EventKind.SYSTEM_DEREGISTERED,
                EventKind.SYSTEM_REGISTERED, EventKind.SYSTEM_DEREGISTERED,
                EventKind.SYSTEM_SHUTDOWN);
        assertThat(monitor.history(SystemEvent.Registered.class)).extracting(SystemEvent::path)
                .containsExactly(first, second);
        assertThat(monitor.history(SystemEvent.Deregistered.class)).extracting(SystemEvent.Deregistered::name)
                .containsOnly("the-subject");
        assertThat(monitor.history(SystemEvent.Shutdown.class)).singleElement()
                .satisfies(e -> assertThat(e.clean()).isTrue());
    }
}

package io.otp4j.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Signal;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Gate;
import io.otp4j.registry.KeyTypeMismatchException;
import io.otp4j.registry.Watcher;
import io.otp4j.registry.Worker;
import io.otp4j.registry.Worker.Cmd;
import io.otp4j.registry.Worker.Received;
import io.otp4j.registry.Worker.Text;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publish-subscribe through the broker: exact topics, wildcard patterns, types, clean-up, bad input. */
@OnEveryDispatcher
class PublishSubscribeTest {

    private static final TopicKey<Cmd> CREATED = TopicKey.of("orders.eu.created", Cmd.class);

    private final DispatcherUnderTest on;

    PublishSubscribeTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private MessageBroker broker;
    private TestProbe<Object> observer;
    private TestProbe<DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        kit = on.testKit();
        broker = MessageBroker.of(kit.system());
        observer = kit.createTestProbe();
        deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private ActorRef<Cmd> spawnSubscriber(TopicKey<Cmd> topic) {
        ActorRef<Cmd> subscriber = kit.spawn(Worker.reportingTo(observer.ref()));
        broker.subscribe(topic, subscriber);
        return subscriber;
    }

    /** Collects the message objects themselves, to check identity. */
    private ActorRef<Object> spawnCollector(TestProbe<Object> into) {
        return kit.<Object>spawn(() -> (msg, ctx) -> into.ref().tell(msg));
    }

    @Test
    void aPublicationReachesEverySubscriberAsTheSameMessageObject() {
        TestProbe<Object> collected = kit.createTestProbe();
        TopicKey<Object> topic = TopicKey.of("news", Object.class);
        for (int i = 0; i < 3; i++) {
            broker.subscribe(topic, spawnCollector(collected));
        }
        Object message = new Object();

        PublishResult result = broker.publish(topic, message);

        assertThat(result).isEqualTo(new PublishResult(3, 3, 0, 0, 0));
        assertThat(result.allDelivered()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(collected.receiveMessage()).isSameAs(message);
        }
    }

    @Test
    void publishingToATopicNobodySubscribesToIsANoSubscribersDeadLetterThatNamesTheTopic() {
        long before = kit.system().eventStream().deadLetterCount();

        PublishResult result = broker.publish(CREATED, new Text("anyone?"));

        assertThat(result).isEqualTo(PublishResult.NO_SUBSCRIBERS);
        assertThat(result.allDelivered()).isFalse();
        DeadLetter letter = deadLetters.receiveMessage();
        assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.NO_SUBSCRIBERS);
        assertThat(letter.message()).isEqualTo(new Text("anyone?"));
        assertThat(letter.recipient().path().toString()).isEqualTo("/topics/orders.eu.created");
        assertThat(kit.system().eventStream().deadLetterCount()).isEqualTo(before + 1);
    }

    @Test
    void wildcardSubscriptionsReceiveExactlyTheTopicsTheirPatternsMatch() {
        ActorRef<Cmd> oneLevel = spawnSubscriber(TopicKey.of("orders.*.created", Cmd.class));
        ActorRef<Cmd> rest = spawnSubscriber(TopicKey.of("orders.>", Cmd.class));
        ActorRef<Cmd> exact = spawnSubscriber(CREATED);

        assertThat(broker.publish(CREATED, new Text("eu created")).subscribers()).isEqualTo(3);
        assertThat(broker.publish(TopicKey.of("orders.eu.paid", Cmd.class), new Text("eu paid")).subscribers())
                .isEqualTo(1);
        assertThat(broker.publish(TopicKey.of("orders", Cmd.class), new Text("bare")).subscribers()).isZero();
        assertThat(broker.publish(TopicKey.of("orders.us.x.created", Cmd.class), new Text("deep")).subscribers())
                .isEqualTo(1);

        assertThat(observer.receiveMessages(5)).containsExactlyInAnyOrder(
                new Received(oneLevel, "eu created"), new Received(rest, "eu created"),
                new Received(exact, "eu created"), new Received(rest, "eu paid"), new Received(rest, "deep"));
        observer.expectNoMessage();
    }

    @Test
    void anActorGetsEachPublicationOnceHoweverManyOfItsSubscriptionsMatch() {
        ActorRef<Cmd> subscriber = spawnSubscriber(CREATED);
        broker.subscribe(TopicKey.of("orders.>", Cmd.class), subscriber);
        broker.subscribe(TopicKey.of("orders.*.created", Cmd.class), subscriber);

        assertThat(broker.publish(CREATED, new Text("once")).subscribers()).isEqualTo(1);

        observer.expectMessage(new Received(subscriber, "once"));
        observer.expectNoMessage();
    }

    @Test
    void subscribingTwiceWithTheSameKeyIsOneSubscription() {
        ActorRef<Cmd> subscriber = kit.spawn(Worker.reportingTo(observer.ref()));

        assertThat(broker.subscribe(CREATED, subscriber)).isTrue();
        assertThat(broker.subscribe(CREATED, subscriber)).isFalse();

        assertThat(broker.subscriberCount(CREATED)).isEqualTo(1);
    }

    @Test
    void unsubscribeEndsOneSubscriptionAndUnsubscribeAllEndsEvery() {
        ActorRef<Cmd> subscriber = spawnSubscriber(CREATED);
        TopicKey<Cmd> pattern = TopicKey.of("orders.>", Cmd.class);
        broker.subscribe(pattern, subscriber);

        assertThat(broker.unsubscribe(CREATED, subscriber)).isTrue();
        assertThat(broker.unsubscribe(CREATED, subscriber)).isFalse();
        assertThat(broker.subscriberCount(CREATED)).isEqualTo(1); // still through the pattern

        assertThat(broker.unsubscribeAll(subscriber)).isEqualTo(1);
        assertThat(broker.subscriberCount(CREATED)).isZero();
        assertThat(broker.publish(CREATED, new Text("gone"))).isEqualTo(PublishResult.NO_SUBSCRIBERS);
    }

    @Test
    void aSubscriptionEndsWhenTheSubscriberTerminatesBeforeItsWatchersHearOfIt() {
        ActorRef<Cmd> subscriber = spawnSubscriber(CREATED);
        CompletableFuture<Void> watching = new CompletableFuture<>();
        ActorRef<ActorRef<?>> watcher = kit.spawn(() -> new Actor<ActorRef<?>>() {
            @Override
            public void receive(ActorRef<?> target, ActorContext<ActorRef<?>> ctx) {
                ctx.watch(target);
                watching.complete(null);
            }

            @Override
            public void onSignal(Signal signal, ActorContext<ActorRef<?>> ctx) {
                observer.ref().tell(broker.subscriberCount(CREATED));
            }
        });
        watcher.tell(subscriber);
        watching.join();

        kit.system().stop(subscriber);

        assertThat(observer.receiveMessage()).isEqualTo(0);
    }

    @Test
    void aSubscriberCrashingMidDeliveryCostsTheOthersNothingAndWhatItMissedIsADeadLetter() throws Exception {
        TopicKey<Object> topic = TopicKey.of("jobs", Object.class);
        TestProbe<Object> collected = kit.createTestProbe();
        ActorRef<Object> steady = spawnCollector(collected);
        ActorRef<Object> fragile = kit.<Object>spawn(() -> (msg, ctx) -> {
            if (msg instanceof Gate gate) {
                gate.pass();
            } else if ("boom".equals(msg)) {
                throw new IllegalStateException("boom");
            }
        });
        broker.subscribe(topic, steady);
        broker.subscribe(topic, fragile);
        Watcher watcher = Watcher.watch(kit.system(), fragile);
        try (Gate gate = new Gate()) { // held, so that all three queue up behind each other
            gate.sendAndAwaitArrival(() -> fragile.tell(gate));
            broker.publish(topic, "one");
            broker.publish(topic, "boom");
            broker.publish(topic, "two");
        }
        watcher.awaitTermination();
        PublishResult afterCrash = broker.publish(topic, "three");

        assertThat(collected.receiveMessages(4)).containsExactly("one", "boom", "two", "three");
        assertThat(afterCrash).isEqualTo(new PublishResult(1, 1, 0, 0, 0));
        DeadLetter lost = deadLetters.receiveMessage();
        assertThat(lost.message()).isEqualTo("two");
        assertThat(lost.recipient()).isEqualTo(fragile);
        assertThat(lost.reason()).isEqualTo(DeadLetter.Reason.RECIPIENT_TERMINATED);
    }

    @Test
    void aSubscriberOfASupertypeReceivesPublicationsOfASubtype() {
        TestProbe<Object> collected = kit.createTestProbe();
        broker.subscribe(TopicKey.of("orders.eu.created", Object.class), spawnCollector(collected));
        broker.subscribe(TopicKey.of("orders.>", Object.class), spawnCollector(collected));

        assertThat(broker.publish(CREATED, new Text("typed")).subscribers()).isEqualTo(2);

        assertThat(collected.receiveMessages(2)).containsOnly(new Text("typed"));
    }

    @Test
    void publishingATypeThatAnExactSubscriptionCannotAcceptThrowsKeyTypeMismatchAndDeliversNothing() {
        spawnSubscriber(CREATED);
        TopicKey<String> wrongType = TopicKey.of("orders.eu.created", String.class);

        assertThatThrownBy(() -> broker.publish(wrongType, "a string")).isInstanceOf(KeyTypeMismatchException.class)
                .hasMessageContaining("orders.eu.created");
        observer.expectNoMessage();
    }

    @Test
    void aWildcardSubscriptionSkipsTopicsOfATypeItCannotAccept() {
        ActorRef<Cmd> commands = spawnSubscriber(TopicKey.of("orders.>", Cmd.class));
        TopicKey<String> strings = TopicKey.of("orders.eu.note", String.class);

        assertThat(broker.publish(strings, "a note")).isEqualTo(PublishResult.NO_SUBSCRIBERS);
        assertThat(broker.publish(TopicKey.of("orders.eu.note", Cmd.class), new Text("a command")).subscribers())
                .isEqualTo(1);

        observer.expectMessage(new Received(commands, "a command"));
    }

    @Test
    void publishingToAPatternIsRejected() {
        assertThatThrownBy(() -> broker.publish(TopicKey.of("orders.*", Cmd.class), new Text("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern");
        assertThatThrownBy(() -> broker.subscriberCount(TopicKey.of("orders.>", Cmd.class)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(kit.system().eventStream().deadLetterCount()).isZero();
    }

    @Test
    void aTerminatedActorCannotSubscribe() {
        ActorRef<Cmd> dead = kit.spawn(Worker.reportingTo(observer.ref()));
        kit.system().stop(dead);
        observer.expectTerminated(dead);

        assertThatThrownBy(() -> broker.subscribe(CREATED, dead)).isInstanceOf(DeadActorException.class);
        assertThat(broker.subscriberCount(CREATED)).isZero();
    }

    @Test
    void aRefThatIsNotAnActorOfThisRuntimeCannotSubscribe() {
        ActorRef<Object> captor = kit.<Object>spawn(() -> (msg, ctx) -> observer.ref().tell(msg));
        captor.ask(replyTo -> replyTo, Duration.ofMinutes(1));
        @SuppressWarnings("unchecked")
        ActorRef<Object> replyAddress = (ActorRef<Object>) observer.receiveMessage();

        assertThatThrownBy(() -> broker.subscribe(TopicKey.of("t", Object.class), replyAddress))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an actor of this runtime");
    }

    @Test
    void anActorOfAnotherSystemCannotSubscribe() {
        try (ActorSystem other = ActorSystem.create(kit.system().name())) { // the same name: still another system
            ActorRef<Cmd> foreign = other.spawn("foreign", Worker.reportingTo(observer.ref()));

            assertThatThrownBy(() -> broker.subscribe(CREATED, foreign))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another actor system");
            assertThat(broker.subscriberCount(CREATED)).isZero();
        }
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() {
        ActorRef<Cmd> a = kit.spawn(Worker.reportingTo(observer.ref()));
        assertThatNullPointerException().isThrownBy(() -> broker.publish(null, new Text("x"))).withMessageContaining("topic");
        assertThatNullPointerException().isThrownBy(() -> broker.publish(CREATED, null)).withMessageContaining("message");
        assertThatNullPointerException().isThrownBy(() -> broker.publish(CREATED, new Text("x"), null))
                .withMessageContaining("options");
        assertThatNullPointerException().isThrownBy(() -> broker.subscribe(null, a)).withMessageContaining("topic");
        assertThatNullPointerException().isThrownBy(() -> broker.subscribe(CREATED, null))
                .withMessageContaining("subscriber");
        assertThatNullPointerException().isThrownBy(() -> broker.unsubscribe(CREATED, null))
                .withMessageContaining("subscriber");
        assertThatNullPointerException().isThrownBy(() -> broker.unsubscribeAll(null)).withMessageContaining("subscriber");
        assertThatNullPointerException().isThrownBy(() -> TopicKey.of(null, Cmd.class)).withMessageContaining("name");
        assertThat(broker.subscriberCount(CREATED)).isZero();
    }
}

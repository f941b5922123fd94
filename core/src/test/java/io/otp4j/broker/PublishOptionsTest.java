package io.otp4j.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Gate;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.registry.Worker;
import io.otp4j.registry.Worker.Cmd;
import io.otp4j.registry.Worker.Received;
import io.otp4j.registry.Worker.Text;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Priority, expiry and backpressure end to end: a publication's {@link SendOptions} are applied by each
 * subscriber's own mailbox, and a full mailbox's policy shows in the {@link PublishResult}. Subscribers are
 * held at a {@link Gate} while messages queue, so the order and the fullness are the mailboxes' own.
 */
@OnEveryDispatcher
class PublishOptionsTest {

    private static final TopicKey<Cmd> TOPIC = TopicKey.of("alerts", Cmd.class);

    private final DispatcherUnderTest on;

    PublishOptionsTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private MessageBroker broker;
    private TestProbe<Object> observer;
    private TestProbe<DeadLetter> deadLetters;
    private final List<Gate> gates = new ArrayList<>();

    @BeforeEach
    void start() {
        kit = on.manualTimeTestKit();
        broker = MessageBroker.of(kit.system());
        observer = kit.createTestProbe();
        deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
    }

    @AfterEach
    void stop() {
        gates.forEach(Gate::open);
        kit.close();
    }

    /** A subscriber with that mailbox, held at a gate with an empty mailbox. */
    private ActorRef<Cmd> heldSubscriber(MailboxConfig mailbox, Gate gate) throws InterruptedException {
        gates.add(gate);
        ActorRef<Cmd> subscriber = kit.system().spawnAnonymous(Worker.reportingTo(observer.ref()),
                Props.defaults().withMailbox(mailbox));
        broker.subscribe(TOPIC, subscriber);
        gate.sendAndAwaitArrival(() -> subscriber.tell(new Worker.Hold(gate)));
        return subscriber;
    }

    @Test
    void eachSubscribersPriorityMailboxDeliversPublicationsByTheirPriority() throws Exception {
        Gate gate1 = new Gate();
        Gate gate2 = new Gate();
        ActorRef<Cmd> first = heldSubscriber(MailboxConfig.priority(), gate1);
        ActorRef<Cmd> second = heldSubscriber(MailboxConfig.priority(), gate2);

        broker.publish(TOPIC, new Text("low"), SendOptions.priority(Priority.LOW));
        broker.publish(TOPIC, new Text("normal"));
        broker.publish(TOPIC, new Text("high"), SendOptions.priority(Priority.HIGH));
        gate1.open();
        observer.expectMessage(new Received(first, "high"));
        observer.expectMessage(new Received(first, "normal"));
        observer.expectMessage(new Received(first, "low"));
        gate2.open();

        observer.expectMessage(new Received(second, "high"));
        observer.expectMessage(new Received(second, "normal"));
        observer.expectMessage(new Received(second, "low"));
    }

    @Test
    void aPublicationWhoseTimeToLivePassedBeforeItsTurnIsAnExpiredDeadLetterForEachSubscriber() throws Exception {
        ActorRef<Cmd> first = heldSubscriber(MailboxConfig.unbounded(), new Gate());
        ActorRef<Cmd> second = heldSubscriber(MailboxConfig.unbounded(), new Gate());

        PublishResult shortLived = broker.publish(TOPIC, new Text("stale"), SendOptions.ttl(Duration.ofSeconds(1)));
        broker.publish(TOPIC, new Text("fresh"), SendOptions.ttl(Duration.ofSeconds(10)));
        kit.manualTime().advance(Duration.ofSeconds(2));
        gates.forEach(Gate::open);

        assertThat(shortLived).isEqualTo(new PublishResult(2, 2, 0, 0, 0)); // accepted, then expired
        assertThat(observer.receiveMessages(2)).containsExactlyInAnyOrder(new Received(first, "fresh"),
                new Received(second, "fresh"));
        List<DeadLetter> expired = deadLetters.receiveMessages(2);
        assertThat(expired).allSatisfy(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetter.Reason.EXPIRED);
            assertThat(d.message()).isEqualTo(new Text("stale"));
        });
        assertThat(expired).extracting(DeadLetter::recipient).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void thePublisherLearnsHowManyFullMailboxesDroppedOrRejectedThePublication() throws Exception {
        ActorRef<Cmd> roomy = heldSubscriber(MailboxConfig.unbounded(), new Gate());
        ActorRef<Cmd> dropping = heldSubscriber(MailboxConfig.bounded(1, Overflow.DROP), new Gate());
        ActorRef<Cmd> rejecting = heldSubscriber(MailboxConfig.bounded(1, Overflow.REJECT), new Gate());

        PublishResult first = broker.publish(TOPIC, new Text("fills them"));
        PublishResult second = broker.publish(TOPIC, new Text("finds them full"));

        assertThat(first).isEqualTo(new PublishResult(3, 3, 0, 0, 0));
        assertThat(second).isEqualTo(new PublishResult(3, 1, 1, 1, 0));
        // DROP publishes its dead letter; REJECT does not (the publisher has the count instead)
        DeadLetter dropped = deadLetters.receiveMessage();
        assertThat(dropped).isEqualTo(new DeadLetter(new Text("finds them full"), dropping,
                DeadLetter.Reason.MAILBOX_FULL));
        deadLetters.expectNoMessage();
        gates.forEach(Gate::open);
        assertThat(observer.receiveMessages(4)).containsExactlyInAnyOrder(new Received(roomy, "fills them"),
                new Received(dropping, "fills them"), new Received(rejecting, "fills them"),
                new Received(roomy, "finds them full"));
    }
}

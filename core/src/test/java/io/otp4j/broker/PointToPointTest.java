package io.otp4j.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.Gate;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.registry.KeyTypeMismatchException;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import io.otp4j.registry.Worker;
import io.otp4j.registry.Worker.Cmd;
import io.otp4j.registry.Worker.Received;
import io.otp4j.registry.Worker.Text;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Point-to-point messaging through the broker: send by registered name. */
@OnEveryDispatcher
class PointToPointTest {

    private static final ServiceKey<Cmd> WORKER = ServiceKey.of("worker", Cmd.class);

    private final DispatcherUnderTest on;

    PointToPointTest(DispatcherUnderTest on) {
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

    @Test
    void theSystemsBrokerIsTheInMemoryOne() {
        assertThat(broker).isInstanceOf(InMemoryMessageBroker.class).isSameAs(MessageBroker.of(kit.system()));
    }

    @Test
    void sendByNameDeliversToTheRegisteredActor() {
        ActorRef<Cmd> worker = kit.spawn(Worker.reportingTo(observer.ref()));
        Registry.of(kit.system()).register(WORKER, worker);

        Delivery delivery = broker.send(WORKER, new Text("by name"));

        assertThat(delivery).isEqualTo(Delivery.ENQUEUED);
        observer.expectMessage(new Received(worker, "by name"));
    }

    @Test
    void messagesSentByNameFromOneThreadArriveInOrder() {
        ActorRef<Cmd> worker = kit.spawn(Worker.reportingTo(observer.ref()));
        Registry.of(kit.system()).register(WORKER, worker);

        for (int i = 0; i < 100; i++) {
            broker.send(WORKER, new Text("m" + i));
        }

        for (int i = 0; i < 100; i++) {
            observer.expectMessage(new Received(worker, "m" + i));
        }
    }

    @Test
    void sendingToANameNobodyHoldsIsANoSuchNameDeadLetterThatNamesIt() {
        long before = kit.system().eventStream().deadLetterCount();

        Delivery delivery = broker.send(WORKER, new Text("lost?"));

        assertThat(delivery).isEqualTo(Delivery.DEAD_LETTER);
        DeadLetter letter = deadLetters.receiveMessage();
        assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.NO_SUCH_NAME);
        assertThat(letter.message()).isEqualTo(new Text("lost?"));
        assertThat(letter.recipient().path().toString()).isEqualTo("/names/worker");
        assertThat(kit.system().eventStream().deadLetterCount()).isEqualTo(before + 1);
    }

    @Test
    void sendingToTheNameOfAnActorThatHasTerminatedIsANoSuchNameDeadLetter() {
        ActorRef<Cmd> worker = kit.spawn(Worker.reportingTo(observer.ref()));
        Registry.of(kit.system()).register(WORKER, worker);
        kit.system().stop(worker);
        observer.expectTerminated(worker);

        assertThat(broker.send(WORKER, new Text("too late"))).isEqualTo(Delivery.DEAD_LETTER);

        assertThat(deadLetters.receiveMessage().reason()).isEqualTo(DeadLetter.Reason.NO_SUCH_NAME);
    }

    @Test
    void sendingWithAKeyOfAnotherMessageTypeThrowsKeyTypeMismatchAndSendsNothing() {
        ActorRef<Cmd> worker = kit.spawn(Worker.reportingTo(observer.ref()));
        Registry.of(kit.system()).register(WORKER, worker);

        assertThatThrownBy(() -> broker.send(ServiceKey.of("worker", String.class), "not a command"))
                .isInstanceOf(KeyTypeMismatchException.class);

        broker.send(WORKER, new Text("after"));
        observer.expectMessage(new Received(worker, "after")); // nothing else arrived before it
    }

    @Test
    void sendReportsWhatAFullMailboxDidInsteadOfThrowing() throws Exception {
        ActorRef<Cmd> worker = kit.system().spawnAnonymous(Worker.reportingTo(observer.ref()),
                Props.defaults().withMailbox(MailboxConfig.bounded(1, Overflow.REJECT)));
        Registry.of(kit.system()).register(WORKER, worker);
        try (Gate gate = new Gate()) {
            gate.sendAndAwaitArrival(() -> worker.tell(new Worker.Hold(gate)));

            assertThat(broker.send(WORKER, new Text("fills it"))).isEqualTo(Delivery.ENQUEUED);
            assertThat(broker.send(WORKER, new Text("finds it full"))).isEqualTo(Delivery.REJECTED);

            gate.open();
            observer.expectMessage(new Received(worker, "fills it"));
        }
    }

    @Test
    void nullArgumentsAreRejectedWithTheirName() {
        assertThatNullPointerException().isThrownBy(() -> broker.send(null, new Text("x"))).withMessageContaining("name");
        assertThatNullPointerException().isThrownBy(() -> broker.send(WORKER, null)).withMessageContaining("message");
        assertThatNullPointerException().isThrownBy(() -> broker.send(WORKER, new Text("x"), null))
                .withMessageContaining("options");
        assertThat(kit.system().eventStream().deadLetterCount()).isZero();
    }

    @Test
    void sendHonoursTheMessagesTimeToLive() throws Exception {
        try (var manual = on.manualTimeTestKit()) {
            TestProbe<Object> seen = manual.createTestProbe();
            TestProbe<DeadLetter> dead = manual.createTestProbe();
            manual.system().eventStream().subscribe(DeadLetter.class, dead.ref());
            ActorRef<Cmd> worker = manual.spawn(Worker.reportingTo(seen.ref()));
            Registry.of(manual.system()).register(WORKER, worker);
            try (Gate gate = new Gate()) {
                gate.sendAndAwaitArrival(() -> worker.tell(new Worker.Hold(gate)));
                MessageBroker.of(manual.system()).send(WORKER, new Text("short-lived"),
                        SendOptions.ttl(java.time.Duration.ofSeconds(1)));
                MessageBroker.of(manual.system()).send(WORKER, new Text("durable"));
                manual.manualTime().advance(java.time.Duration.ofSeconds(2));
                gate.open();
            }

            seen.expectMessage(new Received(worker, "durable"));
            DeadLetter expired = dead.receiveMessage();
            assertThat(expired.reason()).isEqualTo(DeadLetter.Reason.EXPIRED);
            assertThat(expired.message()).isEqualTo(new Text("short-lived"));
        }
    }
}

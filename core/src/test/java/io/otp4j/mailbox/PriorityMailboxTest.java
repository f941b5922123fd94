package io.otp4j.mailbox;

import static io.otp4j.mailbox.Recorder.holdAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.actor.SystemSnapshot;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Recorder.Cmd;
import io.otp4j.mailbox.Recorder.Declared;
import io.otp4j.mailbox.Recorder.Hold;
import io.otp4j.mailbox.Recorder.Item;
import io.otp4j.monitor.EventKind;
import io.otp4j.monitor.InMemoryMonitor;
import io.otp4j.monitor.MailboxEvent;
import io.otp4j.monitor.Severity;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Priorities: every waiting CRITICAL message before any HIGH, those before any NORMAL, those before any LOW,
 * FIFO within a priority, in the default and priority mailboxes; the priority a message type declares, and a
 * per-send override; a bounded FIFO mailbox keeps arrival order and says so. The actor is held at a
 * {@link Gate} while the messages queue, so the order is the mailbox's.
 */
@OnEveryDispatcher
class PriorityMailboxTest {

    private final DispatcherUnderTest on;

    PriorityMailboxTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private TestProbe<Cmd> handled;
    private TestProbe<DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        kit = on.testKit();
        handled = kit.createTestProbe();
        deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private ActorRef<Cmd> spawnRecorder(MailboxConfig mailbox) {
        return kit.system().spawnAnonymous(() -> new Recorder(handled.ref()), Props.defaults().withMailbox(mailbox));
    }

    private static void send(ActorRef<Cmd> ref, String label, Priority priority) {
        ref.tell(new Item(label), SendOptions.priority(priority));
    }

    private void expectHandled(String... labels) {
        for (String label : labels) {
            handled.expectMessage(new Item(label));
        }
    }

    /** Both mailboxes that honour priorities without a bound: the default one and the explicit one. */
    static Stream<Named<MailboxConfig>> unboundedMailboxesThatHonourPriorities() {
        return Stream.of(Named.of("default", MailboxConfig.unbounded()), Named.of("priority", MailboxConfig.priority()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unboundedMailboxesThatHonourPriorities")
    void mailboxHandlesCriticalThenHighThenNormalThenLowAndFifoWithinEachPriority(MailboxConfig mailbox)
            throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(mailbox);
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            send(ref, "low-1", Priority.LOW);
            send(ref, "normal-1", Priority.NORMAL);
            send(ref, "high-1", Priority.HIGH);
            send(ref, "critical-1", Priority.CRITICAL);
            send(ref, "low-2", Priority.LOW);
            send(ref, "high-2", Priority.HIGH);
            ref.tell(new Item("normal-2")); // a plain tell is NORMAL
            send(ref, "critical-2", Priority.CRITICAL);
            send(ref, "high-3", Priority.HIGH);

            gate.open();

            expectHandled("critical-1", "critical-2", "high-1", "high-2", "high-3", "normal-1", "normal-2",
                    "low-1", "low-2");
        }
    }

    @Test
    void defaultMailboxIsFifoUntilAMessageOfAnotherPriorityArrivesThenDeliversByPriority() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.unbounded());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("normal-1"));
            send(ref, "normal-2", Priority.NORMAL);
            ref.tell(new Item("normal-3"));
            send(ref, "low", Priority.LOW); // the first of another priority: waiting messages count as NORMAL
            send(ref, "critical", Priority.CRITICAL);
            ref.tell(new Item("normal-4"));

            gate.open();

            expectHandled("critical", "normal-1", "normal-2", "normal-3", "normal-4", "low");
        }
    }

    @Test
    void aMessageTypeDeclaresItsPriorityAndAPlainTellHonoursIt() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.unbounded());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("normal"));
            ref.tell(new Declared("background", Priority.LOW));
            ref.tell(new Declared("alarm", Priority.CRITICAL));
            assertThat(ref.offer(new Declared("urgent", Priority.HIGH), SendOptions.DEFAULT))
                    .isEqualTo(Delivery.ENQUEUED);
            // a time to live alone sets no priority: the declared one applies
            ref.tell(new Declared("alarm-with-ttl", Priority.CRITICAL), SendOptions.ttl(Duration.ofMinutes(1)));

            gate.open();

            handled.expectMessage(new Item("alarm"));
            handled.expectMessage(new Item("alarm-with-ttl"));
            handled.expectMessage(new Item("urgent"));
            handled.expectMessage(new Item("normal"));
            handled.expectMessage(new Item("background"));
        }
    }

    @Test
    void aPrioritySetPerSendOverridesTheDeclaredOne() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.priority());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("normal"));
            ref.tell(new Declared("demoted", Priority.CRITICAL), SendOptions.priority(Priority.LOW));
            ref.tell(new Declared("promoted", Priority.LOW), SendOptions.priority(Priority.CRITICAL));
            ref.tell(new Declared("kept normal", Priority.HIGH), SendOptions.priority(Priority.NORMAL));

            gate.open();

            handled.expectMessage(new Item("promoted"));
            handled.expectMessage(new Item("normal"));
            handled.expectMessage(new Item("kept normal"));
            handled.expectMessage(new Item("demoted"));
        }
    }

    /** Starts a timer for a message that declares CRITICAL, then waits at the gate; reports what it handles. */
    record TimedRecorder(ActorRef<Cmd> observer) implements io.otp4j.actor.Actor<Cmd> {
        @Override
        public void receive(Cmd msg, io.otp4j.actor.ActorContext<Cmd> ctx) throws InterruptedException {
            switch (msg) {
                case Hold(Gate gate) -> {
                    ctx.timers().startSingleTimer("alarm", new Declared("timer alarm", Priority.CRITICAL),
                            Duration.ofSeconds(1));
                    gate.pass();
                }
                case Item item -> observer.tell(item);
                case Declared(String label, var priority) -> observer.tell(new Item(label));
                case Recorder.Question q -> observer.tell(new Item(q.label()));
            }
        }
    }

    @Test
    void aTimersMessageKeepsThePriorityItsTypeDeclares() throws Exception {
        kit.close();
        kit = ActorTestKit.withManualTime();
        handled = kit.createTestProbe();
        ActorRef<Cmd> ref = kit.system().spawn("timed", () -> new TimedRecorder(handled.ref()));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("normal-1"));
            ref.tell(new Item("normal-2"));
            kit.manualTime().advance(Duration.ofSeconds(1));
            org.awaitility.Awaitility.await().until(
                    () -> kit.system().snapshot().find(ref.path()).orElseThrow().mailboxDepth() == 3);

            gate.open();

            expectHandled("timer alarm", "normal-1", "normal-2");
        }
    }

    /** A message whose declaration is broken. */
    record Broken() implements Prioritized {
        @Override
        public Priority priority() {
            return null;
        }
    }

    @Test
    void aMessageDeclaringNoPriorityFailsTheSendAtTheCall() {
        ActorRef<Broken> ref = kit.system().spawnAnonymous(() -> (msg, ctx) -> { });

        assertThatThrownBy(() -> ref.tell(new Broken()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("Broken.priority() returned null");
    }

    @Test
    void highPriorityMessageSentLaterOvertakesWaitingNormalOnes() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.priority());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            for (int i = 0; i < 50; i++) {
                ref.tell(new Item("normal-" + i));
            }
            send(ref, "urgent", Priority.HIGH);

            gate.open();

            handled.expectMessage(new Item("urgent"));
            for (int i = 0; i < 50; i++) {
                handled.expectMessage(new Item("normal-" + i));
            }
        }
    }

    @Test
    void boundedPriorityMailboxCountsItsCapacityAcrossAllPriorities() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.priority(3, Overflow.DROP));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            send(ref, "low-1", Priority.LOW);
            send(ref, "normal-1", Priority.NORMAL);
            send(ref, "high-1", Priority.HIGH);

            send(ref, "high-2", Priority.HIGH);

            deadLetters.expectMessage(new DeadLetter(new Item("high-2"), ref, DeadLetter.Reason.MAILBOX_FULL));
            gate.open();
            expectHandled("high-1", "normal-1", "low-1");
            ref.tell(new Item("after"));
            expectHandled("after");
        }
    }

    @Test
    void boundedPriorityMailboxUnderRejectRefusesOfferWhenFullWhateverThePriority() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.priority(2, Overflow.REJECT));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            send(ref, "low-1", Priority.LOW);
            send(ref, "low-2", Priority.LOW);

            assertThat(ref.offer(new Item("high-1"), SendOptions.priority(Priority.HIGH)))
                    .isEqualTo(Delivery.REJECTED);

            gate.open();
            expectHandled("low-1", "low-2");
            // space again: the capacity was released as messages were taken
            assertThat(ref.offer(new Item("high-2"), SendOptions.priority(Priority.HIGH)))
                    .isEqualTo(Delivery.ENQUEUED);
            expectHandled("high-2");
        }
    }

    @Test
    void boundedFifoMailboxKeepsArrivalOrderCountsEveryUnhonouredPriorityAndReportsItOncePerActor()
            throws Exception {
        InMemoryMonitor monitor = InMemoryMonitor.create();
        kit.close();
        kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
        handled = kit.createTestProbe();
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(4, Overflow.REJECT));
        ActorRef<Cmd> other = spawnRecorder(MailboxConfig.bounded(4, Overflow.REJECT));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            send(ref, "low", Priority.LOW);
            send(ref, "high", Priority.HIGH);
            send(ref, "normal", Priority.NORMAL);
            ref.tell(new Declared("critical", Priority.CRITICAL));

            gate.open();

            handled.expectMessage(new Item("low"));
            handled.expectMessage(new Item("high"));
            handled.expectMessage(new Item("normal"));
            handled.expectMessage(new Item("critical"));
        }
        send(other, "high elsewhere", Priority.HIGH);
        handled.expectMessage(new Item("high elsewhere"));

        assertThat(monitor.history(MailboxEvent.PriorityNotHonoured.class))
                .extracting(MailboxEvent.PriorityNotHonoured::path, MailboxEvent.PriorityNotHonoured::priority,
                        MailboxEvent.PriorityNotHonoured::messageClass)
                .containsExactlyInAnyOrder(tuple(ref.path(), Priority.LOW, Item.class),
                        tuple(other.path(), Priority.HIGH, Item.class));
        assertThat(EventKind.MAILBOX_PRIORITY_NOT_HONOURED.severity()).isEqualTo(Severity.WARN);
        SystemSnapshot snapshot = kit.system().snapshot();
        assertThat(snapshot.find(ref.path()).orElseThrow().unhonouredPriorities()).isEqualTo(3);
        assertThat(snapshot.find(other.path()).orElseThrow().unhonouredPriorities()).isEqualTo(1);
    }

    @Test
    void mailboxesThatHonourPrioritiesReportNothingAndCountNothing() throws Exception {
        InMemoryMonitor monitor = InMemoryMonitor.create();
        kit.close();
        kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
        handled = kit.createTestProbe();
        List<ActorRef<Cmd>> refs = List.of(spawnRecorder(MailboxConfig.unbounded()),
                spawnRecorder(MailboxConfig.priority()), spawnRecorder(MailboxConfig.priority(4, Overflow.REJECT)));
        for (ActorRef<Cmd> ref : refs) {
            send(ref, "high", Priority.HIGH);
            handled.expectMessage(new Item("high"));
        }

        assertThat(monitor.history(MailboxEvent.PriorityNotHonoured.class)).isEmpty();
        assertThat(kit.system().snapshot().actors()).filteredOn(a -> refs.stream().anyMatch(r -> r.path().equals(a.path())))
                .hasSize(3).allSatisfy(a -> assertThat(a.unhonouredPriorities()).isZero());
    }
}

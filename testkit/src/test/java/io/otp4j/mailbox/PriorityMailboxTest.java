package io.otp4j.mailbox;

import static io.otp4j.mailbox.Recorder.holdAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.event.DeadLetter;
import io.otp4j.mailbox.Recorder.Cmd;
import io.otp4j.mailbox.Recorder.Item;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Priority mailboxes: every waiting HIGH message before any NORMAL, those before any LOW, FIFO within a
 * priority. The actor is held at a {@link Gate} while the messages queue, so the order is the mailbox's.
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

    @Test
    void priorityMailboxHandlesHighThenNormalThenLowAndFifoWithinEachPriority() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.priority());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            send(ref, "low-1", Priority.LOW);
            send(ref, "normal-1", Priority.NORMAL);
            send(ref, "high-1", Priority.HIGH);
            send(ref, "low-2", Priority.LOW);
            send(ref, "high-2", Priority.HIGH);
            ref.tell(new Item("normal-2")); // a plain tell is NORMAL
            send(ref, "high-3", Priority.HIGH);

            gate.open();

            expectHandled("high-1", "high-2", "high-3", "normal-1", "normal-2", "low-1", "low-2");
        }
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
    void fifoMailboxIgnoresPriority() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.unbounded());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            send(ref, "low", Priority.LOW);
            send(ref, "normal", Priority.NORMAL);
            send(ref, "high", Priority.HIGH);

            gate.open();

            expectHandled("low", "normal", "high");
        }
    }

    @Test
    void boundedFifoMailboxIgnoresPriority() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(3, Overflow.REJECT));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            send(ref, "low", Priority.LOW);
            send(ref, "high", Priority.HIGH);
            send(ref, "normal", Priority.NORMAL);

            gate.open();

            expectHandled("low", "high", "normal");
        }
    }
}

package io.otp4j.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.dispatch.StepDispatcher;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.Gate;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Messages that cannot be delivered because their recipient is gone: published and counted. */
@OnEveryDispatcher
class DeadLetterTest {

    private final DispatcherUnderTest on;

    DeadLetterTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private TestProbe<DeadLetter> deadLetters;
    private TestProbe<Msg> handled;

    @BeforeEach
    void start() {
        kit = on.testKit();
        deadLetters = kit.createTestProbe();
        handled = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    sealed interface Msg permits Note, HoldThenStop {}

    record Note(String text) implements Msg {}

    /** Wait at the gate, then stop this actor: whatever queued meanwhile is left undelivered. */
    record HoldThenStop(Gate gate) implements Msg {}

    /** Passes each note to an observer. */
    static final class Noter implements Actor<Msg> {
        private final ActorRef<Msg> observer;

        Noter(ActorRef<Msg> observer) {
            this.observer = observer;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) throws InterruptedException {
            switch (msg) {
                case Note note -> observer.tell(note);
                case HoldThenStop(var gate) -> {
                    gate.pass();
                    ctx.stop();
                }
            }
        }
    }

    private ActorRef<Msg> spawnStopped() {
        ActorRef<Msg> ref = kit.spawn(() -> new Noter(handled.ref()));
        kit.system().stop(ref);
        handled.expectTerminated(ref);
        return ref;
    }

    private long deadLetterCount() {
        return kit.system().eventStream().deadLetterCount();
    }

    @Test
    void tellToATerminatedActorIsPublishedAsADeadLetterWithReasonRecipientTerminated() {
        ActorRef<Msg> ref = spawnStopped();

        ref.tell(new Note("too late"));

        deadLetters.expectMessage(new DeadLetter(new Note("too late"), ref, DeadLetter.Reason.RECIPIENT_TERMINATED));
    }

    @Test
    void offerToATerminatedActorReturnsDeadLetterAndPublishesIt() {
        ActorRef<Msg> ref = spawnStopped();

        assertThat(ref.offer(new Note("too late"), SendOptions.DEFAULT)).isEqualTo(Delivery.DEAD_LETTER);

        deadLetters.expectMessage(new DeadLetter(new Note("too late"), ref, DeadLetter.Reason.RECIPIENT_TERMINATED));
    }

    @Test
    void messagesStillQueuedWhenAnActorStopsBecomeDeadLettersInTheirOrder() throws Exception {
        ActorRef<Msg> ref = kit.spawn(() -> new Noter(handled.ref()));
        try (Gate gate = new Gate()) {
            gate.sendAndAwaitArrival(() -> ref.tell(new HoldThenStop(gate)));
            for (int i = 0; i < 5; i++) {
                ref.tell(new Note("queued-" + i));
            }

            gate.open();

            for (int i = 0; i < 5; i++) {
                deadLetters.expectMessage(new DeadLetter(new Note("queued-" + i), ref,
                        DeadLetter.Reason.RECIPIENT_TERMINATED));
            }
            handled.expectTerminated(ref);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Overflow.class)
    void tellToATerminatedActorIsADeadLetterEvenWhileItsBoundedMailboxIsStillFull(Overflow policy) {
        // the terminated actor's mailbox is drained by a run of its own; until that run happens (held back
        // here by a step dispatcher) the mailbox can be full, but its owner is already gone
        StepDispatcher steps = new StepDispatcher();
        ActorRef<Msg> ref = kit.system().spawnAnonymous(() -> new Noter(handled.ref()), Props.defaults()
                .withMailbox(MailboxConfig.bounded(1, policy).withBlockTimeout(Duration.ofMillis(100)))
                .withDispatcher(steps));
        kit.system().stop(ref);
        steps.runAll();
        ref.tell(new Note("fills the mailbox"));

        ref.tell(new Note("finds it full"));

        deadLetters.expectMessage(new DeadLetter(new Note("finds it full"), ref,
                DeadLetter.Reason.RECIPIENT_TERMINATED));
        steps.runAll();
        deadLetters.expectMessage(new DeadLetter(new Note("fills the mailbox"), ref,
                DeadLetter.Reason.RECIPIENT_TERMINATED));
    }

    @Test
    void deadLetterCountCountsEveryDeadLetter() {
        ActorRef<Msg> ref = spawnStopped();
        long before = deadLetterCount();

        for (int i = 0; i < 10; i++) {
            ref.tell(new Note("lost-" + i));
        }

        deadLetters.receiveMessages(10);
        assertThat(deadLetterCount()).isEqualTo(before + 10);
    }

    @Test
    void deadLettersAreCountedEvenWithoutSubscribers() {
        kit.system().eventStream().unsubscribe(deadLetters.ref());
        ActorRef<Msg> ref = spawnStopped();
        long before = deadLetterCount();

        for (int i = 0; i < 3; i++) {
            assertThat(ref.offer(new Note("lost-" + i), SendOptions.DEFAULT)).isEqualTo(Delivery.DEAD_LETTER);
        }

        assertThat(deadLetterCount()).isEqualTo(before + 3);
        deadLetters.expectNoMessage();
    }
}

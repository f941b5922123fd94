package io.otp4j.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the runtime hands an actor to its dispatcher, step by step with a {@link StepDispatcher}: at most one
 * run at a time, at most {@code throughput} messages per run, signals before waiting messages.
 */
class SchedulingStateTest {

    private static final int THROUGHPUT = 3;

    private final StepDispatcher steps = new StepDispatcher();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private ActorTestKit kit;
    private ActorRef<String> ref;

    /** Notes every message it handles. */
    static final class Notes implements Actor<String> {
        private final List<String> handled;

        Notes(List<String> handled) {
            this.handled = handled;
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {
            handled.add(message);
        }
    }

    @BeforeEach
    void start() {
        kit = ActorTestKit.create(ActorSystemSettings.defaults().withThroughput(THROUGHPUT));
        ref = kit.system().spawnAnonymous(() -> new Notes(handled), Props.defaults().withDispatcher(steps));
        steps.runAll(); // the first run builds the actor
    }

    @AfterEach
    void stop() {
        kit.system().stop(ref);
        steps.runAll(); // the system's shutdown would otherwise wait for a run nobody performs
        kit.close();
    }

    private void tellAll(int from, int to) {
        for (int i = from; i < to; i++) {
            ref.tell("m" + i);
        }
    }

    private static List<String> messages(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void actorWithManyWaitingMessagesIsHandedToItsDispatcherOnlyOnce() {
        int before = steps.executions();

        tellAll(0, 10);

        assertThat(steps.executions() - before).isEqualTo(1);
        assertThat(steps.pending()).isEqualTo(1);
        assertThat(handled).isEmpty();
    }

    @Test
    void runHandlesAtMostThroughputMessagesThenSchedulesTheNextRun() {
        tellAll(0, 7);

        steps.runNext();
        assertThat(handled).containsExactlyElementsOf(messages(0, 3));
        assertThat(steps.pending()).isEqualTo(1);

        steps.runNext();
        assertThat(handled).containsExactlyElementsOf(messages(0, 6));
        assertThat(steps.pending()).isEqualTo(1);

        steps.runNext();
        assertThat(handled).containsExactlyElementsOf(messages(0, 7));
        assertThat(steps.pending()).as("nothing left: the actor went idle").isZero();
    }

    @Test
    void idleActorIsHandedOverAgainByItsNextMessage() {
        tellAll(0, 1);
        steps.runAll();
        int before = steps.executions();

        tellAll(1, 2);

        assertThat(steps.executions() - before).isEqualTo(1);
        steps.runAll();
        assertThat(handled).containsExactly("m0", "m1");
    }

    @Test
    void stopIsHandledBeforeUserMessagesThatWereWaitingForTheSameRun() {
        TestProbe<DeadLetter> deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        tellAll(0, 2);

        kit.system().stop(ref);
        steps.runAll();

        assertThat(handled).isEmpty();
        deadLetters.expectMessage(new DeadLetter("m0", ref, DeadLetter.Reason.RECIPIENT_TERMINATED));
        deadLetters.expectMessage(new DeadLetter("m1", ref, DeadLetter.Reason.RECIPIENT_TERMINATED));
    }
}

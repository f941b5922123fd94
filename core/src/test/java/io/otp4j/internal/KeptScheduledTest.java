package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An actor fed from outside the pool whose run handled messages stays scheduled, behind the actors waiting
 * on the run queue, instead of going idle ({@code WorkStealingDispatcher.keepsScheduled}): the next send
 * from outside then only queues its message. The next run that finds nothing makes it idle, and a send
 * from a worker makes it an actor fed from inside again.
 */
class KeptScheduledTest {

    private static final long HANG_SECONDS = 30;

    private ActorSystem system;

    @BeforeEach
    void start() {
        // one worker and no spares: the order of runs is the run queue's, and the held run below holds it
        system = ActorSystem.create("kept", ActorSystemSettings.defaults()
                .withDispatcher(new WorkStealingDispatcher("kept", 1, 0)));
    }

    @AfterEach
    void close() {
        system.close();
    }

    sealed interface Step permits Note, Hold, TellThenNote {}

    /** Notes the scheduling state of {@code of}. */
    record Note(ActorRef<?> of, List<Integer> notes) implements Step {}

    /** Signals {@code entered}, waits for {@code release}. */
    record Hold(CountDownLatch entered, CountDownLatch release) implements Step {}

    /** Tells {@code to} a note of nothing, from this worker, then notes its scheduling state. */
    record TellThenNote(ActorRef<Step> to, List<Integer> notes) implements Step {}

    static final class Stepper implements Actor<Step> {
        @Override
        public void receive(Step step, ActorContext<Step> ctx) throws InterruptedException {
            switch (step) {
                case Note(var of, var notes) -> notes.add(((Mailbox<?>) of).schedulingState());
                case Hold(var entered, var release) -> {
                    entered.countDown();
                    assertThat(release.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
                }
                case TellThenNote(var to, var notes) -> {
                    to.tell(new Note(to, new CopyOnWriteArrayList<>()));
                    notes.add(((Mailbox<?>) to).schedulingState());
                }
            }
        }
    }

    /** Holds the pool's one worker, so that what is told from here waits on the run queue in order. */
    private CountDownLatch holdTheWorker() throws InterruptedException {
        ActorRef<Step> holder = system.spawnAnonymous(Stepper::new);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        holder.tell(new Hold(entered, release));
        assertThat(entered.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void anActorFedFromOutsideStaysScheduledBehindTheOthersThenGoesIdleAfterOneEmptyRun() throws Exception {
        ActorRef<Step> fed = system.spawnAnonymous(Stepper::new);
        ActorRef<Step> other = system.spawnAnonymous(Stepper::new);
        List<Integer> notes = new CopyOnWriteArrayList<>();
        CountDownLatch release = holdTheWorker();

        fed.tell(new Note(fed, new CopyOnWriteArrayList<>())); // from this thread: scheduled from outside
        assertThat(((Mailbox<?>) fed).schedulingState()).isEqualTo(Mailbox.SCHEDULED_FROM_OUTSIDE);
        other.tell(new Note(fed, notes)); // queued behind it: runs after the fed actor's first run
        release.countDown();

        await().atMost(Duration.ofSeconds(HANG_SECONDS)).until(() -> !notes.isEmpty());
        // its run handled a message while another actor waited: still scheduled, so a send only queues
        assertThat(notes).containsExactly(Mailbox.SCHEDULED_FROM_OUTSIDE);
        // its next run finds nothing: idle, and an idle pool parks
        await("the kept actor to go idle").atMost(Duration.ofSeconds(HANG_SECONDS))
                .until(() -> ((Mailbox<?>) fed).schedulingState() == Mailbox.IDLE);
    }

    @Test
    void aSendFromAWorkerMakesItAnActorFedFromInsideAgain() throws Exception {
        ActorRef<Step> fed = system.spawnAnonymous(Stepper::new);
        ActorRef<Step> other = system.spawnAnonymous(Stepper::new);
        List<Integer> notes = new CopyOnWriteArrayList<>();
        CountDownLatch release = holdTheWorker();

        fed.tell(new Note(fed, new CopyOnWriteArrayList<>()));
        other.tell(new TellThenNote(fed, notes)); // after the fed actor's first run, which kept it scheduled
        release.countDown();

        await().atMost(Duration.ofSeconds(HANG_SECONDS)).until(() -> !notes.isEmpty());
        assertThat(notes).containsExactly(Mailbox.SCHEDULED);
        await("the actor to go idle").atMost(Duration.ofSeconds(HANG_SECONDS))
                .until(() -> ((Mailbox<?>) fed).schedulingState() == Mailbox.IDLE);
    }

    @Test
    void anActorFedFromOutsideAloneGoesIdleAsBefore() throws Exception {
        ActorRef<Step> fed = system.spawnAnonymous(Stepper::new);
        List<Integer> notes = new CopyOnWriteArrayList<>();
        fed.tell(new Note(fed, notes));
        await().atMost(Duration.ofSeconds(HANG_SECONDS)).until(() -> !notes.isEmpty());
        // nothing else waits: no reason to keep it
        await("the actor to go idle").atMost(Duration.ofSeconds(HANG_SECONDS))
                .until(() -> ((Mailbox<?>) fed).schedulingState() == Mailbox.IDLE);
        assertThat(notes).containsExactly(Mailbox.CLAIMED);
    }
}

package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.dispatch.Dispatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run whose mailbox ran dry waits a moment, still claimed, for its next message ({@code ActorCell.lingerFor}).
 * It may do so only while nothing else waits for its worker, and an idle pool must still park every worker.
 */
class LingeringRunTest {

    private static final long HANG_SECONDS = 30;

    private ActorSystem system;

    @AfterEach
    void close() {
        if (system != null) {
            system.close();
        }
    }

    private ActorSystem onPool(String name, int threads) {
        system = ActorSystem.create(name, ActorSystemSettings.defaults()
                .withDispatcher(Dispatcher.workStealing(name, threads)));
        return system;
    }

    /** What {@code mayLinger} said at each step of one run: asked inside the run, on the worker. */
    sealed interface Step permits Look, HandOff, Hold, Sync {}

    /** Notes whether the run may linger now. */
    record Look(String label) implements Step {}

    /** Tells {@code other} (a hand-off to this worker's slot), then notes whether the run may linger. */
    record HandOff(ActorRef<Step> other, String label) implements Step {}

    /** Signals {@code entered}, waits for {@code release}, then notes whether the run may linger. */
    record Hold(CountDownLatch entered, CountDownLatch release, String label) implements Step {}

    /** Counts {@code done} down: everything sent before it was handled. */
    record Sync(CountDownLatch done) implements Step {}

    static final class Looker implements Actor<Step> {
        private final List<String> notes;

        Looker(List<String> notes) {
            this.notes = notes;
        }

        @Override
        public void receive(Step step, ActorContext<Step> ctx) throws InterruptedException {
            switch (step) {
                case Look(var label) -> note(label);
                case HandOff(var other, var label) -> {
                    other.tell(new Look("other"));
                    note(label);
                }
                case Hold(var entered, var release, var label) -> {
                    entered.countDown();
                    assertThat(release.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
                    note(label);
                }
                case Sync(var done) -> done.countDown();
            }
        }

        private void note(String label) {
            ActorCell<?> cell = ActorCell.running();
            // mayLinger first: continuesBatch counts a run, which changes nothing else here
            notes.add(label + "=" + WorkStealingDispatcher.mayLinger(cell)
                    + "/" + WorkStealingDispatcher.continuesBatch(cell));
        }
    }

    @Test
    void aRunMayLingerOnlyOnAWorkerWithNothingElseWaiting() throws Exception {
        // no spares: with one, the sentinel would start it for the held worker (two ticks, 2 ms) and it would
        // take the queued actor before the held run looks (CI, a busy machine: "queued=true/true")
        system = ActorSystem.create("linger-rules", ActorSystemSettings.defaults()
                .withDispatcher(new WorkStealingDispatcher("linger-rules", 1, 0)));
        List<String> notes = new CopyOnWriteArrayList<>();
        ActorRef<Step> looker = system.spawn("looker", () -> new Looker(notes));
        ActorRef<Step> other = system.spawn("other", () -> new Looker(new CopyOnWriteArrayList<>()));
        ActorRef<Step> waiting = system.spawn("waiting", () -> new Looker(new CopyOnWriteArrayList<>()));
        awaitIdle(looker, other, waiting);

        looker.tell(new Look("alone"));
        // the slot holds the other actor until this run returns: it waits for this worker
        looker.tell(new HandOff(other, "slot"));
        // the pool's one worker is held inside the looker's run: an outside send queues on the run queue
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        looker.tell(new Hold(entered, release, "queued"));
        assertThat(entered.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
        waiting.tell(new Look("waiting"));
        release.countDown();
        awaitIdle(looker, other, waiting);

        // the one worker is the one running: no core is left to a sender, so the run never spins
        assertThat(notes).containsExactly("alone=false/true", "slot=false/false", "queued=false/false");
        assertThat(WorkStealingDispatcher.mayLinger((ActorCell<?>) looker))
                .as("off the pool's threads").isFalse();
    }

    @Test
    void aRunMaySpinForItsNextMessageOnlyWhileAnotherWorkerSleeps() throws Exception {
        String name = "linger-spin";
        onPool(name, 2);
        List<String> notes = new CopyOnWriteArrayList<>();
        ActorRef<Step> looker = system.spawn("looker", () -> new Looker(notes));
        awaitIdle(looker);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        looker.tell(new Hold(entered, release, "other asleep"));
        assertThat(entered.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
        await("the other worker to park").atMost(Duration.ofSeconds(HANG_SECONDS))
                .until(() -> workers(name).stream().anyMatch(t -> t.getState() == Thread.State.WAITING));
        release.countDown();
        awaitIdle(looker);

        assertThat(notes).containsExactly("other asleep=true/true");
    }

    @Test
    void anIdlePoolParksEveryWorkerAfterBusyRunsThatLingered() throws Exception {
        String name = "linger-parks";
        onPool(name, 2);
        CountDownLatch done = new CountDownLatch(1);
        int messages = 100_000;
        ActorRef<Integer> counter = system.spawn("counter", () -> new Actor<Integer>() {
            private int count;

            @Override
            public void receive(Integer message, ActorContext<Integer> ctx) {
                if (++count == messages) {
                    done.countDown();
                }
            }
        });
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < messages; i++) {
                counter.tell(i);
            }
        });
        assertThat(done.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
        producer.join();

        // parked without a deadline: not spinning, not lingering, not polling on a timer
        await("every worker of the idle pool to park").atMost(Duration.ofSeconds(HANG_SECONDS))
                .until(() -> workers(name).stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        assertThat(workers(name)).hasSize(2);
    }

    private static List<Thread> workers(String pool) {
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        return all.keySet().stream().filter(t -> t.getName().startsWith(pool + "-worker-")).toList();
    }

    /**
     * Waits until each actor has handled everything sent to it so far and is idle: an actor fed from here
     * may be kept scheduled for one more (empty) run while others wait ({@code keepsScheduled}), and would
     * then still be on the run queue when the next step looks.
     */
    @SafeVarargs
    private static void awaitIdle(ActorRef<Step>... refs) throws InterruptedException {
        for (ActorRef<Step> ref : refs) {
            CountDownLatch done = new CountDownLatch(1);
            ref.tell(new Sync(done));
            assertThat(done.await(HANG_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        await("the actors to be idle").atMost(Duration.ofSeconds(HANG_SECONDS)).until(() -> {
            for (ActorRef<Step> ref : refs) {
                if (((Mailbox<?>) ref).schedulingState() != Mailbox.IDLE) {
                    return false;
                }
            }
            return true;
        });
    }
}

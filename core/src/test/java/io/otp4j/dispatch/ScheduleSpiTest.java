package io.otp4j.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ShutdownReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A dispatcher of one's own can keep actors itself, through {@link Dispatcher#schedule} and the
 * {@link ActorRunner} it is handed, with no task per run: here a single-threaded one that runs the next actor
 * by a seeded random choice, as a deterministic mode would.
 */
class ScheduleSpiTest {

    /** Keeps every scheduled actor with its runner; runs them only when the test steps it. */
    static final class SeededDispatcher implements Dispatcher {
        private record Scheduled<A>(A actor, ActorRunner<A> runner) {
            boolean run() {
                return runner.run(actor);
            }
        }

        final List<Scheduled<?>> pending = new CopyOnWriteArrayList<>();
        final List<Object> handles = new CopyOnWriteArrayList<>();
        final AtomicInteger tasks = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet(); // anything but an actor run would come here
            task.run();
        }

        @Override
        public <A> void schedule(A actor, ActorRunner<A> runner) {
            handles.add(actor);
            pending.add(new Scheduled<>(actor, runner));
        }

        /** Runs pending actors, picked by {@code random}, until none is left; returns how many runs it made. */
        int runAll(Random random) {
            int runs = 0;
            while (!pending.isEmpty()) {
                Scheduled<?> next = pending.remove(random.nextInt(pending.size()));
                assertThat(next.run()).isTrue();
                runs++;
            }
            return runs;
        }

        @Override
        public void close() {}
    }

    sealed interface Msg permits Ping, Count {}

    record Ping(int left, ActorRef<Msg> other) implements Msg {}

    record Count() implements Msg {}

    /** Plays ping-pong, counting what it received; reports the count into a list on Count. */
    private static io.otp4j.actor.Actor<Msg> player(List<Integer> counts) {
        int[] received = {0};
        return (msg, ctx) -> {
            switch (msg) {
                case Ping(int left, ActorRef<Msg> other) -> {
                    received[0]++;
                    if (left > 0) {
                        other.tell(new Ping(left - 1, ctx.self()));
                    }
                }
                case Count c -> counts.add(received[0]);
            }
        };
    }

    /** Shuts the system down on another thread while this one runs what the shutdown schedules. */
    private static void shutDown(ActorSystem system, SeededDispatcher dispatcher, Random random) {
        CompletableFuture<ShutdownReport> report = CompletableFuture.supplyAsync(system::shutdown);
        while (!report.isDone()) {
            dispatcher.runAll(random);
            Thread.yield();
        }
        assertThat(report.join().outcome()).isEqualTo(ShutdownReport.Outcome.CLEAN);
    }

    private static List<Integer> play(long seed) throws Exception {
        SeededDispatcher dispatcher = new SeededDispatcher();
        ActorSystem system = ActorSystem.create("seeded", ActorSystemSettings.defaults().withDispatcher(dispatcher));
        Random random = new Random(seed);
        List<Integer> counts = new ArrayList<>();
        try {
            dispatcher.runAll(random);
            ActorRef<Msg> a = system.spawn("a", () -> player(counts));
            ActorRef<Msg> b = system.spawn("b", () -> player(counts));
            dispatcher.runAll(random);
            a.tell(new Ping(99, b));
            b.tell(new Ping(99, a));
            dispatcher.runAll(random);
            a.tell(new Count());
            b.tell(new Count());
            dispatcher.runAll(random);
            assertThat(dispatcher.tasks).hasValue(0); // every run came through schedule, none wrapped
            assertThat(dispatcher.handles).allSatisfy(handle -> assertThat(handle)
                    .isNotInstanceOf(Runnable.class));
        } finally {
            shutDown(system, dispatcher, random);
        }
        return counts;
    }

    @Test
    void aSeededSingleThreadedDispatcherRunsASystemThroughScheduleAlone() throws Exception {
        assertThat(play(42)).containsExactly(100, 100);
        assertThat(play(7)).containsExactly(100, 100);
    }

    @Test
    void aHandleKeptTwiceRunsOnce() {
        SeededDispatcher dispatcher = new SeededDispatcher();
        ActorSystem system = ActorSystem.create("twice", ActorSystemSettings.defaults().withDispatcher(dispatcher));
        try {
            dispatcher.runAll(new Random(1));
            List<Integer> counts = new ArrayList<>();
            ActorRef<Msg> a = system.spawn("a", () -> player(counts));
            dispatcher.runAll(new Random(1));
            a.tell(new Count());
            assertThat(dispatcher.pending).hasSize(1);
            SeededDispatcher.Scheduled<?> scheduled = dispatcher.pending.remove(0);
            assertThat(scheduled.run()).isTrue();
            assertThat(scheduled.run()).isFalse(); // a stale copy of the same scheduling: skipped
            assertThat(counts).containsExactly(0);
        } finally {
            shutDown(system, dispatcher, new Random(1));
        }
    }
}

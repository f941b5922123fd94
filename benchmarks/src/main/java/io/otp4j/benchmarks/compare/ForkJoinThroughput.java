package io.otp4j.benchmarks.compare;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Workload {@code fjt}, Savina's fork-join throughput: one plain thread sends 40,000 messages to each of
 * 60 actors, round robin (message m to actor 0, 1, ..., 59, then m+1); each message costs a small
 * computation ({@link #performComputation}, Savina's {@code sin(37.2)^2}). The timed part ends when every
 * actor has handled its 40,000th message. In flight: up to all 2,400,000, as the sender runs ahead.
 * Figure: messages per second.
 *
 * <p>Check: afterwards (untimed) each actor is asked for its count, which must be exactly 40,000, and
 * resets it. The actors live for the whole run; each iteration first hands them a fresh latch.
 */
final class ForkJoinThroughput {

    static final int ACTORS = 60;
    static final int MESSAGES_PER_ACTOR = 40_000;

    private ForkJoinThroughput() {}

    /** Savina's per-message work; the check defeats dead-code elimination. */
    static double performComputation(double theta) {
        double sint = Math.sin(theta);
        double res = sint * sint;
        if (res <= 0) {
            throw new IllegalStateException("unrealistic result " + res);
        }
        return res;
    }

    static final double THETA = 37.2;

    private static List<Metric> result(long start, CountDownLatch finished) {
        Check.await(finished, "actors to handle all their messages");
        long nanos = System.nanoTime() - start;
        return List.of(Metric.rate("fjt", (long) ACTORS * MESSAGES_PER_ACTOR, nanos, "messages/s"));
    }

    // ------------------------------------------------------------------ otp4j

    static final class Otp4j implements Workload {
        sealed interface Msg permits Round, Work, Report {}

        /** Starts an iteration: count down {@code finished} at the last message. */
        record Round(int expected, CountDownLatch finished) implements Msg {}

        record Work() implements Msg {}

        record Report(CompletableFuture<Long> replyTo) implements Msg {}

        static final Work WORK = new Work();

        static final class Worker implements Actor<Msg> {
            private long processed;
            private int expected;
            private CountDownLatch finished;
            private double sink;

            @Override
            public void receive(Msg msg, ActorContext<Msg> ctx) {
                switch (msg) {
                    case Work w -> {
                        sink += performComputation(THETA);
                        if (++processed == expected) {
                            finished.countDown();
                        }
                    }
                    case Round(var n, var latch) -> {
                        expected = n;
                        finished = latch;
                    }
                    case Report(var replyTo) -> {
                        replyTo.complete(sink > 0 ? processed : -1);
                        processed = 0;
                    }
                }
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");
        private final ActorRef<Msg>[] workers;

        @SuppressWarnings("unchecked")
        Otp4j() {
            workers = (ActorRef<Msg>[]) new ActorRef<?>[ACTORS];
            for (int a = 0; a < ACTORS; a++) {
                workers[a] = system.spawn("worker-" + a, Worker::new);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Metric> iteration() {
            CountDownLatch finished = new CountDownLatch(ACTORS);
            Round round = new Round(MESSAGES_PER_ACTOR, finished);
            for (ActorRef<Msg> w : workers) {
                w.tell(round);
            }
            long start = System.nanoTime();
            for (int m = 0; m < MESSAGES_PER_ACTOR; m++) {
                for (ActorRef<Msg> w : workers) {
                    w.tell(WORK);
                }
            }
            List<Metric> metrics = result(start, finished);
            CompletableFuture<Long>[] counts = new CompletableFuture[ACTORS];
            for (int a = 0; a < ACTORS; a++) {
                counts[a] = new CompletableFuture<>();
                workers[a].tell(new Report(counts[a]));
            }
            for (int a = 0; a < ACTORS; a++) {
                Check.equal(MESSAGES_PER_ACTOR, Check.await(counts[a], "worker " + a + "'s count"), "messages of worker " + a);
            }
            return metrics;
        }

        @Override
        public void close() {
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        sealed interface Msg permits Round, Work, Report {}

        record Round(int expected, CountDownLatch finished) implements Msg {}

        record Work() implements Msg {}

        record Report(CompletableFuture<Long> replyTo) implements Msg {}

        static final Work WORK = new Work();

        static final class Worker extends AbstractBehavior<Msg> {
            private long processed;
            private int expected;
            private CountDownLatch finished;
            private double sink;

            static Behavior<Msg> create() {
                return Behaviors.setup(Worker::new);
            }

            private Worker(org.apache.pekko.actor.typed.javadsl.ActorContext<Msg> ctx) {
                super(ctx);
            }

            @Override
            public Receive<Msg> createReceive() {
                return newReceiveBuilder()
                        .onMessage(Work.class, w -> {
                            sink += performComputation(THETA);
                            if (++processed == expected) {
                                finished.countDown();
                            }
                            return this;
                        })
                        .onMessage(Round.class, r -> {
                            expected = r.expected();
                            finished = r.finished();
                            return this;
                        })
                        .onMessage(Report.class, r -> {
                            r.replyTo().complete(sink > 0 ? processed : -1);
                            processed = 0;
                            return this;
                        })
                        .build();
            }
        }

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private final org.apache.pekko.actor.typed.ActorRef<Msg>[] workers;

        @SuppressWarnings("unchecked")
        Pekko() {
            workers = new org.apache.pekko.actor.typed.ActorRef[ACTORS];
            for (int a = 0; a < ACTORS; a++) {
                workers[a] = pekko.spawn(Worker.create(), "worker-" + a);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Metric> iteration() {
            CountDownLatch finished = new CountDownLatch(ACTORS);
            Round round = new Round(MESSAGES_PER_ACTOR, finished);
            for (var w : workers) {
                w.tell(round);
            }
            long start = System.nanoTime();
            for (int m = 0; m < MESSAGES_PER_ACTOR; m++) {
                for (var w : workers) {
                    w.tell(WORK);
                }
            }
            List<Metric> metrics = result(start, finished);
            CompletableFuture<Long>[] counts = new CompletableFuture[ACTORS];
            for (int a = 0; a < ACTORS; a++) {
                counts[a] = new CompletableFuture<>();
                workers[a].tell(new Report(counts[a]));
            }
            for (int a = 0; a < ACTORS; a++) {
                Check.equal(MESSAGES_PER_ACTOR, Check.await(counts[a], "worker " + a + "'s count"), "messages of worker " + a);
            }
            return metrics;
        }

        @Override
        public void close() {
            pekko.close();
        }
    }
}

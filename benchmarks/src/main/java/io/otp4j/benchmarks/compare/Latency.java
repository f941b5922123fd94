package io.otp4j.benchmarks.compare;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Workload {@code latency}: the latency distribution of a request-response between two actors while other
 * actors saturate the pool. {@link #BUSY} busy actors each keep themselves busy for the whole run: a turn
 * does a little work ({@link #WORK_UNITS} × Savina's {@code sin(37.2)²}) and tells the actor itself the
 * next turn, so every pool thread always has work queued. An asker actor then asks an echo actor
 * {@link #ASKS} times per iteration, one ask at a time (the next ask is issued when the reply has
 * arrived), with each runtime's ask from inside an actor: {@code ActorRef.ask} piped to the asker with
 * {@code ctx.pipeToSelf} in otp4j, {@code ActorContext.ask} in Pekko. Both create a temporary reply
 * address per ask and deliver the reply to the asker's mailbox as a message.
 *
 * <p>Per ask, the asker records {@code System.nanoTime()} just before the ask and again when its
 * {@code receive} handles the reply: the latency a user of the asking actor feels, through two mailboxes
 * (echo's, then the asker's) and the queue wait behind the busy actors. The deltas of one iteration are
 * sorted (a plain {@code long[]}, exact percentiles, nearest rank; no histogram library needed for
 * {@value #ASKS} samples). Figures: p50, p99 and p99.9, in µs; lower is better.
 *
 * <p>Check: each reply echoes its request's sequence number, exactly {@value #ASKS} replies arrive, and
 * the busy actors made progress during the iteration (else the pool was not loaded). The busy actors are
 * spawned before the first iteration and stopped by {@link #close}. In flight: one ask, plus one turn
 * message per busy actor.
 */
final class Latency {

    /**
     * Busy actors: at least twice the largest pool compared (Pekko's default dispatcher has 8 threads on
     * a 2-core machine), and four per core on bigger machines.
     */
    static final int BUSY = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    /** Work per busy turn, in units of Savina's {@code sin²}: about a microsecond. */
    static final int WORK_UNITS = 20;
    static final int ASKS = 5_000;

    private Latency() {}

    static double work() {
        double sum = 0;
        for (int i = 0; i < WORK_UNITS; i++) {
            sum += ForkJoinThroughput.performComputation(ForkJoinThroughput.THETA + i);
        }
        return sum;
    }

    /** Collects the asker's samples; the asker completes {@link #done} after the last. */
    static final class Samples {
        final long[] nanos = new long[ASKS];
        final CompletableFuture<long[]> done = new CompletableFuture<>();
        int count;

        void add(long delta) {
            nanos[count++] = delta;
            if (count == ASKS) {
                done.complete(nanos);
            }
        }
    }

    private static List<Metric> result(Samples samples, LongAdder turns, long turnsBefore) {
        long[] sorted = Check.await(samples.done, "the asker's last reply").clone();
        long busyTurns = turns.sum() - turnsBefore;
        if (busyTurns <= 0) {
            throw new IllegalStateException("the busy actors made no progress: the pool was not loaded");
        }
        Arrays.sort(sorted);
        return List.of(
                Metric.cost("latency", percentile(sorted, 0.50) / 1e3, "µs"),
                Metric.cost("latency-p99", percentile(sorted, 0.99) / 1e3, "µs"),
                Metric.cost("latency-p99.9", percentile(sorted, 0.999) / 1e3, "µs"));
    }

    /** @return the nearest-rank percentile of sorted samples */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static void checkSeq(int expected, int actual) {
        if (expected != actual) {
            Check.equal(expected, actual, "reply to request " + expected);
        }
    }

    // ------------------------------------------------------------------ otp4j

    static final class Otp4j implements Workload {
        record Turn() {}

        static final Turn TURN = new Turn();

        static final class Busy implements Actor<Turn> {
            private final AtomicBoolean running;
            private final LongAdder turns;
            private double sink;

            Busy(AtomicBoolean running, LongAdder turns) {
                this.running = running;
                this.turns = turns;
            }

            @Override
            public void receive(Turn turn, ActorContext<Turn> ctx) {
                sink += work();
                turns.increment();
                if (running.get()) {
                    ctx.self().tell(TURN);
                }
            }
        }

        record Ping(int seq, ActorRef<Integer> replyTo) {}

        static final class Echo implements Actor<Ping> {
            @Override
            public void receive(Ping ping, ActorContext<Ping> ctx) {
                ping.replyTo().tell(ping.seq());
            }
        }

        sealed interface AskerMsg permits Start, Reply {}

        record Start(ActorRef<Ping> echo, Samples samples) implements AskerMsg {}

        record Reply(int seq, Integer value, Throwable failure) implements AskerMsg {}

        static final class Asker implements Actor<AskerMsg> {
            private ActorRef<Ping> echo;
            private Samples samples;
            private int seq;
            private long sentAt;

            @Override
            public void receive(AskerMsg msg, ActorContext<AskerMsg> ctx) {
                switch (msg) {
                    case Start(var target, var s) -> {
                        echo = target;
                        samples = s;
                        seq = 0;
                        ask(ctx);
                    }
                    case Reply(var n, var value, var failure) -> {
                        long now = System.nanoTime();
                        if (failure != null) {
                            samples.done.completeExceptionally(failure);
                            return;
                        }
                        checkSeq(n, value);
                        samples.add(now - sentAt);
                        if (++seq < ASKS) {
                            ask(ctx);
                        }
                    }
                }
            }

            private void ask(ActorContext<AskerMsg> ctx) {
                int n = seq;
                sentAt = System.nanoTime();
                ctx.pipeToSelf(echo.<Integer>ask(r -> new Ping(n, r), Check.TIMEOUT),
                        (value, failure) -> new Reply(n, value, failure));
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final LongAdder turns = new LongAdder();
        private final ActorRef<Ping> echo = system.spawn("echo", Echo::new);
        private final ActorRef<AskerMsg> asker = system.spawn("asker", Asker::new);

        Otp4j() {
            for (int i = 0; i < BUSY; i++) {
                system.<Turn>spawn("busy-" + i, () -> new Busy(running, turns)).tell(TURN);
            }
        }

        @Override
        public List<Metric> iteration() {
            long turnsBefore = turns.sum();
            Samples samples = new Samples();
            asker.tell(new Start(echo, samples));
            return result(samples, turns, turnsBefore);
        }

        @Override
        public void close() {
            running.set(false);
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        record Turn() {}

        static final Turn TURN = new Turn();

        static Behavior<Turn> busy(AtomicBoolean running, LongAdder turns) {
            return Behaviors.setup(ctx -> {
                double[] sink = new double[1];
                return Behaviors.receiveMessage(turn -> {
                    sink[0] += work();
                    turns.increment();
                    if (running.get()) {
                        ctx.getSelf().tell(TURN);
                    }
                    return Behaviors.same();
                });
            });
        }

        record Ping(int seq, org.apache.pekko.actor.typed.ActorRef<Integer> replyTo) {}

        static final Behavior<Ping> ECHO = Behaviors.receiveMessage(ping -> {
            ping.replyTo().tell(ping.seq());
            return Behaviors.same();
        });

        sealed interface AskerMsg permits Start, Reply {}

        record Start(org.apache.pekko.actor.typed.ActorRef<Ping> echo, Samples samples) implements AskerMsg {}

        record Reply(int seq, Integer value, Throwable failure) implements AskerMsg {}

        static final class Asker extends AbstractBehavior<AskerMsg> {
            private static final Duration TIMEOUT = Check.TIMEOUT;
            private org.apache.pekko.actor.typed.ActorRef<Ping> echo;
            private Samples samples;
            private int seq;
            private long sentAt;

            static Behavior<AskerMsg> create() {
                return Behaviors.setup(Asker::new);
            }

            private Asker(org.apache.pekko.actor.typed.javadsl.ActorContext<AskerMsg> ctx) {
                super(ctx);
            }

            @Override
            public Receive<AskerMsg> createReceive() {
                return newReceiveBuilder()
                        .onMessage(Start.class, this::onStart)
                        .onMessage(Reply.class, this::onReply)
                        .build();
            }

            private Behavior<AskerMsg> onStart(Start s) {
                echo = s.echo();
                samples = s.samples();
                seq = 0;
                ask();
                return this;
            }

            private Behavior<AskerMsg> onReply(Reply r) {
                long now = System.nanoTime();
                if (r.failure() != null) {
                    samples.done.completeExceptionally(r.failure());
                    return this;
                }
                checkSeq(r.seq(), r.value());
                samples.add(now - sentAt);
                if (++seq < ASKS) {
                    ask();
                }
                return this;
            }

            private void ask() {
                int n = seq;
                sentAt = System.nanoTime();
                getContext().ask(Integer.class, echo, TIMEOUT, replyTo -> new Ping(n, replyTo),
                        (value, failure) -> new Reply(n, value, failure));
            }
        }

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final LongAdder turns = new LongAdder();
        private final org.apache.pekko.actor.typed.ActorRef<Ping> echo = pekko.spawn(ECHO, "echo");
        private final org.apache.pekko.actor.typed.ActorRef<AskerMsg> asker = pekko.spawn(Asker.create(), "asker");

        Pekko() {
            for (int i = 0; i < BUSY; i++) {
                pekko.spawn(busy(running, turns), "busy-" + i).tell(TURN);
            }
        }

        @Override
        public List<Metric> iteration() {
            long turnsBefore = turns.sum();
            Samples samples = new Samples();
            asker.tell(new Start(echo, samples));
            return result(samples, turns, turnsBefore);
        }

        @Override
        public void close() {
            running.set(false);
            pekko.close();
        }
    }
}

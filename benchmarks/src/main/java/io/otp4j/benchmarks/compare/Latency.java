package io.otp4j.benchmarks.compare;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Workload {@code latency}: the latency distribution of a request-response between two actors while other
 * actors saturate the pool. {@link #BUSY} busy actors each keep themselves busy for the whole run: a turn
 * does a little work ({@link #WORK_UNITS} × Savina's {@code sin(37.2)²}) and tells the actor itself the
 * next turn, so every pool thread always has work queued. An asker actor asks an echo actor, one ask at
 * a time (the next ask is issued when the reply has arrived), in batches of {@link #ASKS}, for as long as
 * the workload runs; each iteration takes the next batch. Asks use each runtime's ask from inside an actor: {@code ActorRef.ask} piped to the asker with
 * {@code ctx.pipeToSelf} in otp4j, {@code ActorContext.ask} in Pekko. Both create a temporary reply
 * address per ask and deliver the reply to the asker's mailbox as a message.
 *
 * <p>Per ask, the asker records {@code System.nanoTime()} just before the ask and again when its
 * {@code receive} handles the reply: the latency a user of the asking actor feels, through two mailboxes
 * (echo's, then the asker's) and the queue wait behind the busy actors. The deltas of one iteration are
 * sorted (a plain {@code long[]}, exact percentiles, nearest rank; no histogram library needed for
 * {@value #ASKS} samples). Figures: p50, p99 and p99.9, in µs; lower is better.
 *
 * <p>Nothing is sent into the loaded pool from outside: the asker spawns the echo actor and the busy
 * actors as its children, starts them, and then asks; batches go to the measuring thread through a queue.
 * (Pekko's default dispatcher never ran a message from outside, such as a spawn through the guardian or a
 * start message, once its threads were all busy with actors telling themselves.)
 *
 * <p>Check: each reply echoes its request's sequence number, exactly {@value #ASKS} replies make a batch,
 * and the busy actors made progress during the batch (else the pool was not loaded). The busy actors run
 * from before the first iteration until {@link #close}. In flight: one ask, plus one turn message per busy
 * actor.
 */
final class Latency {

    /**
     * Busy actors: two per core, so every core always has a busy actor runnable beside the asker and the
     * echo. {@code -Dcompare.latency.busy=N} overrides it (0: the same asks on an idle pool). With more busy
     * actors than Pekko's default dispatcher has threads (16 against its 8 on a 2-core machine), Pekko
     * answered no ask within the check's timeout in a run on 2026-12-07 while otp4j kept answering; the
     * default stays where both runtimes give a figure to compare.
     */
    static final int BUSY = Integer.getInteger("compare.latency.busy",
            2 * Runtime.getRuntime().availableProcessors());
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

    /** One batch of {@link #ASKS} latencies and how many busy turns ran meanwhile. */
    record Batch(long[] nanos, long busyTurns) {}

    /**
     * The asker's side of the measurement: collects latencies and hands each full batch to the measuring
     * thread. A batch the measuring thread has no room for is dropped: the asker never waits.
     */
    static final class Samples {
        final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(2);
        final LongAdder turns = new LongAdder();
        final AtomicBoolean running = new AtomicBoolean(true);
        private long[] nanos = new long[ASKS];
        private volatile int count; // read by the measuring thread only to say how far a stuck batch got
        private long turnsAtStart;

        /** @return true to go on asking */
        boolean add(long delta) {
            nanos[count++] = delta;
            if (count == ASKS) {
                batches.offer(new Batch(nanos, turns.sum() - turnsAtStart));
                nanos = new long[ASKS];
                count = 0;
                turnsAtStart = turns.sum();
            }
            return running.get();
        }

        void fail(Throwable t) {
            batches.offer(t);
        }

        List<Metric> next() throws InterruptedException {
            Object o = batches.poll(Check.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (o == null) {
                throw new IllegalStateException("timed out after " + Check.TIMEOUT_SECONDS
                        + " s waiting for a batch of " + ASKS + " asks; the current batch has " + count
                        + " (lost message or starved actor)");
            }
            if (o instanceof Throwable t) {
                throw new IllegalStateException("an ask failed", t);
            }
            return result((Batch) o);
        }
    }

    private static List<Metric> result(Batch batch) {
        if (batch.busyTurns() <= 0) {
            throw new IllegalStateException("the busy actors made no progress: the pool was not loaded");
        }
        long[] sorted = batch.nanos();
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
            private final Samples samples;
            private double sink;

            Busy(Samples samples) {
                this.samples = samples;
            }

            @Override
            public void receive(Turn turn, ActorContext<Turn> ctx) {
                sink += work();
                samples.turns.increment();
                if (samples.running.get()) {
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

        record Reply(int seq, Integer value, Throwable failure) {}

        /** Spawns the echo actor and the busy ones, then asks for as long as the workload runs. */
        static final class Asker implements Actor<Reply> {
            private final Samples samples;
            private ActorRef<Ping> echo;
            private int seq;
            private long sentAt;

            Asker(Samples samples) {
                this.samples = samples;
            }

            @Override
            public void preStart(ActorContext<Reply> ctx) {
                echo = ctx.spawn("echo", Echo::new);
                for (int i = 0; i < BUSY; i++) {
                    ctx.<Turn>spawn("busy-" + i, () -> new Busy(samples)).tell(TURN);
                }
                ask(ctx);
            }

            @Override
            public void receive(Reply reply, ActorContext<Reply> ctx) {
                long now = System.nanoTime();
                if (reply.failure() != null) {
                    samples.fail(reply.failure());
                    return;
                }
                checkSeq(reply.seq(), reply.value());
                if (samples.add(now - sentAt)) {
                    seq++;
                    ask(ctx);
                }
            }

            private void ask(ActorContext<Reply> ctx) {
                int n = seq;
                sentAt = System.nanoTime();
                ctx.pipeToSelf(echo.<Integer>ask(r -> new Ping(n, r), Check.TIMEOUT),
                        (value, failure) -> new Reply(n, value, failure));
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");
        private final Samples samples = new Samples();

        Otp4j() {
            system.spawn("asker", () -> new Asker(samples));
        }

        @Override
        public List<Metric> iteration() throws InterruptedException {
            return samples.next();
        }

        @Override
        public void close() {
            samples.running.set(false);
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        record Turn() {}

        static final Turn TURN = new Turn();

        static Behavior<Turn> busy(Samples samples) {
            return Behaviors.setup(ctx -> {
                double[] sink = new double[1];
                return Behaviors.receiveMessage(turn -> {
                    sink[0] += work();
                    samples.turns.increment();
                    if (samples.running.get()) {
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

        record Reply(int seq, Integer value, Throwable failure) {}

        /** Spawns the echo actor and the busy ones, then asks for as long as the workload runs. */
        static Behavior<Reply> asker(Samples samples) {
            return Behaviors.setup(ctx -> {
                org.apache.pekko.actor.typed.ActorRef<Ping> echo = ctx.spawn(ECHO, "echo");
                for (int i = 0; i < BUSY; i++) {
                    ctx.spawn(busy(samples), "busy-" + i).tell(TURN);
                }
                long[] sentAt = new long[1];
                Runnable[] ask = new Runnable[1];
                int[] seq = new int[1];
                ask[0] = () -> {
                    int n = seq[0];
                    sentAt[0] = System.nanoTime();
                    ctx.ask(Integer.class, echo, Check.TIMEOUT, replyTo -> new Ping(n, replyTo),
                            (value, failure) -> new Reply(n, value, failure));
                };
                ask[0].run();
                return Behaviors.receiveMessage(r -> {
                    long now = System.nanoTime();
                    if (r.failure() != null) {
                        samples.fail(r.failure());
                        return Behaviors.same();
                    }
                    checkSeq(r.seq(), r.value());
                    if (samples.add(now - sentAt[0])) {
                        seq[0]++;
                        ask[0].run();
                    }
                    return Behaviors.same();
                });
            });
        }

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private final Samples samples = new Samples();

        Pekko() {
            pekko.spawn(asker(samples), "asker");
        }

        @Override
        public List<Metric> iteration() throws InterruptedException {
            return samples.next();
        }

        @Override
        public void close() {
            samples.running.set(false);
            pekko.close();
        }
    }
}

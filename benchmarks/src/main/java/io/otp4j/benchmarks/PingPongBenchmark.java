package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how many round trips per second do two actors achieve bouncing one message between them,
 * i.e. what does a message cost when every send wakes an idle actor? Targets (the project's performance goals): "pingpong"
 * at least 2.9 M round trips/s (the seed's 4.7 M messages/s is 2.35 M round trips/s); "pairs" at least
 * 14.1 M round trips/s.
 *
 * <p>A pinger is told to serve a number of rounds; it sends its ball to its ponger, the ponger sends its
 * own ball back, and so on: exactly one message in flight per pair, no allocation per message. The pinger
 * completes a future with the number of balls it got back, which must equal the rounds served; a ball
 * arriving while the pinger is not serving fails the pinger (and thus the next invocation).
 * <ul>
 *   <li>{@link #onePair}: one pair, 1,000,000 round trips per invocation.</li>
 *   <li>{@link #eightPairs}: eight pairs, 200,000 round trips each, in parallel.</li>
 * </ul>
 * The primary score is round trips per second; the secondary {@code messages} score is messages per
 * second (two per round trip).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PingPongBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class PingPongBenchmark {

    static final int ROUNDS = 1_000_000;
    static final int PAIRS = 8;
    static final int ROUNDS_PER_PAIR = 200_000;

    private ActorSystem system;
    private ActorRef<Msg>[] pingers;
    private ActorRef<Msg>[] pongers;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void startSystem() {
        system = ActorSystem.create("pingpong-benchmark");
        pingers = (ActorRef<Msg>[]) new ActorRef<?>[PAIRS];
        pongers = (ActorRef<Msg>[]) new ActorRef<?>[PAIRS];
        for (int p = 0; p < PAIRS; p++) {
            pingers[p] = system.spawn("pinger-" + p, Pinger::new);
            pongers[p] = system.spawn("ponger-" + p, Ponger::new);
        }
    }

    @TearDown(Level.Trial)
    public void closeSystem() {
        system.close();
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public void onePair(Messages messages) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        pingers[0].tell(new Serve(pongers[0], ROUNDS, done));
        Await.equal(ROUNDS, Await.reply(done, "the pinger's last ball"), "round trips");
        messages.messages += 2L * ROUNDS;
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS * ROUNDS_PER_PAIR)
    @SuppressWarnings("unchecked")
    public void eightPairs(Messages messages) {
        CompletableFuture<Integer>[] done = new CompletableFuture[PAIRS];
        for (int p = 0; p < PAIRS; p++) {
            done[p] = new CompletableFuture<>();
            pingers[p].tell(new Serve(pongers[p], ROUNDS_PER_PAIR, done[p]));
        }
        for (int p = 0; p < PAIRS; p++) {
            Await.equal(ROUNDS_PER_PAIR, Await.reply(done[p], "pinger " + p + "'s last ball"), "round trips of pair " + p);
        }
        messages.messages += 2L * PAIRS * ROUNDS_PER_PAIR;
    }

    /** The secondary score: messages handled, reported per second next to round trips. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Messages {
        public long messages;

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
        }
    }

    /** What pingers and pongers accept. */
    sealed interface Msg permits Ball, Serve {}

    /** The ball; each player owns one, created once, and returns its own to the sender. */
    record Ball(ActorRef<Msg> from) implements Msg {}

    /** Tells a pinger to play {@code rounds} round trips with {@code partner}, then complete {@code done}. */
    record Serve(ActorRef<Msg> partner, int rounds, CompletableFuture<Integer> done) implements Msg {}

    /** Starts a rally on {@link Serve}, counts the balls that come back, and reports the count. */
    static final class Pinger implements Actor<Msg> {
        private Ball ball;
        private int rounds;
        private int received;
        private CompletableFuture<Integer> done;

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            ball = new Ball(ctx.self());
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Serve s -> {
                    if (done != null) {
                        throw new IllegalStateException("served while a rally is running");
                    }
                    rounds = s.rounds();
                    received = 0;
                    done = s.done();
                    s.partner().tell(ball);
                }
                case Ball(var from) -> {
                    if (done == null) {
                        throw new IllegalStateException("a ball from " + from + " outside a rally: duplicated delivery");
                    }
                    if (++received == rounds) {
                        CompletableFuture<Integer> finished = done;
                        done = null;
                        finished.complete(received);
                    } else {
                        from.tell(ball);
                    }
                }
            }
        }
    }

    /** Returns every ball with its own. */
    static final class Ponger implements Actor<Msg> {
        private Ball ball;

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            ball = new Ball(ctx.self());
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Ball(var from) -> from.tell(ball);
                case Serve s -> throw new IllegalStateException("a ponger does not serve");
            }
        }
    }
}

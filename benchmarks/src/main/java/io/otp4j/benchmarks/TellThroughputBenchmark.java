package io.otp4j.benchmarks;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * Question: how many messages per second can one actor take in through the real mailbox and dispatcher,
 * i.e. what is the amortised cost of one {@code tell} until the actor has handled it? Target: at most
 * 31.5 ns per message; the project's goals: 22.7 M msg/s for one producer ("count"), 11.8 M msg/s for
 * four ("fanin").
 *
 * <p>Each invocation tells {@value #MESSAGES} constant {@code Increment}s per producer to one counting
 * actor, then (from the benchmark thread, after every producer has finished) asks it for its count with
 * a {@code Report} message; the count must equal the number of messages told. This is Savina's Counting
 * workload; the score covers sending, queueing, scheduling and handling, with the producer free to run
 * ahead of the actor (the unbounded mailbox absorbs the backlog).
 * <ul>
 *   <li>{@link #oneProducer}: the benchmark thread tells 1,000,000 messages.</li>
 *   <li>{@link #fourProducers}: fan-in, four platform threads tell 1,000,000 messages each, concurrently
 *       (more threads than the 2 cores this was written on: the dispatcher competes with them).</li>
 * </ul>
 *
 * <p>Run (ns per message): {@code java -jar benchmarks/target/benchmarks.jar TellThroughputBenchmark}
 * <br>Run (messages per second): {@code java -jar benchmarks/target/benchmarks.jar TellThroughputBenchmark -bm thrpt -tu s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class TellThroughputBenchmark {

    static final int MESSAGES = 1_000_000;
    static final int PRODUCERS = 4;

    private ActorSystem system;
    private ActorRef<Counter.Msg> counter;

    @Setup(Level.Trial)
    public void startSystem() {
        system = ActorSystem.create("tell-benchmark");
        counter = system.spawn("counter", Counter::new);
    }

    @TearDown(Level.Trial)
    public void closeSystem() {
        system.close();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void oneProducer() {
        ActorRef<Counter.Msg> target = counter;
        for (int i = 0; i < MESSAGES; i++) {
            target.tell(Counter.INCREMENT);
        }
        expectCount(MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(PRODUCERS * MESSAGES)
    public void fourProducers(Producers producers) {
        ActorRef<Counter.Msg> target = counter;
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(PRODUCERS);
        for (int p = 0; p < PRODUCERS; p++) {
            producers.threads.execute(() -> {
                try {
                    Await.zero(go, "the start signal");
                    for (int i = 0; i < MESSAGES; i++) {
                        target.tell(Counter.INCREMENT);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        go.countDown();
        Await.zero(done, "producers to finish telling");
        expectCount((long) PRODUCERS * MESSAGES);
    }

    /** Sent after every producer finished, so FIFO puts the report after all their increments. */
    private void expectCount(long expected) {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        counter.tell(new Counter.Report(reply));
        Await.equal(expected, Await.reply(reply, "the counter's report"), "messages handled by the counter");
    }

    /** The fan-in producer threads, created only for {@link #fourProducers}. */
    @State(Scope.Benchmark)
    public static class Producers {
        ExecutorService threads;

        @Setup(Level.Trial)
        public void start() {
            threads = Executors.newFixedThreadPool(PRODUCERS, r -> {
                Thread t = new Thread(r, "producer");
                t.setDaemon(true);
                return t;
            });
        }

        @TearDown(Level.Trial)
        public void stop() {
            threads.shutdownNow();
        }
    }

}

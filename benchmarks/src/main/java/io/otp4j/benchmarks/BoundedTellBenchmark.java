package io.otp4j.benchmarks;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.SendOptions;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does one message cost through a bounded mailbox, small (allocated at spawn) and large
 * (growing with its content)? Each invocation offers {@value #MESSAGES} constant increments per producer
 * to one counting actor with a bounded REJECT mailbox, retrying a refused offer until it is accepted (so
 * a small mailbox spends much of its time full, where every offer contends), then asks for the count,
 * which must equal the messages offered.
 * <ul>
 *   <li>{@link #oneProducer}: the benchmark thread offers them.</li>
 *   <li>{@link #fourProducers}: four platform threads, concurrently.</li>
 * </ul>
 *
 * <p>Run (ns per message): {@code java -jar benchmarks/target/benchmarks.jar BoundedTellBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class BoundedTellBenchmark {

    static final int MESSAGES = 200_000;
    static final int PRODUCERS = 4;

    @Param({"16", "1024", "1000000"})
    public int capacity;

    private ActorSystem system;
    private ActorRef<Counter.Msg> counter;

    @Setup(Level.Trial)
    public void startSystem() {
        system = ActorSystem.create("bounded-tell-benchmark");
        counter = system.spawn("counter", Counter::new,
                Props.defaults().withMailbox(MailboxConfig.bounded(capacity, Overflow.REJECT)));
    }

    @TearDown(Level.Trial)
    public void closeSystem() {
        system.close();
    }

    private static void offerAll(ActorRef<Counter.Msg> target) {
        for (int i = 0; i < MESSAGES; i++) {
            while (target.offer(Counter.INCREMENT, SendOptions.DEFAULT) != Delivery.ENQUEUED) {
                Thread.onSpinWait(); // full: the counter is taking them out
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void oneProducer() {
        offerAll(counter);
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
                    offerAll(target);
                } finally {
                    done.countDown();
                }
            });
        }
        go.countDown();
        Await.zero(done, "producers to finish offering");
        expectCount((long) PRODUCERS * MESSAGES);
    }

    /** Offered after every producer finished, so FIFO puts the report after all their increments. */
    private void expectCount(long expected) {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        while (counter.offer(new Counter.Report(reply), SendOptions.DEFAULT) != Delivery.ENQUEUED) {
            Thread.onSpinWait();
        }
        Await.equal(expected, Await.reply(reply, "the counter's report"), "messages handled by the counter");
    }

    /** The producer threads, created only for {@link #fourProducers}. */
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

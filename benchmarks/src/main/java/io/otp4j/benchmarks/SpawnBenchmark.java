package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Question: how long does a <em>live</em> spawn take, i.e. from {@code system.spawnAnonymous} until the
 * new actor has handled its first message? Target: at most 625 ns per actor.
 *
 * <p>Each invocation spawns a batch of top-level anonymous actors from the benchmark thread through the
 * public API, tells each one message right after spawning it, and waits until every actor has handled
 * its message (a shared latch, with a timeout). The score is the invocation time divided by the batch
 * size: creation, registration under {@code /user}, the first run (factory, {@code preStart}) and one
 * message, amortised over the batch.
 * <ul>
 *   <li>{@link #batchOf10000}: throughput of spawning; the dispatcher threads work while the benchmark
 *       thread keeps spawning.</li>
 *   <li>{@link #batchOf10}: a small burst, dominated by waking the dispatcher's parked threads.</li>
 * </ul>
 * Stopping is not measured: each batch is stopped in {@code @TearDown(Level.Invocation)}, which waits for
 * every {@code postStop}. The guardian may still be processing the last termination notices when the next
 * invocation starts.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SpawnBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class SpawnBenchmark {

    static final int LARGE_BATCH = 10_000;
    static final int SMALL_BATCH = 10;

    private ActorSystem system;
    private Batch batch; // the current invocation's actors

    @Setup(Level.Trial)
    public void startSystem() {
        system = ActorSystem.create("spawn-benchmark");
    }

    @TearDown(Level.Trial)
    public void closeSystem() {
        system.close();
    }

    @Benchmark
    @OperationsPerInvocation(LARGE_BATCH)
    public void batchOf10000() {
        spawnAndAwait(LARGE_BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(SMALL_BATCH)
    public void batchOf10() {
        spawnAndAwait(SMALL_BATCH);
    }

    private void spawnAndAwait(int size) {
        Batch b = new Batch(size);
        batch = b;
        Supplier<Greeted> factory = () -> new Greeted(b);
        ActorRef<Greeted.Hello>[] refs = b.refs;
        for (int i = 0; i < size; i++) {
            ActorRef<Greeted.Hello> ref = system.spawnAnonymous(factory);
            refs[i] = ref;
            ref.tell(Greeted.HELLO);
        }
        Await.zero(b.handled, "first messages of " + size + " spawned actors");
    }

    @TearDown(Level.Invocation)
    public void stopBatch() {
        Batch b = batch;
        batch = null;
        if (b == null) {
            return;
        }
        for (ActorRef<Greeted.Hello> ref : b.refs) {
            if (ref != null) {
                system.stop(ref);
            }
        }
        if (b.handled.getCount() == 0) { // only actors that started run postStop
            Await.zero(b.stopped, "postStop of " + b.refs.length + " spawned actors");
        }
    }

    /** One invocation's actors and the latches they count down. */
    static final class Batch {
        final ActorRef<Greeted.Hello>[] refs;
        final CountDownLatch handled;
        final CountDownLatch stopped;

        @SuppressWarnings("unchecked")
        Batch(int size) {
            refs = (ActorRef<Greeted.Hello>[]) new ActorRef<?>[size];
            handled = new CountDownLatch(size);
            stopped = new CountDownLatch(size);
        }
    }

    /** Counts down its batch's latch when it handles its one message, and again in postStop. */
    static final class Greeted implements Actor<Greeted.Hello> {
        record Hello() {}

        static final Hello HELLO = new Hello();

        private final Batch batch;
        private boolean greeted;

        Greeted(Batch batch) {
            this.batch = batch;
        }

        @Override
        public void receive(Hello message, ActorContext<Hello> ctx) {
            if (greeted) {
                throw new IllegalStateException(ctx.self() + " got a second message: duplicated delivery");
            }
            greeted = true;
            batch.handled.countDown();
        }

        @Override
        public void postStop(ActorContext<Hello> ctx) {
            batch.stopped.countDown();
        }
    }
}

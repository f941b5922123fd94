package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.SystemSnapshot;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: is {@code ActorSystem.snapshot()} cheap enough to call every second on a system with 100,000
 * actors? Goal: well under 1 s of one thread's time per snapshot, i.e. a small fraction of a core when
 * called once a second.
 *
 * <p>The tree: 1,000 supervisors-like parents under {@code /user}, each with {@code actors / 1000} idle
 * children, all started before measuring. Each invocation takes a full snapshot (paths, classes, states,
 * mailbox depths, counters; children sorted by spawn order) and checks its size.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IntrospectionBenchmark} (add {@code -prof gc}
 * for the allocation per snapshot)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class IntrospectionBenchmark {

    static final int PARENTS = 1_000;

    @Param({"100000"})
    public int actors;

    private ActorSystem system;

    @Setup(Level.Trial)
    public void startSystem() {
        system = ActorSystem.create("introspection-benchmark");
        int perParent = actors / PARENTS;
        CountDownLatch started = new CountDownLatch(PARENTS);
        for (int p = 0; p < PARENTS; p++) {
            system.spawn("parent-" + p, () -> new Parent(perParent, started));
        }
        Await.zero(started, "every parent to spawn its children");
        Await.equal(PARENTS * (perParent + 1L), system.snapshot().actorCount(), "actors in the tree");
    }

    @TearDown(Level.Trial)
    public void closeSystem() {
        system.close();
    }

    @Benchmark
    public SystemSnapshot snapshot() {
        SystemSnapshot snapshot = system.snapshot();
        if (snapshot.actorCount() < actors) {
            throw new IllegalStateException("snapshot lost actors: " + snapshot.actorCount());
        }
        return snapshot;
    }

    /** Spawns its idle children in preStart. */
    record Parent(int children, CountDownLatch started) implements Actor<String> {
        @Override
        public void preStart(ActorContext<String> ctx) {
            for (int i = 0; i < children; i++) {
                ctx.spawn("child-" + i, Idle::new);
            }
            started.countDown();
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }

    /** Does nothing. */
    static final class Idle implements Actor<String> {
        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }
}

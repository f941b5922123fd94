package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.List;
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
 * Question: how long from a child's crash until its replacement has handled its first message, for
 * each strategy with 1, 10 and 100 children?
 *
 * <p>Each operation crashes the first child (so ONE_FOR_ALL and REST_FOR_ONE restart every child, and
 * ONE_FOR_ONE only that one) and asks it for a reply: the request waits in the kept mailbox while the
 * supervisor halts and restarts, and is answered by the fresh instance. The reply must be the fresh
 * instance's (its generation increases), or the operation fails.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SupervisorRestartBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class SupervisorRestartBenchmark {

    @Param({"ONE_FOR_ONE", "ONE_FOR_ALL", "REST_FOR_ONE"})
    public Strategy strategy;

    @Param({"1", "10", "100"})
    public int children;

    sealed interface Msg permits Crash, Generation {}

    enum Crash implements Msg { INSTANCE }

    record Generation(ActorRef<Long> replyTo) implements Msg {}

    static final class Worker implements Actor<Msg> {
        private static final java.util.concurrent.atomic.AtomicLong STARTS = new java.util.concurrent.atomic.AtomicLong();
        private long generation;

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            generation = STARTS.incrementAndGet();
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Crash c -> throw new IllegalStateException("crash requested");
                case Generation(var replyTo) -> replyTo.tell(generation);
            }
        }
    }

    private ActorSystem system;
    private ActorRef<Msg> first;
    private long lastGeneration;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        system = ActorSystem.create("restart-bench");
        SupervisorSpec.Builder builder = Supervisor.builder().strategy(strategy)
                .intensity(Integer.MAX_VALUE, Duration.ofMillis(1));
        for (int i = 0; i < children; i++) {
            builder.child(ChildSpec.worker("w" + i, Worker::new));
        }
        SupervisorRef sup = Supervisor.start(system, "sup", builder.build());
        List<ChildInfo> kids = sup.whichChildren().toCompletableFuture().join();
        first = (ActorRef<Msg>) kids.get(0).ref().orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        system.close();
    }

    @Benchmark
    public long crashToFirstMessage() throws Exception {
        first.tell(Crash.INSTANCE);
        long generation = first.<Long>ask(Generation::new, Duration.ofSeconds(Await.TIMEOUT_SECONDS))
                .toCompletableFuture().get(Await.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (generation <= lastGeneration) {
            throw new IllegalStateException("answered by an old instance: generation " + generation);
        }
        lastGeneration = generation;
        return generation;
    }
}

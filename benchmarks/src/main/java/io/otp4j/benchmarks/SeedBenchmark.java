package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * The seed's remaining benchmarks, on real paths (the others: {@link SpawnBenchmark},
 * {@link TellThroughputBenchmark}, {@link PingPongBenchmark}, {@link BrokerRoutingBenchmark},
 * {@link SupervisorRestartBenchmark}).
 * <ul>
 *   <li>{@code boundedMailbox}: what does a message cost through a bounded mailbox (JCTools' array queue,
 *       capacity 1,024, BLOCK), enqueue to handled? 100,000 messages per invocation, count checked.</li>
 *   <li>{@code scaling}: does the cost per message grow with the number of actors? 1,000,000 messages
 *       per invocation spread round-robin over 1, 50, 10,000 or 1,000,000 actors, all counted.</li>
 *   <li>{@code supervisorChildSpawn}: what does {@code SupervisorRef.startChild} cost until the child
 *       has started? 100 children per invocation, on a fresh ONE_FOR_ONE supervisor.</li>
 *   <li>{@code supervisionTreeStart}: how long does {@code Supervisor.start} of a small tree take (a root
 *       with two child supervisors of five workers each), until every child has started?</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SeedBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class SeedBenchmark {

    /** Counts messages into a shared counter and completes a future when the expected total is reached. */
    static final class Counting implements Actor<Long> {
        private final AtomicLong handled;
        private final long[] target;
        private final CompletableFuture<Void>[] done;

        Counting(AtomicLong handled, long[] target, CompletableFuture<Void>[] done) {
            this.handled = handled;
            this.target = target;
            this.done = done;
        }

        @Override
        public void receive(Long message, ActorContext<Long> ctx) {
            if (handled.incrementAndGet() == target[0]) {
                done[0].complete(null);
            }
        }
    }

    /** Shared state of the message benchmarks: one system, N counting actors. */
    @State(Scope.Benchmark)
    public static class Actors {
        @Param({"1", "50", "10000", "1000000"})
        public int actors;

        ActorSystem system;
        ActorRef<Long>[] refs;
        final AtomicLong handled = new AtomicLong();
        final long[] target = new long[1];
        @SuppressWarnings("unchecked")
        final CompletableFuture<Void>[] done = new CompletableFuture[1];

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void setUp() {
            system = ActorSystem.create("seed-bench");
            refs = new ActorRef[actors];
            for (int i = 0; i < actors; i++) {
                refs[i] = system.spawnAnonymous(() -> new Counting(handled, target, done));
            }
        }

        void expect(long messages) {
            target[0] = handled.get() + messages;
            done[0] = new CompletableFuture<>();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            system.close();
        }
    }

    /** One counting actor behind a bounded mailbox. */
    @State(Scope.Benchmark)
    public static class Bounded {
        ActorSystem system;
        ActorRef<Long> bounded;
        final AtomicLong handled = new AtomicLong();
        final long[] target = new long[1];
        @SuppressWarnings("unchecked")
        final CompletableFuture<Void>[] done = new CompletableFuture[1];

        @Setup(Level.Trial)
        public void setUp() {
            system = ActorSystem.create("seed-bounded-bench");
            bounded = system.spawnAnonymous(() -> new Counting(handled, target, done),
                    Props.defaults().withMailbox(MailboxConfig.bounded(1024, Overflow.BLOCK)));
        }

        void expect(long messages) {
            target[0] = handled.get() + messages;
            done[0] = new CompletableFuture<>();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            system.close();
        }
    }

    private static final Long ONE = 1L;

    @Benchmark
    @OperationsPerInvocation(100_000)
    public void boundedMailbox(Bounded s) {
        s.expect(100_000);
        for (int i = 0; i < 100_000; i++) {
            s.bounded.tell(ONE);
        }
        Await.reply(s.done[0], "100,000 messages through a bounded mailbox");
    }

    @Benchmark
    @OperationsPerInvocation(1_000_000)
    public void scaling(Actors s) {
        s.expect(1_000_000);
        ActorRef<Long>[] refs = s.refs;
        for (int i = 0, n = refs.length; i < 1_000_000; i++) {
            refs[i % n].tell(ONE);
        }
        Await.reply(s.done[0], "1,000,000 messages over " + refs.length + " actors");
    }

    /** A fresh supervisor per invocation, so every invocation starts the same 100 children. */
    @State(Scope.Thread)
    public static class FreshSupervisor {
        ActorSystem system;
        SupervisorRef supervisor;
        int invocation;

        @Setup(Level.Trial)
        public void setUp() {
            system = ActorSystem.create("seed-sup-bench");
        }

        @Setup(Level.Invocation)
        public void newSupervisor() {
            supervisor = Supervisor.start(system, "sup-" + invocation++, Supervisor.builder().build());
        }

        @TearDown(Level.Invocation)
        public void stopSupervisor() {
            system.stop(supervisor.ref());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            system.close();
        }
    }

    static final class Idle implements Actor<Long> {
        @Override
        public void receive(Long message, ActorContext<Long> ctx) {}
    }

    @Benchmark
    @OperationsPerInvocation(100)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void supervisorChildSpawn(FreshSupervisor s) {
        for (int i = 0; i < 100; i++) {
            Await.reply(s.supervisor.startChild(ChildSpec.worker("w" + i, Idle::new)).toCompletableFuture(),
                    "startChild w" + i);
        }
    }

    /** Starts and stops small trees. */
    @State(Scope.Thread)
    public static class Trees {
        ActorSystem system;
        SupervisorSpec tree;
        int started;

        @Setup(Level.Trial)
        public void setUp() {
            system = ActorSystem.create("seed-tree-bench");
            SupervisorSpec.Builder workers = Supervisor.builder();
            for (int i = 0; i < 5; i++) {
                workers.child(ChildSpec.worker("w" + i, Idle::new));
            }
            SupervisorSpec branch = workers.build();
            tree = Supervisor.builder().child(ChildSpec.supervisor("left", branch))
                    .child(ChildSpec.supervisor("right", branch)).build();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            system.close();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SupervisorRef supervisionTreeStart(Trees s) {
        SupervisorRef root = Supervisor.start(s.system, "tree-" + s.started++, s.tree);
        s.system.stop(root.ref());
        return root;
    }
}

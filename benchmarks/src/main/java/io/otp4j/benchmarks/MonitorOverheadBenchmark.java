package io.otp4j.benchmarks;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.monitor.InMemoryMonitor;
import io.otp4j.monitor.Monitor;
import io.otp4j.monitor.MonitorEvent;
import io.otp4j.monitor.Severity;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * Question: what does monitoring cost on the message path? Claim to check: the default
 * {@link Monitor#noop()} costs nothing, i.e. throughput with it equals throughput with no monitoring
 * code at all, within noise.
 *
 * <p>Method. "No monitoring code at all" is the same build run with {@code -Dotp4j.monitoring=off}: every
 * monitoring, Flight Recorder and logging-context hook in the runtime sits behind the static final
 * {@code Monitoring.COMPILED_IN}, which that flag makes a constant {@code false}, so the JIT removes the
 * hooks from the compiled code. The {@code *_hooksCompiledOut} methods fork with that flag; the
 * {@code *_noop} methods run the default build in the same way, in the same JMH run. Equal scores (their
 * error bars overlap) mean the no-op costs nothing measurable. Two workloads: {@code tell} (one producer,
 * 1,000,000 messages to a counting actor: the send path and batched handling) and {@code pingPong} (one
 * pair, 1,000,000 round trips: one message per actor run, so the once-per-run checks weigh most).
 *
 * <p>For scale, the same workloads with real monitors: {@code lifecycleMonitor} (installed, not tracing
 * messages: the message path should still not notice it) and {@code tracingMonitor} (every message
 * builds four events handed to a monitor that only counts them: what per-message tracing costs).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MonitorOverheadBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class MonitorOverheadBenchmark {

    static final int MESSAGES = 1_000_000;
    static final String COMPILED_OUT = "-Dotp4j.monitoring=off";

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void tell_noop(Default fixture) {
        fixture.tell();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    @Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", COMPILED_OUT})
    public void tell_hooksCompiledOut(Default fixture) {
        fixture.tell();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void tell_lifecycleMonitor(LifecycleMonitored fixture) {
        fixture.tell();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void tell_tracingMonitor(TracingMonitored fixture) {
        fixture.tell();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void pingPong_noop(Default fixture) {
        fixture.pingPong();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    @Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", COMPILED_OUT})
    public void pingPong_hooksCompiledOut(Default fixture) {
        fixture.pingPong();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void pingPong_tracingMonitor(TracingMonitored fixture) {
        fixture.pingPong();
    }

    /** A system with a counting actor and a ping-pong pair; subclasses choose the monitor. */
    @State(Scope.Benchmark)
    public abstract static class Fixture {
        private ActorSystem system;
        private ActorRef<Counter.Msg> counter;
        private ActorRef<PingPongBenchmark.Msg> pinger;
        private ActorRef<PingPongBenchmark.Msg> ponger;

        abstract Monitor monitor();

        @Setup(Level.Trial)
        public void startSystem() {
            system = ActorSystem.create("monitor-benchmark", ActorSystemSettings.defaults().with(monitor()));
            counter = system.spawn("counter", Counter::new);
            pinger = system.spawn("pinger", PingPongBenchmark.Pinger::new);
            ponger = system.spawn("ponger", PingPongBenchmark.Ponger::new);
        }

        @TearDown(Level.Trial)
        public void closeSystem() {
            system.close();
        }

        void tell() {
            ActorRef<Counter.Msg> target = counter;
            for (int i = 0; i < MESSAGES; i++) {
                target.tell(Counter.INCREMENT);
            }
            CompletableFuture<Long> reply = new CompletableFuture<>();
            target.tell(new Counter.Report(reply));
            Await.equal(MESSAGES, Await.reply(reply, "the counter's report"), "messages handled");
        }

        void pingPong() {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            pinger.tell(new PingPongBenchmark.Serve(ponger, MESSAGES, done));
            Await.equal(MESSAGES, Await.reply(done, "the pinger's last ball"), "round trips");
        }
    }

    /** The default: {@link Monitor#noop()}. */
    public static class Default extends Fixture {
        @Override
        Monitor monitor() {
            return Monitor.noop();
        }
    }

    /** A real monitor that does not trace messages. */
    public static class LifecycleMonitored extends Fixture {
        @Override
        Monitor monitor() {
            return InMemoryMonitor.create(1024, Severity.TRACE, false);
        }
    }

    /** A monitor that traces every message and only counts the events. */
    public static class TracingMonitored extends Fixture {
        private final LongAdder events = new LongAdder();

        @Override
        Monitor monitor() {
            return new Monitor() {
                @Override
                public void onEvent(MonitorEvent event) {
                    events.increment();
                }

                @Override
                public boolean tracesMessages() {
                    return true;
                }
            };
        }
    }
}

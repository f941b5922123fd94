package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorException;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Question: how long do supervision's answers take while user actors keep a dispatcher busy?
 *
 * <p>For each load (none; CPU-bound actors on the virtual-thread dispatcher; the same on the default
 * dispatcher) it measures, one sample at a time:
 * <ul>
 *   <li><b>start</b>: {@code Supervisor.start} of a small tree (a worker and a nested supervisor with a worker),
 *   until it returns;</li>
 *   <li><b>restart</b>: a worker's crash (its last statement before throwing) until its new instance's
 *   {@code preStart}: the supervisor's decision plus the restarted child's own wait on its dispatcher (the
 *   default one; so under load on the default dispatcher this includes the child's queueing there);</li>
 *   <li><b>whichChildren</b>: the control call, from the asking thread until the answer arrives.</li>
 * </ul>
 * The load: one actor per thread of the loaded dispatcher, each computing for {@code --chunk-ms} per
 * message and then telling itself the next message, for as long as the measurement lasts. Each actor's run
 * thus holds its thread for the whole chunk: on virtual threads it holds a carrier (a virtual thread is not
 * preempted), on the default dispatcher a pool thread.
 *
 * <p>Prints p50, p99 and max per figure and load, in milliseconds. The first {@code --warmup} samples of each
 * figure are dropped. A sample that takes longer than {@code --timeout-s} ends its figure, reported as "no
 * answer" (supervision that waits for user actors may never answer while they keep the dispatcher busy).
 *
 * <p>Run (after {@code ./otp4j mvn -B -q -o -pl benchmarks -am package -DskipTests}):
 * {@code java -cp benchmarks/target/benchmarks.jar io.otp4j.benchmarks.SupervisionLatency
 * [--samples 200] [--warmup 20] [--chunk-ms 20] [--timeout-s 5]}
 */
public final class SupervisionLatency {

    private SupervisionLatency() {}

    /** What the user actors keep busy. */
    enum Load {
        NONE(0, null),
        VIRTUAL_THREADS(Runtime.getRuntime().availableProcessors(),
                Props.defaults().withDispatcher(Dispatcher.virtualThreads())),
        DEFAULT_DISPATCHER(Math.max(2, Runtime.getRuntime().availableProcessors()), Props.defaults());

        final int actors;
        final Props props;

        Load(int actors, Props props) {
            this.actors = actors;
            this.props = props;
        }
    }

    /** Computes for a chunk per message, then tells itself the next one, until told to end. */
    static final class Cruncher implements Actor<Long> {
        static volatile boolean running = true;
        static volatile long sink;
        private final long chunkNanos;
        private final CountDownLatch busy;

        Cruncher(long chunkNanos, CountDownLatch busy) {
            this.chunkNanos = chunkNanos;
            this.busy = busy;
        }

        @Override
        public void receive(Long seed, ActorContext<Long> ctx) {
            busy.countDown();
            long end = System.nanoTime() + chunkNanos;
            long x = seed;
            while (System.nanoTime() < end) {
                x = x * 6364136223846793005L + 1442695040888963407L; // work the JIT cannot drop
            }
            sink = x;
            if (running) {
                ctx.self().tell(x);
            }
        }
    }

    /** A child that records the time of its crash, and hands its successor's start to the measuring thread. */
    static final class Crashing implements Actor<String> {
        static final AtomicLong crashedAt = new AtomicLong();
        static final BlockingQueue<Long> starts = new LinkedBlockingQueue<>();

        @Override
        public void preStart(ActorContext<String> ctx) {
            long now = System.nanoTime();
            long crashed = crashedAt.getAndSet(0);
            if (crashed != 0) {
                starts.add(now - crashed);
            }
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {
            crashedAt.set(System.nanoTime());
            throw new IllegalStateException("crash requested");
        }
    }

    /** An idle child. */
    static final class Idle implements Actor<String> {
        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }

    /**
     * @param args {@code --samples N}, {@code --warmup N}, {@code --chunk-ms N}, {@code --timeout-s N}
     * @throws Exception if a measurement fails
     */
    public static void main(String[] args) throws Exception {
        int samples = 200;
        int warmup = 20;
        long chunkMillis = 20;
        long timeoutSeconds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--samples" -> samples = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--chunk-ms" -> chunkMillis = Long.parseLong(args[i + 1]);
                case "--timeout-s" -> timeoutSeconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%d cores, %d samples after %d warm-up, load chunks of %d ms%n",
                Runtime.getRuntime().availableProcessors(), samples, warmup, chunkMillis);
        System.out.printf(Locale.ROOT, "%-19s %-14s %9s %9s %9s%n", "load", "figure", "p50 ms", "p99 ms", "max ms");
        for (Load load : Load.values()) {
            measure(load, samples, warmup, TimeUnit.MILLISECONDS.toNanos(chunkMillis),
                    Duration.ofSeconds(timeoutSeconds));
        }
        System.exit(0);
    }

    private static void measure(Load load, int samples, int warmup, long chunkNanos, Duration timeout)
            throws Exception {
        ActorSystem system = ActorSystem.create("latency-" + load.name().toLowerCase(Locale.ROOT));
        Cruncher.running = true;
        try {
            CountDownLatch busy = new CountDownLatch(load.actors);
            for (int i = 0; i < load.actors; i++) {
                system.spawn("cruncher-" + i, () -> new Cruncher(chunkNanos, busy), load.props).tell((long) i);
            }
            Await.zero(busy, "the load's actors to run");

            int total = warmup + samples;
            long[] start = new long[total];
            int started = 0;
            try {
                for (; started < total; started++) {
                    SupervisorSpec inner = Supervisor.builder().child(ChildSpec.worker("leaf", Idle::new)).build();
                    SupervisorSpec tree = Supervisor.builder()
                            .child(ChildSpec.worker("worker", Idle::new))
                            .child(ChildSpec.supervisor("inner", inner))
                            .build();
                    long t0 = System.nanoTime();
                    SupervisorRef ref = Supervisor.start(system, "tree-" + started, tree, timeout);
                    start[started] = System.nanoTime() - t0;
                    system.stop(ref.ref());
                }
            } catch (SupervisorException e) {
                // did not start within the timeout: reported below
            }
            report(load, "start", start, started, warmup, timeout);

            long[] restart = new long[total];
            long[] which = new long[total];
            int restarted = 0;
            int answered = 0;
            try {
                SupervisorSpec spec = Supervisor.builder()
                        .intensity(Integer.MAX_VALUE, Duration.ofMillis(1))
                        .child(ChildSpec.worker("crashing", Crashing::new))
                        .build();
                SupervisorRef sup = Supervisor.start(system, "sup", spec, timeout);
                for (int i = 0; i < total; i++) {
                    long t0 = System.nanoTime();
                    List<ChildInfo> children = sup.whichChildren().toCompletableFuture()
                            .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                    which[answered++] = System.nanoTime() - t0;
                    @SuppressWarnings("unchecked")
                    ActorRef<String> child = (ActorRef<String>) children.getFirst().ref().orElseThrow();
                    child.tell("crash");
                    Long latency = Crashing.starts.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                    if (latency == null) {
                        break;
                    }
                    restart[restarted++] = latency;
                }
            } catch (SupervisorException | TimeoutException e) {
                // the supervisor did not start or answer within the timeout: reported below
            }
            report(load, "restart", restart, restarted, warmup, timeout);
            report(load, "whichChildren", which, answered, warmup, timeout);
        } finally {
            Cruncher.running = false;
            system.close();
        }
    }

    private static void report(Load load, String figure, long[] nanos, int done, int warmup, Duration timeout) {
        if (done < nanos.length) {
            System.out.printf(Locale.ROOT, "%-19s %-14s no answer within %d s (sample %d of %d)%n", load, figure,
                    timeout.toSeconds(), done + 1, nanos.length);
            return;
        }
        long[] kept = Arrays.copyOfRange(nanos, warmup, nanos.length);
        Arrays.sort(kept);
        System.out.printf(Locale.ROOT, "%-19s %-14s %9.3f %9.3f %9.3f%n", load, figure,
                percentile(kept, 0.50), percentile(kept, 0.99), kept[kept.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}

package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Question: where does the time of a blocking ask from a plain thread go: in the request's leg (from the
 * ask until the actor handles it) or in the reply's (from the actor's {@code receive} until the caller
 * returns), and how much CPU does each thread spend per ask? And what does the bare mechanism a parked
 * caller relies on, a park/unpark ping-pong of two threads, cost on the same machine?
 *
 * <p>Each round makes {@code asks} sequential asks to an echo actor, blocking on each with
 * {@code get(60 s)}, and prints the p50/p90/p99 of both legs (µs), the asks per second, and the CPU time
 * per ask of each thread ({@link ThreadMXBean}, threads grouped by name without their numbers); then the
 * same for the ping-pong. With {@code pekko} as third argument, the asks go to a Pekko echo actor through
 * {@code AskPattern.ask} instead (Pekko's default settings). Figures of this program are in
 * docs/benchmarks.md ("The blocked asker and the fan-in on a loaded machine").
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.otp4j.benchmarks.AskLegs [asks per round] [rounds] [otp4j|pekko]</pre>
 */
public final class AskLegs {

    private AskLegs() {}

    /** A request that carries the times of its legs. */
    record Ping(long[] times, ActorRef<long[]> replyTo) {}

    /** Stamps the request's arrival, then replies. */
    static final class Echo implements Actor<Ping> {
        @Override
        public void receive(Ping ping, ActorContext<Ping> ctx) {
            ping.times()[1] = System.nanoTime();
            ping.replyTo().tell(ping.times());
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int asks = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (args.length > 2 && args[2].equals("pekko")) {
            pekko(asks, rounds);
        } else {
            otp4j(asks, rounds);
        }
        for (int round = 0; round < rounds; round++) {
            parkPong(asks);
        }
    }

    private static void otp4j(int asks, int rounds) throws Exception {
        try (ActorSystem system = ActorSystem.create("ask-legs")) {
            ActorRef<Ping> echo = system.spawn("echo", Echo::new);
            for (int round = 0; round < rounds; round++) {
                long[] request = new long[asks];
                long[] reply = new long[asks];
                Map<String, Long> before = cpuByThread();
                long start = System.nanoTime();
                for (int i = 0; i < asks; i++) {
                    long[] times = new long[2];
                    times[0] = System.nanoTime();
                    echo.<long[]>ask(r -> new Ping(times, r), Duration.ofSeconds(60))
                            .toCompletableFuture().get(60, TimeUnit.SECONDS);
                    long returned = System.nanoTime();
                    request[i] = times[1] - times[0];
                    reply[i] = returned - times[1];
                }
                report("otp4j", round, System.nanoTime() - start, request, reply, before);
            }
        }
    }

    /** The same as {@link #otp4j} with Pekko typed and its default settings. */
    private static void pekko(int asks, int rounds) throws Exception {
        record PekkoPing(long[] times, org.apache.pekko.actor.typed.ActorRef<long[]> replyTo) {}
        var system = org.apache.pekko.actor.typed.ActorSystem.create(
                org.apache.pekko.actor.typed.javadsl.Behaviors.<PekkoPing>receiveMessage(ping -> {
                    ping.times()[1] = System.nanoTime();
                    ping.replyTo().tell(ping.times());
                    return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                }), "ask-legs");
        try {
            for (int round = 0; round < rounds; round++) {
                long[] request = new long[asks];
                long[] reply = new long[asks];
                Map<String, Long> before = cpuByThread();
                long start = System.nanoTime();
                for (int i = 0; i < asks; i++) {
                    long[] times = new long[2];
                    times[0] = System.nanoTime();
                    org.apache.pekko.actor.typed.javadsl.AskPattern.<PekkoPing, long[]>ask(system,
                                    r -> new PekkoPing(times, r), Duration.ofSeconds(60), system.scheduler())
                            .toCompletableFuture().get(60, TimeUnit.SECONDS);
                    long returned = System.nanoTime();
                    request[i] = times[1] - times[0];
                    reply[i] = returned - times[1];
                }
                report("pekko", round, System.nanoTime() - start, request, reply, before);
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private static void report(String runtime, int round, long elapsed, long[] request, long[] reply,
                               Map<String, Long> before) {
        int asks = request.length;
        System.out.printf(Locale.ROOT, "%s ask round %d: %,.0f asks/s; request %s; reply %s; CPU per ask:%s%n",
                runtime, round, asks * 1e9 / elapsed, percentiles(request), percentiles(reply),
                cpuPerOperation(before, cpuByThread(), asks));
    }

    private static volatile int turn;

    /** Two threads hand a turn back and forth, each parking until it is theirs. */
    private static void parkPong(int roundTrips) throws InterruptedException {
        Thread caller = Thread.currentThread();
        Thread other = Thread.ofPlatform().name("pong").daemon().start(() -> {
            for (int i = 0; i < roundTrips; i++) {
                while (turn != 1) {
                    LockSupport.park();
                }
                turn = 0;
                LockSupport.unpark(caller);
            }
            while (turn != 2) { // alive until its CPU time is read
                LockSupport.park();
            }
        });
        Map<String, Long> before = cpuByThread();
        long start = System.nanoTime();
        for (int i = 0; i < roundTrips; i++) {
            turn = 1;
            LockSupport.unpark(other);
            while (turn != 0) {
                LockSupport.park();
            }
        }
        long elapsed = System.nanoTime() - start;
        Map<String, Long> after = cpuByThread();
        turn = 2;
        LockSupport.unpark(other);
        other.join();
        turn = 0;
        System.out.printf(Locale.ROOT, "park-pong: %.1f µs per round trip; CPU per round trip:%s%n",
                elapsed / 1e3 / roundTrips, cpuPerOperation(before, after, roundTrips));
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format(Locale.ROOT, "p50 %.1f p90 %.1f p99 %.1f µs",
                sorted[n / 2] / 1e3, sorted[n * 9 / 10] / 1e3, sorted[n * 99 / 100] / 1e3);
    }

    private static Map<String, Long> cpuByThread() {
        Map<String, Long> cpu = new TreeMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            ThreadInfo info = THREADS.getThreadInfo(id);
            long nanos = THREADS.getThreadCpuTime(id);
            if (info != null && nanos >= 0) {
                cpu.merge(info.getThreadName().replaceAll("\\d+$", "N"), nanos, Long::sum);
            }
        }
        return cpu;
    }

    /** Threads that used at least 0.05 µs per operation, in µs per operation. */
    private static String cpuPerOperation(Map<String, Long> before, Map<String, Long> after, int operations) {
        StringBuilder out = new StringBuilder();
        after.forEach((thread, nanos) -> {
            double perOperation = (nanos - before.getOrDefault(thread, 0L)) / 1e3 / operations;
            if (perOperation >= 0.05) {
                out.append(String.format(Locale.ROOT, " %s %.2f µs", thread, perOperation));
            }
        });
        return out.toString();
    }
}

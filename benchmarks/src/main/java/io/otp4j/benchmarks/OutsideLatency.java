package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.dispatch.Dispatcher;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Question: how long does work from outside the pool wait while every pool thread is saturated by actors
 * that keep themselves busy (each tells itself its next message for ever)?
 *
 * <p>For each of {@code --samples} samples, from the main thread: an ask to a running actor, until the
 * answer; a spawn of a new actor, until its {@code preStart} runs; and a single timer of 1 ms, from its
 * start until its message is handled, minus the 1 ms. Printed: p50, p99, p99.9 and max in ms, with and
 * without the load. The pool has {@code --threads} threads (2 by default) and as many busy actors.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.otp4j.benchmarks.OutsideLatency [--samples N] [--threads T]</pre>
 */
public final class OutsideLatency {

    private OutsideLatency() {}

    /** Tells itself the next message, for as long as {@code running} holds. */
    static final class Busy implements Actor<Integer> {
        private final AtomicBoolean running;
        private double sink;

        Busy(AtomicBoolean running) {
            this.running = running;
        }

        @Override
        public void receive(Integer n, ActorContext<Integer> ctx) {
            sink += Math.sin(n);
            if (running.get()) {
                ctx.self().tell(n + 1);
            }
        }
    }

    /** Answers asks; on a timer message, records when it came. */
    static final class Probe implements Actor<Object> {
        record Ping(ActorRef<Long> replyTo) {}

        record Arm(long startedNanos, CountDownLatch fired, long[] out) {}

        record Fired(Arm arm) {}

        @Override
        public void receive(Object msg, ActorContext<Object> ctx) {
            switch (msg) {
                case Ping p -> p.replyTo().tell(System.nanoTime());
                case Arm a -> ctx.timers().startSingleTimer("t", new Fired(a), Duration.ofMillis(1));
                case Fired(Arm a) -> {
                    a.out()[0] = System.nanoTime() - a.startedNanos() - TimeUnit.MILLISECONDS.toNanos(1);
                    a.fired().countDown();
                }
                default -> { }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int samples = 2_000;
        int threads = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (boolean loaded : new boolean[] {false, true}) {
            measure(samples, threads, loaded);
        }
    }

    private static void measure(int samples, int threads, boolean loaded) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        try (ActorSystem system = ActorSystem.create("outside", ActorSystemSettings.defaults()
                .withDispatcher(Dispatcher.workStealing("outside", threads)))) {
            if (loaded) {
                for (int i = 0; i < threads; i++) {
                    system.spawn("busy-" + i, () -> new Busy(running)).tell(0);
                }
            }
            ActorRef<Object> probe = system.spawn("probe", Probe::new);
            long[] ask = new long[samples];
            long[] spawn = new long[samples];
            long[] timer = new long[samples];
            for (int i = 0; i < samples + samples / 10; i++) { // the first tenth warms up
                int at = i - samples / 10;
                long start = System.nanoTime();
                probe.<Long>ask(Probe.Ping::new, Duration.ofSeconds(30)).toCompletableFuture().join();
                long askNanos = System.nanoTime() - start;

                CountDownLatch started = new CountDownLatch(1);
                start = System.nanoTime();
                ActorRef<Object> fresh = system.spawnAnonymous(() -> new Actor<Object>() {
                    @Override
                    public void preStart(ActorContext<Object> ctx) {
                        started.countDown();
                    }

                    @Override
                    public void receive(Object message, ActorContext<Object> ctx) {}
                });
                started.await();
                long spawnNanos = System.nanoTime() - start;
                system.stop(fresh);

                CountDownLatch fired = new CountDownLatch(1);
                long[] late = new long[1];
                probe.tell(new Probe.Arm(System.nanoTime(), fired, late));
                fired.await();
                if (at >= 0) {
                    ask[at] = askNanos;
                    spawn[at] = spawnNanos;
                    timer[at] = Math.max(0, late[0]);
                }
            }
            running.set(false);
            String load = loaded ? threads + " busy actors on " + threads + " threads" : "no load";
            print(load, "ask from outside", ask);
            print(load, "spawn from outside to preStart", spawn);
            print(load, "1 ms timer, lateness", timer);
        }
    }

    private static void print(String load, String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-34s %-32s p50 %7.3f  p99 %7.3f  p99.9 %7.3f  max %7.3f ms%n", load, what,
                ms(s, 0.50), ms(s, 0.99), ms(s, 0.999), s[s.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }
}

package io.otp4j.benchmarks.compare;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.nats.NatsNode;
import io.otp4j.nats.NatsNodeSettings;
import io.otp4j.nats.serialization.MessageTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The remote workloads on otp4j: two actor systems in two JVMs, each a node of otp4j-nats, talking through
 * one NATS server on loopback (the driver starts {@code nats-server}, or uses {@code OTP4J_NATS_URL}), with
 * otp4j-nats's default codec. Every other setting is otp4j-nats's default.
 *
 * <p>The peer ({@link #startPeer(String)}) exposes {@code ponger}, {@code echo} and {@code counter}; the
 * driver finds them with {@link NatsNode#lookup}. The message shapes and flow control are
 * {@link RemotePekko}'s.
 */
final class RemoteOtp4j {

    sealed interface Msg permits Ball, Echo, Increment, Sync, Serve {}

    /** The ping-pong ball; the receiver sends its own ball back to {@code from}. */
    record Ball(ActorRef<Msg> from) implements Msg {}

    /** The ask: the echo replies with {@code sequence}. */
    record Echo(long sequence, ActorRef<Long> replyTo) implements Msg {}

    /** One fan-in message. */
    record Increment(long by) implements Msg {}

    /** Replies with the counter's total so far; {@code reset} sets it back to zero after replying. */
    record Sync(boolean reset, ActorRef<Long> replyTo) implements Msg {}

    /** Local only (never serialized): tells the driver's pinger to play a rally. */
    record Serve(ActorRef<Msg> partner, int rounds, CompletableFuture<Integer> done) implements Msg {}

    private static final String PEER = "peer";

    private RemoteOtp4j() {}

    static NatsNodeSettings settings(String nodeName, String url) {
        MessageTypes types = MessageTypes.builder()
                .add(1, Ball.class).add(2, Echo.class).add(3, Increment.class).add(4, Sync.class).build();
        return NatsNodeSettings.of(nodeName, url, types).withSubjectPrefix("otp4j-bench");
    }

    // ------------------------------------------------------------------ the peer JVM

    /** @param url the NATS server the driver gave */
    static RemotePeer.Node startPeer(String url) {
        ActorSystem system = ActorSystem.create("peer");
        NatsNode node = NatsNode.join(system, settings(PEER, url));
        node.expose("ponger", system.spawn("ponger", Ponger::new));
        node.expose("echo", system.spawn("echo", EchoActor::new));
        node.expose("counter", system.spawn("counter", Counter::new));
        return new RemotePeer.Node() {
            @Override
            public String address() {
                return node.address().toString();
            }

            @Override
            public void close() {
                node.close();
                system.close();
            }
        };
    }

    static final class Ponger implements Actor<Msg> {
        private Ball ball;

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            ball = new Ball(ctx.self());
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            if (msg instanceof Ball(var from)) {
                from.tell(ball);
            } else {
                throw new IllegalStateException("the ponger got " + msg);
            }
        }
    }

    static final class EchoActor implements Actor<Msg> {
        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            if (msg instanceof Echo(var sequence, var replyTo)) {
                replyTo.tell(sequence);
            } else {
                throw new IllegalStateException("the echo got " + msg);
            }
        }
    }

    static final class Counter implements Actor<Msg> {
        private long total;

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Increment(var by) -> total += by;
                case Sync(var reset, var replyTo) -> {
                    replyTo.tell(total);
                    if (reset) {
                        total = 0;
                    }
                }
                default -> throw new IllegalStateException("the counter got " + msg);
            }
        }
    }

    // ------------------------------------------------------------------ the driver JVM

    /** The driver's half: the NATS server, its own node, the peer JVM, and the peer's actors' refs. */
    abstract static class Driver implements Workload {
        final NatsServerProcess server = NatsServerProcess.start();
        final PeerProcess peer = new PeerProcess("otp4j", server.url);
        final ActorSystem system = ActorSystem.create("driver");
        final NatsNode node = NatsNode.join(system, settings("driver", server.url));

        <T> ActorRef<T> remote(String name) {
            return Check.await(node.<T>lookup(PEER, name, Check.TIMEOUT), "the peer's " + name);
        }

        long ask(ActorRef<Msg> target, Function<ActorRef<Long>, Msg> request, String what) {
            return Check.await(target.ask(request, Check.TIMEOUT), what);
        }

        @Override
        public void close() {
            try {
                node.close();
                system.close();
            } finally {
                try {
                    peer.close();
                } finally {
                    server.close();
                }
            }
        }
    }

    static final class Pinger implements Actor<Msg> {
        private Ball ball;
        private int rounds;
        private int received;
        private CompletableFuture<Integer> done;

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            ball = new Ball(ctx.self());
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Serve(var partner, var n, var future) -> {
                    rounds = n;
                    received = 0;
                    done = future;
                    partner.tell(ball);
                }
                case Ball(var from) -> {
                    if (++received == rounds) {
                        done.complete(received);
                    } else if (received > rounds) {
                        throw new IllegalStateException("ball after the rally: duplicated delivery");
                    } else {
                        from.tell(ball);
                    }
                }
                default -> throw new IllegalStateException("the pinger got " + msg);
            }
        }
    }

    /** {@code remote-pingpong}: a local pinger and the peer's ponger, one ball in flight. */
    static final class PingPong extends Driver {
        private final int rounds;
        private final ActorRef<Msg> pinger = system.spawn("pinger", Pinger::new);
        private final ActorRef<Msg> ponger = remote("ponger");

        PingPong(int rounds) {
            this.rounds = rounds;
        }

        @Override
        public List<Metric> iteration() {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            long start = System.nanoTime();
            pinger.tell(new Serve(ponger, rounds, done));
            Check.equal(rounds, Check.await(done, "the pinger's last ball"), "round trips");
            return List.of(Metric.rate("remote-pingpong", rounds, System.nanoTime() - start, "round trips/s"));
        }
    }

    /** {@code remote-ask}: sequential asks from a plain thread to the peer's echo; rate and latency. */
    static final class Ask extends Driver {
        private final int asks;
        private final ActorRef<Msg> echo = remote("echo");

        Ask(int asks) {
            this.asks = asks;
        }

        @Override
        public List<Metric> iteration() {
            long[] latencies = new long[asks];
            long start = System.nanoTime();
            for (int i = 0; i < asks; i++) {
                long sequence = i;
                long t0 = System.nanoTime();
                long reply = ask(echo, r -> new Echo(sequence, r), "an echo");
                latencies[i] = System.nanoTime() - t0;
                Check.equal(sequence, reply, "the echo's reply");
            }
            return RemoteWorkloads.askMetrics(asks, System.nanoTime() - start, latencies);
        }
    }

    /**
     * {@code remote-fanin}: plain producer threads tell increments to the peer's counter; each waits for the
     * counter's acknowledgement every {@code window} messages, as in {@link RemotePekko.FanIn}.
     */
    static final class FanIn extends Driver {
        private final int producers;
        private final int messages;
        private final int window;
        private final ActorRef<Msg> counter = remote("counter");

        FanIn(int producers, int messages, int window) {
            this.producers = producers;
            this.messages = messages;
            this.window = window;
        }

        @Override
        public List<Metric> iteration() throws InterruptedException {
            Increment one = new Increment(1);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> finished = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                finished.add(f);
                threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                    try {
                        go.await();
                        for (int i = 1; i <= messages; i++) {
                            counter.tell(one);
                            if (i % window == 0) {
                                ask(counter, r -> new Sync(false, r), "a fan-in acknowledgement");
                            }
                        }
                        f.complete(null);
                    } catch (Throwable t) {
                        f.completeExceptionally(t);
                    }
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (CompletableFuture<Void> f : finished) {
                Check.await(f, "a producer");
            }
            long total = ask(counter, r -> new Sync(true, r), "the count");
            long nanos = System.nanoTime() - start;
            for (Thread t : threads) {
                t.join();
            }
            Check.equal((long) producers * messages, total, "increments counted");
            return List.of(Metric.rate("remote-fanin", total, nanos, "msgs/s"));
        }
    }
}

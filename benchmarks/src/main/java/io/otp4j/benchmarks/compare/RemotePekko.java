package io.otp4j.benchmarks.compare;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The remote workloads on Apache Pekko: two actor systems in two JVMs talking over Artery's TCP transport
 * on loopback, messages serialized by Pekko's Jackson CBOR serializer (Pekko's recommended serializer for
 * application messages; Java serialization is off by default). Every other setting is Pekko's default:
 * the outbound queue of 3,072 messages per association, one outbound and one inbound lane.
 *
 * <p>The peer ({@link #startPeer()}) hosts {@code /user/ponger}, {@code /user/echo} and
 * {@code /user/counter}; the driver resolves their addresses with {@link ActorRefResolver}.
 */
final class RemotePekko {

    /** Bound to Jackson CBOR in the settings: every message that crosses the wire implements it. */
    interface CborSerializable {}

    sealed interface Msg extends CborSerializable permits Ball, Echo, Increment, Sync, Serve {}

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

    private RemotePekko() {}

    static Config settings(String hostname) {
        return ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.actor.provider = remote
                pekko.remote.artery.transport = tcp
                pekko.remote.artery.canonical.hostname = "%s"
                pekko.remote.artery.canonical.port = 0
                pekko.actor.serialization-bindings {
                  "%s" = jackson-cbor
                }
                """.formatted(hostname, CborSerializable.class.getName()));
    }

    // ------------------------------------------------------------------ the peer JVM

    static RemotePeer.Node startPeer() {
        PekkoSystem pekko = new PekkoSystem("peer", settings("127.0.0.1"));
        pekko.spawn(ponger(), "ponger");
        pekko.spawn(echo(), "echo");
        pekko.spawn(counter(), "counter");
        String address = pekko.system.address().toString();
        return new RemotePeer.Node() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                pekko.close();
            }
        };
    }

    private static Behavior<Msg> ponger() {
        return Behaviors.setup(ctx -> {
            Ball ball = new Ball(ctx.getSelf());
            return Behaviors.receiveMessage(msg -> {
                if (msg instanceof Ball(var from)) {
                    from.tell(ball);
                    return Behaviors.same();
                }
                throw new IllegalStateException("the ponger got " + msg);
            });
        });
    }

    private static Behavior<Msg> echo() {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Echo(var sequence, var replyTo)) {
                replyTo.tell(sequence);
                return Behaviors.same();
            }
            throw new IllegalStateException("the echo got " + msg);
        });
    }

    private static Behavior<Msg> counter() {
        return Behaviors.setup(ctx -> {
            long[] total = new long[1];
            return Behaviors.receiveMessage(msg -> {
                switch (msg) {
                    case Increment(var by) -> total[0] += by;
                    case Sync(var reset, var replyTo) -> {
                        replyTo.tell(total[0]);
                        if (reset) {
                            total[0] = 0;
                        }
                    }
                    default -> throw new IllegalStateException("the counter got " + msg);
                }
                return Behaviors.same();
            });
        });
    }

    // ------------------------------------------------------------------ the driver JVM

    /** The driver's half: its own system, the peer JVM, and the peer's actors' refs. */
    abstract static class Driver implements Workload {
        final PeerProcess peer = new PeerProcess("pekko");
        final PekkoSystem pekko = new PekkoSystem("driver", settings("127.0.0.1"));

        <T> ActorRef<T> remote(String name) {
            return ActorRefResolver.get(pekko.system).resolveActorRef(peer.address + "/user/" + name);
        }

        long ask(ActorRef<Msg> target, java.util.function.Function<ActorRef<Long>, Msg> request, String what) {
            return Check.await(AskPattern.<Msg, Long>ask(target, request::apply, Check.TIMEOUT,
                    pekko.system.scheduler()), what);
        }

        @Override
        public void close() {
            try {
                pekko.close();
            } finally {
                peer.close();
            }
        }
    }

    /** {@code remote-pingpong}: a local pinger and the peer's ponger, one ball in flight. */
    static final class PingPong extends Driver {
        private final int rounds;
        private final ActorRef<Msg> pinger = pekko.spawn(pinger(), "pinger");
        private final ActorRef<Msg> ponger = remote("ponger");

        PingPong(int rounds) {
            this.rounds = rounds;
        }

        private static Behavior<Msg> pinger() {
            return Behaviors.setup(ctx -> {
                Ball ball = new Ball(ctx.getSelf());
                int[] state = new int[2]; // rounds, received
                @SuppressWarnings("unchecked")
                CompletableFuture<Integer>[] done = new CompletableFuture[1];
                return Behaviors.receiveMessage(msg -> {
                    switch (msg) {
                        case Serve(var partner, var n, var future) -> {
                            state[0] = n;
                            state[1] = 0;
                            done[0] = future;
                            partner.tell(ball);
                        }
                        case Ball(var from) -> {
                            if (++state[1] == state[0]) {
                                done[0].complete(state[1]);
                            } else if (state[1] > state[0]) {
                                throw new IllegalStateException("ball after the rally: duplicated delivery");
                            } else {
                                from.tell(ball);
                            }
                        }
                        default -> throw new IllegalStateException("the pinger got " + msg);
                    }
                    return Behaviors.same();
                });
            });
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
     * {@code remote-fanin}: plain producer threads tell increments to the peer's counter; each waits for
     * the counter's acknowledgement every {@code window} messages, so at most {@code producers × window}
     * are unacknowledged: below Artery's outbound queue, which drops what overflows it.
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

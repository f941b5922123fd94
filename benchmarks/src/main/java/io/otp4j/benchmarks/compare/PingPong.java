package io.otp4j.benchmarks.compare;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Workloads {@code pingpong} (1 pair, 1,000,000 round trips) and {@code pairs} (8 pairs, 200,000 round
 * trips each, in parallel). In flight: exactly one message per pair.
 *
 * <p>A pinger is told to serve a number of rounds; it sends its ball to its ponger, which sends its own
 * ball back, and so on. Each player allocates its ball once, so no message is allocated per round trip.
 * The pinger completes a future with the number of balls it got back; it must equal the rounds served.
 * The actors live for the whole run; each iteration serves a new rally. Figure: round trips per second.
 */
final class PingPong {

    private PingPong() {}

    static Workload otp4j(int pairs, int rounds) {
        return new Otp4j(pairs, rounds);
    }

    static Workload pekko(int pairs, int rounds) {
        return new Pekko(pairs, rounds);
    }

    private static List<Metric> check(String name, int pairs, int rounds, CompletableFuture<Integer>[] done, long start) {
        for (int p = 0; p < pairs; p++) {
            Check.equal(rounds, Check.await(done[p], "pinger " + p + "'s last ball"), "round trips of pair " + p);
        }
        long nanos = System.nanoTime() - start;
        return List.of(Metric.rate(name, (long) pairs * rounds, nanos, "round trips/s"));
    }

    // ------------------------------------------------------------------ otp4j

    static final class Otp4j implements Workload {
        sealed interface Msg permits Ball, Serve {}

        record Ball(ActorRef<Msg> from) implements Msg {}

        record Serve(ActorRef<Msg> partner, int rounds, CompletableFuture<Integer> done) implements Msg {}

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
                }
            }
        }

        static final class Ponger implements Actor<Msg> {
            private Ball ball;

            @Override
            public void preStart(ActorContext<Msg> ctx) {
                ball = new Ball(ctx.self());
            }

            @Override
            public void receive(Msg msg, ActorContext<Msg> ctx) {
                switch (msg) {
                    case Ball(var from) -> from.tell(ball);
                    case Serve s -> throw new IllegalStateException("a ponger does not serve");
                }
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");
        private final int pairs;
        private final int rounds;
        private final ActorRef<Msg>[] pingers;
        private final ActorRef<Msg>[] pongers;

        @SuppressWarnings("unchecked")
        Otp4j(int pairs, int rounds) {
            this.pairs = pairs;
            this.rounds = rounds;
            pingers = (ActorRef<Msg>[]) new ActorRef<?>[pairs];
            pongers = (ActorRef<Msg>[]) new ActorRef<?>[pairs];
            for (int p = 0; p < pairs; p++) {
                pingers[p] = system.spawn("pinger-" + p, Pinger::new);
                pongers[p] = system.spawn("ponger-" + p, Ponger::new);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Metric> iteration() {
            CompletableFuture<Integer>[] done = new CompletableFuture[pairs];
            long start = System.nanoTime();
            for (int p = 0; p < pairs; p++) {
                done[p] = new CompletableFuture<>();
                pingers[p].tell(new Serve(pongers[p], rounds, done[p]));
            }
            return check(pairs == 1 ? "pingpong" : "pairs", pairs, rounds, done, start);
        }

        @Override
        public void close() {
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        sealed interface Msg permits Ball, Serve {}

        record Ball(org.apache.pekko.actor.typed.ActorRef<Msg> from) implements Msg {}

        record Serve(org.apache.pekko.actor.typed.ActorRef<Msg> partner, int rounds,
                     CompletableFuture<Integer> done) implements Msg {}

        static final class Pinger extends AbstractBehavior<Msg> {
            private final Ball ball;
            private int rounds;
            private int received;
            private CompletableFuture<Integer> done;

            static Behavior<Msg> create() {
                return Behaviors.setup(Pinger::new);
            }

            private Pinger(org.apache.pekko.actor.typed.javadsl.ActorContext<Msg> ctx) {
                super(ctx);
                ball = new Ball(ctx.getSelf());
            }

            @Override
            public Receive<Msg> createReceive() {
                return newReceiveBuilder()
                        .onMessage(Ball.class, this::onBall)
                        .onMessage(Serve.class, this::onServe)
                        .build();
            }

            private Behavior<Msg> onServe(Serve s) {
                rounds = s.rounds();
                received = 0;
                done = s.done();
                s.partner().tell(ball);
                return this;
            }

            private Behavior<Msg> onBall(Ball b) {
                if (++received == rounds) {
                    done.complete(received);
                } else if (received > rounds) {
                    throw new IllegalStateException("ball after the rally: duplicated delivery");
                } else {
                    b.from().tell(ball);
                }
                return this;
            }
        }

        static Behavior<Msg> ponger() {
            return Behaviors.setup(ctx -> {
                Ball ball = new Ball(ctx.getSelf());
                return Behaviors.receiveMessage(msg -> switch (msg) {
                    case Ball(var from) -> {
                        from.tell(ball);
                        yield Behaviors.same();
                    }
                    case Serve s -> throw new IllegalStateException("a ponger does not serve");
                });
            });
        }

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private final int pairs;
        private final int rounds;
        private final org.apache.pekko.actor.typed.ActorRef<Msg>[] pingers;
        private final org.apache.pekko.actor.typed.ActorRef<Msg>[] pongers;

        @SuppressWarnings("unchecked")
        Pekko(int pairs, int rounds) {
            this.pairs = pairs;
            this.rounds = rounds;
            pingers = new org.apache.pekko.actor.typed.ActorRef[pairs];
            pongers = new org.apache.pekko.actor.typed.ActorRef[pairs];
            for (int p = 0; p < pairs; p++) {
                pingers[p] = pekko.spawn(Pinger.create(), "pinger-" + p);
                pongers[p] = pekko.spawn(ponger(), "ponger-" + p);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Metric> iteration() {
            CompletableFuture<Integer>[] done = new CompletableFuture[pairs];
            long start = System.nanoTime();
            for (int p = 0; p < pairs; p++) {
                done[p] = new CompletableFuture<>();
                pingers[p].tell(new Serve(pongers[p], rounds, done[p]));
            }
            return check(pairs == 1 ? "pingpong" : "pairs", pairs, rounds, done, start);
        }

        @Override
        public void close() {
            pekko.close();
        }
    }
}

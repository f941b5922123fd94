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
 * Workload {@code threadring}, Savina's ThreadRing: 100 actors in a ring pass one token 1,000,000 times.
 * The token carries the hops left; each actor passes on a new token with one hop less to its neighbour,
 * and the actor that receives the token with 0 hops left completes the iteration with its position.
 * In flight: exactly one message. Figure: hops per second.
 *
 * <p>Check: the token starts at actor 0, so after 1,000,000 hops it must stop at actor
 * {@code 1,000,000 mod 100 = 0}. The ring lives for the whole run.
 */
final class ThreadRing {

    static final int ACTORS = 100;
    static final int HOPS = 1_000_000;

    private ThreadRing() {}

    private static List<Metric> result(long start, CompletableFuture<Integer> done) {
        int stoppedAt = Check.await(done, "the token's last hop");
        long nanos = System.nanoTime() - start;
        Check.equal(HOPS % ACTORS, stoppedAt, "position where the token stopped");
        return List.of(Metric.rate("threadring", HOPS, nanos, "hops/s"));
    }

    // ------------------------------------------------------------------ otp4j

    static final class Otp4j implements Workload {
        sealed interface Msg permits Link, Token {}

        record Link(ActorRef<Msg> next) implements Msg {}

        record Token(int hopsLeft, CompletableFuture<Integer> done) implements Msg {}

        static final class Member implements Actor<Msg> {
            private final int position;
            private ActorRef<Msg> next;

            Member(int position) {
                this.position = position;
            }

            @Override
            public void receive(Msg msg, ActorContext<Msg> ctx) {
                switch (msg) {
                    case Token(var hopsLeft, var done) -> {
                        if (hopsLeft == 0) {
                            done.complete(position);
                        } else {
                            next.tell(new Token(hopsLeft - 1, done));
                        }
                    }
                    case Link(var n) -> next = n;
                }
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");
        private final ActorRef<Msg> first;

        @SuppressWarnings("unchecked")
        Otp4j() {
            ActorRef<Msg>[] ring = (ActorRef<Msg>[]) new ActorRef<?>[ACTORS];
            for (int a = 0; a < ACTORS; a++) {
                int position = a;
                ring[a] = system.spawn("member-" + a, () -> new Member(position));
            }
            for (int a = 0; a < ACTORS; a++) {
                ring[a].tell(new Link(ring[(a + 1) % ACTORS]));
            }
            first = ring[0];
        }

        @Override
        public List<Metric> iteration() {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            long start = System.nanoTime();
            first.tell(new Token(HOPS, done));
            return result(start, done);
        }

        @Override
        public void close() {
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        sealed interface Msg permits Link, Token {}

        record Link(org.apache.pekko.actor.typed.ActorRef<Msg> next) implements Msg {}

        record Token(int hopsLeft, CompletableFuture<Integer> done) implements Msg {}

        static final class Member extends AbstractBehavior<Msg> {
            private final int position;
            private org.apache.pekko.actor.typed.ActorRef<Msg> next;

            static Behavior<Msg> create(int position) {
                return Behaviors.setup(ctx -> new Member(ctx, position));
            }

            private Member(org.apache.pekko.actor.typed.javadsl.ActorContext<Msg> ctx, int position) {
                super(ctx);
                this.position = position;
            }

            @Override
            public Receive<Msg> createReceive() {
                return newReceiveBuilder()
                        .onMessage(Token.class, t -> {
                            if (t.hopsLeft() == 0) {
                                t.done().complete(position);
                            } else {
                                next.tell(new Token(t.hopsLeft() - 1, t.done()));
                            }
                            return this;
                        })
                        .onMessage(Link.class, l -> {
                            next = l.next();
                            return this;
                        })
                        .build();
            }
        }

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private final org.apache.pekko.actor.typed.ActorRef<Msg> first;

        @SuppressWarnings("unchecked")
        Pekko() {
            org.apache.pekko.actor.typed.ActorRef<Msg>[] ring = new org.apache.pekko.actor.typed.ActorRef[ACTORS];
            for (int a = 0; a < ACTORS; a++) {
                ring[a] = pekko.spawn(Member.create(a), "member-" + a);
            }
            for (int a = 0; a < ACTORS; a++) {
                ring[a].tell(new Link(ring[(a + 1) % ACTORS]));
            }
            first = ring[0];
        }

        @Override
        public List<Metric> iteration() {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            long start = System.nanoTime();
            first.tell(new Token(HOPS, done));
            return result(start, done);
        }

        @Override
        public void close() {
            pekko.close();
        }
    }
}

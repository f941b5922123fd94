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
 * Workload {@code skynet}: a tree of 1,111,111 actors, branching 10, with 1,000,000 leaves. Each node,
 * when it starts, spawns its 10 children; each leaf, when it starts, sends its number (0 to 999,999) to its
 * parent and stops; each inner node sums its 10 children's reports, sends the sum to its parent and
 * stops. The timed part ends when the root's sum reaches the driver. In flight: up to one report per
 * live actor. Figure: milliseconds per tree.
 *
 * <p>Check: the sum must be 499,999,500,000. Before the next iteration (untimed) the driver is polled
 * until the tree has fully stopped.
 */
final class Skynet {

    static final int LEAVES = 1_000_000;
    static final int BRANCHING = 10;
    static final long EXPECTED = (long) LEAVES * (LEAVES - 1) / 2;

    private Skynet() {}

    private static List<Metric> result(long start, CompletableFuture<Long> done) {
        long sum = Check.await(done, "the root's sum");
        long nanos = System.nanoTime() - start;
        Check.equal(EXPECTED, sum, "skynet sum");
        return List.of(Metric.cost("skynet", nanos / 1e6, "ms"));
    }

    // ------------------------------------------------------------------ otp4j

    static final class Otp4j implements Workload {
        sealed interface Msg permits Run, Sum, CountChildren {}

        record Run(CompletableFuture<Long> done) implements Msg {}

        record Sum(long value) implements Msg {}

        record CountChildren(CompletableFuture<Integer> replyTo) implements Msg {}

        static final class Node implements Actor<Sum> {
            private final long num;
            private final int size;
            private final ActorRef<Sum> parent;
            private long sum;
            private int received;

            Node(long num, int size, ActorRef<Sum> parent) {
                this.num = num;
                this.size = size;
                this.parent = parent;
            }

            @Override
            public void preStart(ActorContext<Sum> ctx) {
                if (size == 1) {
                    parent.tell(new Sum(num));
                    ctx.stop();
                    return;
                }
                int childSize = size / BRANCHING;
                ActorRef<Sum> self = ctx.self();
                for (int i = 0; i < BRANCHING; i++) {
                    long childNum = num + (long) i * childSize;
                    ctx.spawnAnonymous(() -> new Node(childNum, childSize, self));
                }
            }

            @Override
            public void receive(Sum report, ActorContext<Sum> ctx) {
                sum += report.value();
                if (++received == BRANCHING) {
                    parent.tell(new Sum(sum));
                    ctx.stop();
                }
            }
        }

        static final class Driver implements Actor<Msg> {
            private CompletableFuture<Long> done;

            @Override
            public void receive(Msg msg, ActorContext<Msg> ctx) {
                switch (msg) {
                    case Run(var future) -> {
                        done = future;
                        ActorRef<Sum> self = ctx.self().narrow();
                        ctx.spawnAnonymous(() -> new Node(0, LEAVES, self));
                    }
                    case Sum(var value) -> done.complete(value);
                    case CountChildren(var replyTo) -> replyTo.complete(ctx.children().size());
                }
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");
        private final ActorRef<Msg> driver = system.spawn("driver", Driver::new);

        @Override
        public List<Metric> iteration() {
            CompletableFuture<Long> done = new CompletableFuture<>();
            long start = System.nanoTime();
            driver.tell(new Run(done));
            List<Metric> metrics = result(start, done);
            Check.eventuallyZero(() -> {
                CompletableFuture<Integer> n = new CompletableFuture<>();
                driver.tell(new CountChildren(n));
                return Check.await(n, "children count");
            }, "the tree to stop");
            return metrics;
        }

        @Override
        public void close() {
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        sealed interface Msg permits Run, Sum, CountChildren {}

        record Run(CompletableFuture<Long> done) implements Msg {}

        record Sum(long value) implements Msg {}

        record CountChildren(CompletableFuture<Integer> replyTo) implements Msg {}

        static Behavior<Sum> node(long num, int size, org.apache.pekko.actor.typed.ActorRef<Sum> parent) {
            return Behaviors.setup(ctx -> {
                if (size == 1) {
                    parent.tell(new Sum(num));
                    return Behaviors.stopped();
                }
                int childSize = size / BRANCHING;
                for (int i = 0; i < BRANCHING; i++) {
                    ctx.spawnAnonymous(node(num + (long) i * childSize, childSize, ctx.getSelf()));
                }
                return new Node(ctx, parent);
            });
        }

        static final class Node extends AbstractBehavior<Sum> {
            private final org.apache.pekko.actor.typed.ActorRef<Sum> parent;
            private long sum;
            private int received;

            Node(org.apache.pekko.actor.typed.javadsl.ActorContext<Sum> ctx, org.apache.pekko.actor.typed.ActorRef<Sum> parent) {
                super(ctx);
                this.parent = parent;
            }

            @Override
            public Receive<Sum> createReceive() {
                return newReceiveBuilder()
                        .onMessage(Sum.class, report -> {
                            sum += report.value();
                            if (++received == BRANCHING) {
                                parent.tell(new Sum(sum));
                                return Behaviors.stopped();
                            }
                            return this;
                        })
                        .build();
            }
        }

        static final class Driver extends AbstractBehavior<Msg> {
            private CompletableFuture<Long> done;

            static Behavior<Msg> create() {
                return Behaviors.setup(Driver::new);
            }

            private Driver(org.apache.pekko.actor.typed.javadsl.ActorContext<Msg> ctx) {
                super(ctx);
            }

            @Override
            public Receive<Msg> createReceive() {
                return newReceiveBuilder()
                        .onMessage(Run.class, run -> {
                            done = run.done();
                            getContext().spawnAnonymous(node(0, LEAVES, getContext().getSelf().narrow()));
                            return this;
                        })
                        .onMessage(Sum.class, sum -> {
                            done.complete(sum.value());
                            return this;
                        })
                        .onMessage(CountChildren.class, c -> {
                            c.replyTo().complete(getContext().getChildren().size());
                            return this;
                        })
                        .build();
            }
        }

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private final org.apache.pekko.actor.typed.ActorRef<Msg> driver = pekko.spawn(Driver.create(), "driver");

        @Override
        public List<Metric> iteration() {
            CompletableFuture<Long> done = new CompletableFuture<>();
            long start = System.nanoTime();
            driver.tell(new Run(done));
            List<Metric> metrics = result(start, done);
            Check.eventuallyZero(() -> {
                CompletableFuture<Integer> n = new CompletableFuture<>();
                driver.tell(new CountChildren(n));
                return Check.await(n, "children count");
            }, "the tree to stop");
            return metrics;
        }

        @Override
        public void close() {
            pekko.close();
        }
    }
}

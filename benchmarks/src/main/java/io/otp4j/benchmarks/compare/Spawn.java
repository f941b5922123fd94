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
 * Workload {@code spawn}, after Savina's fork-join create: a parent actor spawns 100,000 children in a
 * loop, telling each one message right after spawning it; each child replies to the parent and stops.
 * The timed part ends when the parent has all 100,000 replies. In flight: up to 100,000 (one per child).
 * Figures: {@code spawn}, actors per second; {@code spawn-call}, the parent's loop time per child (the
 * spawn call plus one tell), in nanoseconds.
 *
 * <p>Check: the parent counts replies; it completes only at exactly 100,000, and a reply beyond that
 * fails it. Stopping runs on after the timed part; before the next iteration (untimed) the parent is
 * polled until it has no children left, so iterations do not overlap.
 */
final class Spawn {

    static final int ACTORS = 100_000;

    private Spawn() {}

    /** What the parent reports at the end of a round. */
    record Outcome(long replies, long loopNanos) {}

    private static List<Metric> result(long start, CompletableFuture<Outcome> done) {
        Outcome outcome = Check.await(done, "replies of " + ACTORS + " spawned actors");
        long nanos = System.nanoTime() - start;
        Check.equal(ACTORS, outcome.replies(), "replies from spawned actors");
        return List.of(Metric.rate("spawn", ACTORS, nanos, "actors/s"),
                Metric.cost("spawn-call", (double) outcome.loopNanos() / ACTORS, "ns/actor"));
    }

    // ------------------------------------------------------------------ otp4j

    static final class Otp4j implements Workload {
        sealed interface Msg permits Run, Done, CountChildren {}

        record Run(int actors, CompletableFuture<Outcome> done) implements Msg {}

        record Done() implements Msg {}

        record CountChildren(CompletableFuture<Integer> replyTo) implements Msg {}

        record Hello(ActorRef<Done> replyTo) {}

        static final Done DONE = new Done();

        static final class Child implements Actor<Hello> {
            @Override
            public void receive(Hello hello, ActorContext<Hello> ctx) {
                hello.replyTo().tell(DONE);
                ctx.stop();
            }
        }

        static final class Parent implements Actor<Msg> {
            private Hello hello;
            private int expected;
            private long replies;
            private long loopNanos;
            private CompletableFuture<Outcome> done;

            @Override
            public void preStart(ActorContext<Msg> ctx) {
                hello = new Hello(ctx.self().narrow());
            }

            @Override
            public void receive(Msg msg, ActorContext<Msg> ctx) {
                switch (msg) {
                    case Run(var actors, var future) -> {
                        expected = actors;
                        replies = 0;
                        done = future;
                        long t0 = System.nanoTime();
                        for (int i = 0; i < actors; i++) {
                            ctx.spawnAnonymous(Child::new).tell(hello);
                        }
                        loopNanos = System.nanoTime() - t0;
                    }
                    case Done d -> {
                        if (++replies == expected) {
                            done.complete(new Outcome(replies, loopNanos));
                        } else if (replies > expected) {
                            throw new IllegalStateException("more replies than children: duplicated delivery");
                        }
                    }
                    case CountChildren(var replyTo) -> replyTo.complete(ctx.children().size());
                }
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");
        private final ActorRef<Msg> parent = system.spawn("parent", Parent::new);

        @Override
        public List<Metric> iteration() {
            CompletableFuture<Outcome> done = new CompletableFuture<>();
            long start = System.nanoTime();
            parent.tell(new Run(ACTORS, done));
            List<Metric> metrics = result(start, done);
            Check.eventuallyZero(() -> {
                CompletableFuture<Integer> n = new CompletableFuture<>();
                parent.tell(new CountChildren(n));
                return Check.await(n, "children count");
            }, "spawned actors to stop");
            return metrics;
        }

        @Override
        public void close() {
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        sealed interface Msg permits Run, Done, CountChildren {}

        record Run(int actors, CompletableFuture<Outcome> done) implements Msg {}

        record Done() implements Msg {}

        record CountChildren(CompletableFuture<Integer> replyTo) implements Msg {}

        record Hello(org.apache.pekko.actor.typed.ActorRef<Done> replyTo) {}

        static final Done DONE = new Done();

        /** Immutable, so one value serves every child. */
        static final Behavior<Hello> CHILD = Behaviors.receiveMessage(hello -> {
            hello.replyTo().tell(DONE);
            return Behaviors.stopped();
        });

        static final class Parent extends AbstractBehavior<Msg> {
            private final Hello hello;
            private int expected;
            private long replies;
            private long loopNanos;
            private CompletableFuture<Outcome> done;

            static Behavior<Msg> create() {
                return Behaviors.setup(Parent::new);
            }

            private Parent(org.apache.pekko.actor.typed.javadsl.ActorContext<Msg> ctx) {
                super(ctx);
                hello = new Hello(ctx.getSelf().narrow());
            }

            @Override
            public Receive<Msg> createReceive() {
                return newReceiveBuilder()
                        .onMessage(Done.class, d -> {
                            if (++replies == expected) {
                                done.complete(new Outcome(replies, loopNanos));
                            } else if (replies > expected) {
                                throw new IllegalStateException("more replies than children: duplicated delivery");
                            }
                            return this;
                        })
                        .onMessage(Run.class, this::onRun)
                        .onMessage(CountChildren.class, c -> {
                            c.replyTo().complete(getContext().getChildren().size());
                            return this;
                        })
                        .build();
            }

            private Behavior<Msg> onRun(Run run) {
                expected = run.actors();
                replies = 0;
                done = run.done();
                long t0 = System.nanoTime();
                for (int i = 0; i < run.actors(); i++) {
                    getContext().spawnAnonymous(CHILD).tell(hello);
                }
                loopNanos = System.nanoTime() - t0;
                return this;
            }
        }

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private final org.apache.pekko.actor.typed.ActorRef<Msg> parent = pekko.spawn(Parent.create(), "parent");

        @Override
        public List<Metric> iteration() {
            CompletableFuture<Outcome> done = new CompletableFuture<>();
            long start = System.nanoTime();
            parent.tell(new Run(ACTORS, done));
            List<Metric> metrics = result(start, done);
            Check.eventuallyZero(() -> {
                CompletableFuture<Integer> n = new CompletableFuture<>();
                parent.tell(new CountChildren(n));
                return Check.await(n, "children count");
            }, "spawned actors to stop");
            return metrics;
        }

        @Override
        public void close() {
            pekko.close();
        }
    }
}

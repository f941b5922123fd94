package io.otp4j.benchmarks.compare;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Workload {@code memory}: 1,000,000 idle actors that have each handled one message, and the time to
 * stop them. Each iteration spawns a fresh holder actor, measures the heap in use after full GCs, has
 * the holder spawn 1,000,000 children and tell each one message, which the child acknowledges; once
 * every acknowledgement is in, the heap is measured again after full GCs. Figure {@code memory}: the
 * difference divided by 1,000,000, in bytes per actor (everything the runtime keeps per idle actor: the
 * actor, its mailbox, its ref, its entry in the parent's children). Then the holder is stopped, which
 * stops its children first; figure {@code memory-stop}: the time from the stop request until the
 * holder's own {@code postStop} / {@code PostStop}, per child, in microseconds.
 *
 * <p>Check: the holder counts acknowledgements and completes only at exactly 1,000,000 (one more fails
 * it); the heap growth must be positive. In flight: up to 1,000,000 first messages.
 * Heap in use is {@code MemoryMXBean.getHeapMemoryUsage().getUsed()} after {@code System.gc()}, a full
 * compacting collection under {@code -XX:+UseParallelGC}.
 */
final class Memory {

    static final int ACTORS = 1_000_000;

    private Memory() {}

    /** Heap in use after two full collections. */
    static long heapUsedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Measures around {@code populate} and {@code release}: the same sequence for both runtimes. */
    static List<Metric> measure(Runnable populate, Runnable release) {
        long before = heapUsedAfterGc();
        populate.run();
        long after = heapUsedAfterGc();
        if (after <= before) {
            throw new IllegalStateException("heap did not grow: " + before + " -> " + after + " bytes");
        }
        long start = System.nanoTime();
        release.run();
        long stopNanos = System.nanoTime() - start;
        return List.of(Metric.cost("memory", (double) (after - before) / ACTORS, "bytes/actor"),
                Metric.cost("memory-stop", stopNanos / 1e3 / ACTORS, "µs/actor"));
    }

    // ------------------------------------------------------------------ otp4j

    static final class Otp4j implements Workload {
        sealed interface Msg permits Populate, Ack, Release {}

        record Populate(int actors, CompletableFuture<Long> done) implements Msg {}

        record Ack() implements Msg {}

        record Release() implements Msg {}

        record Hello(ActorRef<Ack> replyTo) {}

        static final Ack ACK = new Ack();

        static final class Idle implements Actor<Hello> {
            @Override
            public void receive(Hello hello, ActorContext<Hello> ctx) {
                hello.replyTo().tell(ACK);
            }
        }

        static final class Holder implements Actor<Msg> {
            private final CompletableFuture<Void> stopped;
            private long expected;
            private long acks;
            private CompletableFuture<Long> done;

            Holder(CompletableFuture<Void> stopped) {
                this.stopped = stopped;
            }

            @Override
            public void receive(Msg msg, ActorContext<Msg> ctx) {
                switch (msg) {
                    case Populate(var actors, var future) -> {
                        expected = actors;
                        done = future;
                        Hello hello = new Hello(ctx.self().narrow());
                        for (int i = 0; i < actors; i++) {
                            ctx.spawnAnonymous(Idle::new).tell(hello);
                        }
                    }
                    case Ack a -> {
                        if (++acks == expected) {
                            done.complete(acks);
                        } else if (acks > expected) {
                            throw new IllegalStateException("more acknowledgements than children");
                        }
                    }
                    case Release r -> ctx.stop();
                }
            }

            @Override
            public void postStop(ActorContext<Msg> ctx) {
                stopped.complete(null);
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");

        @Override
        public List<Metric> iteration() {
            CompletableFuture<Void> stopped = new CompletableFuture<>();
            ActorRef<Msg> holder = system.spawnAnonymous(() -> new Holder(stopped));
            return measure(() -> {
                CompletableFuture<Long> done = new CompletableFuture<>();
                holder.tell(new Populate(ACTORS, done));
                Check.equal(ACTORS, Check.await(done, "acknowledgements of " + ACTORS + " actors"), "acknowledgements");
            }, () -> {
                holder.tell(new Release());
                Check.await(stopped, "the holder and its children to stop");
            });
        }

        @Override
        public void close() {
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        sealed interface Msg permits Populate, Ack, Release {}

        record Populate(int actors, CompletableFuture<Long> done) implements Msg {}

        record Ack() implements Msg {}

        record Release() implements Msg {}

        record Hello(org.apache.pekko.actor.typed.ActorRef<Ack> replyTo) {}

        static final Ack ACK = new Ack();

        /** Immutable, so one value serves every child. */
        static final Behavior<Hello> IDLE = Behaviors.receiveMessage(hello -> {
            hello.replyTo().tell(ACK);
            return Behaviors.same();
        });

        static final class Holder extends AbstractBehavior<Msg> {
            private final CompletableFuture<Void> stopped;
            private long expected;
            private long acks;
            private CompletableFuture<Long> done;

            static Behavior<Msg> create(CompletableFuture<Void> stopped) {
                return Behaviors.setup(ctx -> new Holder(ctx, stopped));
            }

            private Holder(org.apache.pekko.actor.typed.javadsl.ActorContext<Msg> ctx, CompletableFuture<Void> stopped) {
                super(ctx);
                this.stopped = stopped;
            }

            @Override
            public Receive<Msg> createReceive() {
                return newReceiveBuilder()
                        .onMessage(Ack.class, a -> {
                            if (++acks == expected) {
                                done.complete(acks);
                            } else if (acks > expected) {
                                throw new IllegalStateException("more acknowledgements than children");
                            }
                            return this;
                        })
                        .onMessage(Populate.class, p -> {
                            expected = p.actors();
                            done = p.done();
                            Hello hello = new Hello(getContext().getSelf().narrow());
                            for (int i = 0; i < p.actors(); i++) {
                                getContext().spawnAnonymous(IDLE).tell(hello);
                            }
                            return this;
                        })
                        .onMessage(Release.class, r -> Behaviors.stopped())
                        .onSignal(PostStop.class, s -> {
                            stopped.complete(null);
                            return this;
                        })
                        .build();
            }
        }

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private int holders;

        @Override
        public List<Metric> iteration() {
            CompletableFuture<Void> stopped = new CompletableFuture<>();
            var holder = pekko.spawn(Holder.create(stopped), "holder-" + holders++);
            return measure(() -> {
                CompletableFuture<Long> done = new CompletableFuture<>();
                holder.tell(new Populate(ACTORS, done));
                Check.equal(ACTORS, Check.await(done, "acknowledgements of " + ACTORS + " actors"), "acknowledgements");
            }, () -> {
                holder.tell(new Release());
                Check.await(stopped, "the holder and its children to stop");
            });
        }

        @Override
        public void close() {
            pekko.close();
        }
    }
}

package io.otp4j.benchmarks.compare;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Workloads {@code count} (Savina Counting: one plain thread tells 1,000,000 increments to one counter,
 * then asks for the count) and {@code fanin} (4 plain producer threads tell 1,000,000 increments each to
 * one counter, concurrently; then the count is asked). The timed part ends when the ask's reply arrives;
 * the count must equal the increments told. In flight: up to all the increments, as the producers run
 * ahead of the counter (the unbounded mailbox absorbs the backlog). Figure: increments per second.
 *
 * <p>The counter lives for the whole run; its {@code Get} replies with the count and resets it. Each
 * increment is the same constant message. Producer threads are started once and released by a latch.
 */
final class Counting {

    private Counting() {}

    static Workload otp4j(int producers, int messages) {
        return new Otp4j(producers, messages);
    }

    static Workload pekko(int producers, int messages) {
        return new Pekko(producers, messages);
    }

    /** Runs the producers (the calling thread when there is one), then asks; checks and times it all. */
    private static final class Driver implements AutoCloseable {
        private final int producers;
        private final int messages;
        private final ExecutorService threads;

        Driver(int producers, int messages) {
            this.producers = producers;
            this.messages = messages;
            threads = producers == 1 ? null : Executors.newFixedThreadPool(producers, r -> {
                Thread t = new Thread(r, "producer");
                t.setDaemon(true);
                return t;
            });
        }

        List<Metric> run(Runnable tellOne, LongSupplier askCount) {
            long expected = (long) producers * messages;
            long start;
            if (producers == 1) {
                start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    tellOne.run();
                }
            } else {
                CountDownLatch go = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(producers);
                for (int p = 0; p < producers; p++) {
                    threads.execute(() -> {
                        try {
                            Check.await(go, "the start signal");
                            for (int i = 0; i < messages; i++) {
                                tellOne.run();
                            }
                        } finally {
                            done.countDown();
                        }
                    });
                }
                start = System.nanoTime();
                go.countDown();
                Check.await(done, "producers to finish telling");
            }
            long count = askCount.getAsLong();
            long nanos = System.nanoTime() - start;
            Check.equal(expected, count, "increments counted");
            return List.of(Metric.rate(producers == 1 ? "count" : "fanin", expected, nanos, "messages/s"));
        }

        @Override
        public void close() {
            if (threads != null) {
                threads.shutdownNow();
            }
        }
    }

    // ------------------------------------------------------------------ otp4j

    static final class Otp4j implements Workload {
        sealed interface Msg permits Increment, Get {}

        record Increment() implements Msg {}

        record Get(ActorRef<Long> replyTo) implements Msg {}

        static final Increment INCREMENT = new Increment();

        static final class Counter implements Actor<Msg> {
            private long count;

            @Override
            public void receive(Msg msg, ActorContext<Msg> ctx) {
                switch (msg) {
                    case Increment i -> count++;
                    case Get(var replyTo) -> {
                        replyTo.tell(count);
                        count = 0;
                    }
                }
            }
        }

        private final ActorSystem system = ActorSystem.create("compare");
        private final ActorRef<Msg> counter = system.spawn("counter", Counter::new);
        private final Driver driver;

        Otp4j(int producers, int messages) {
            driver = new Driver(producers, messages);
        }

        @Override
        public List<Metric> iteration() {
            ActorRef<Msg> target = counter;
            return driver.run(() -> target.tell(INCREMENT),
                    () -> Check.await(target.<Long>ask(Get::new, Check.TIMEOUT), "the count"));
        }

        @Override
        public void close() {
            driver.close();
            system.close();
        }
    }

    // ------------------------------------------------------------------ Pekko

    static final class Pekko implements Workload {
        sealed interface Msg permits Increment, Get {}

        record Increment() implements Msg {}

        record Get(org.apache.pekko.actor.typed.ActorRef<Long> replyTo) implements Msg {}

        static final Increment INCREMENT = new Increment();

        static final class Counter extends AbstractBehavior<Msg> {
            private long count;

            static Behavior<Msg> create() {
                return Behaviors.setup(Counter::new);
            }

            private Counter(org.apache.pekko.actor.typed.javadsl.ActorContext<Msg> ctx) {
                super(ctx);
            }

            @Override
            public Receive<Msg> createReceive() {
                return newReceiveBuilder()
                        .onMessage(Increment.class, i -> {
                            count++;
                            return this;
                        })
                        .onMessage(Get.class, g -> {
                            g.replyTo().tell(count);
                            count = 0;
                            return this;
                        })
                        .build();
            }
        }

        private final PekkoSystem pekko = new PekkoSystem("compare");
        private final org.apache.pekko.actor.typed.ActorRef<Msg> counter = pekko.spawn(Counter.create(), "counter");
        private final Driver driver;

        Pekko(int producers, int messages) {
            driver = new Driver(producers, messages);
        }

        @Override
        public List<Metric> iteration() {
            org.apache.pekko.actor.typed.ActorRef<Msg> target = counter;
            return driver.run(() -> target.tell(INCREMENT),
                    () -> Check.await(AskPattern.<Msg, Long>ask(target, Get::new, Check.TIMEOUT,
                            pekko.system.scheduler()), "the count"));
        }

        @Override
        public void close() {
            driver.close();
            pekko.close();
        }
    }
}

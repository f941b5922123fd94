package io.otp4j.benchmarks;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.broker.MessageBroker;
import io.otp4j.broker.PublishResult;
import io.otp4j.broker.TopicKey;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does messaging through the broker cost, next to talking to a ref directly? Target: broker
 * routing (registry lookup by name + mailbox send) at most 212 ns per message, the seed's figure.
 *
 * <ul>
 *   <li>{@link #sendByName}: {@value #MESSAGES} {@code broker.send(name, msg)} to one counting actor, then
 *       the count is asked for and checked; ns per message, the actor handling them concurrently (the
 *       score covers lookup, enqueue, scheduling and handling, as "routing" did in the seed).</li>
 *   <li>{@link #tellDirect}: the same with {@code ref.tell(msg)}: the baseline; the difference is the
 *       broker's share.</li>
 *   <li>{@link #lookupByName}: {@code registry.lookup(name)} alone, ns per lookup.</li>
 *   <li>{@link #publish}: {@value #PUBLICATIONS} publications to a topic with 1, 10 or 100 subscribers,
 *       then every subscriber's count is checked; ns per publication (all its deliveries).</li>
 *   <li>{@link #requestResponse} and {@link #askDirect}: one request-reply round trip by name from a plain
 *       thread, blocking on the answer; ns per round trip (dominated by parking the asking thread).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BrokerRouting}
 * <br>Quick look: {@code java -jar benchmarks/target/benchmarks.jar BrokerRouting -f 1 -wi 2 -i 3}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class BrokerRoutingBenchmark {

    static final int MESSAGES = 1_000_000;
    static final int PUBLICATIONS = 10_000;
    static final long WAIT_SECONDS = 60;
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    static final ServiceKey<Counter.Msg> COUNTER = ServiceKey.of("counter", Counter.Msg.class);
    static final ServiceKey<Echo.Ping> ECHO = ServiceKey.of("echo", Echo.Ping.class);

    private ActorSystem system;
    private MessageBroker broker;
    private ActorRef<Counter.Msg> counter;
    private ActorRef<Echo.Ping> echo;

    @Setup(Level.Trial)
    public void startSystem() {
        system = ActorSystem.create("broker-benchmark");
        broker = MessageBroker.of(system);
        counter = system.spawn("counter", Counter::new);
        echo = system.spawn("echo", Echo::new);
        Registry.of(system).register(COUNTER, counter);
        Registry.of(system).register(ECHO, echo);
    }

    @TearDown(Level.Trial)
    public void closeSystem() {
        system.close();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sendByName() {
        MessageBroker b = broker;
        for (int i = 0; i < MESSAGES; i++) {
            b.send(COUNTER, Counter.INCREMENT);
        }
        expectCount(counter, MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void tellDirect() {
        ActorRef<Counter.Msg> target = counter;
        for (int i = 0; i < MESSAGES; i++) {
            target.tell(Counter.INCREMENT);
        }
        expectCount(counter, MESSAGES);
    }

    @Benchmark
    public Optional<ActorRef<Counter.Msg>> lookupByName() {
        return Registry.of(system).lookup(COUNTER);
    }

    @Benchmark
    @OperationsPerInvocation(PUBLICATIONS)
    public void publish(Subscribers topic) {
        MessageBroker b = topic.broker;
        int subscribers = topic.count;
        for (int i = 0; i < PUBLICATIONS; i++) {
            PublishResult result = b.publish(Subscribers.TOPIC, Counter.INCREMENT);
            if (result.delivered() != subscribers) {
                throw new IllegalStateException("publication reached " + result + ", expected " + subscribers);
            }
        }
        for (ActorRef<Counter.Msg> s : topic.refs) {
            expectCount(s, PUBLICATIONS);
        }
    }

    @Benchmark
    public Object requestResponse() {
        return answer(broker.<Echo.Ping, Echo.Pong>request(ECHO, Echo.Ping::new, ASK_TIMEOUT).toCompletableFuture());
    }

    @Benchmark
    public Object askDirect() {
        return answer(echo.<Echo.Pong>ask(Echo.Ping::new, ASK_TIMEOUT).toCompletableFuture());
    }

    /** A system of its own per subscriber count, with that many counters subscribed to one topic. */
    @State(Scope.Benchmark)
    public static class Subscribers {
        static final TopicKey<Counter.Msg> TOPIC = TopicKey.of("bench.counted", Counter.Msg.class);

        @Param({"1", "10", "100"})
        int count;

        ActorSystem system;
        MessageBroker broker;
        List<ActorRef<Counter.Msg>> refs;

        @Setup(Level.Trial)
        public void subscribe() {
            system = ActorSystem.create("publish-benchmark");
            broker = MessageBroker.of(system);
            refs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ActorRef<Counter.Msg> ref = system.spawn("subscriber-" + i, Counter::new);
                broker.subscribe(TOPIC, ref);
                refs.add(ref);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            system.close();
        }
    }

    /** Asked after the sends, by the same thread: FIFO puts the report after them all. */
    private static void expectCount(ActorRef<Counter.Msg> target, long expected) {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        target.tell(new Counter.Report(reply));
        long actual = await(reply, "the count of " + target);
        if (actual != expected) {
            throw new IllegalStateException(target + " counted " + actual + " messages, expected " + expected
                    + " (lost or duplicated messages)");
        }
    }

    private static Echo.Pong answer(CompletableFuture<Echo.Pong> reply) {
        return await(reply, "a reply from the echo actor");
    }

    private static <T> T await(CompletableFuture<T> reply, String what) {
        try {
            return reply.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out waiting for " + what + " (lost message or stuck actor)", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + what, e);
        }
    }


    /** Answers each ping with a pong. */
    static final class Echo implements Actor<Echo.Ping> {
        record Ping(ActorRef<Pong> replyTo) {}

        record Pong() {}

        static final Pong PONG = new Pong();

        @Override
        public void receive(Ping ping, ActorContext<Ping> ctx) {
            ping.replyTo().tell(PONG);
        }
    }
}

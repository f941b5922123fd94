package io.otp4j.testkit;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.Props;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An actor system for one test, with probes and, optionally, manual time.
 *
 * <pre>{@code
 * try (var kit = ActorTestKit.create()) {
 *     TestProbe<Long> probe = kit.createTestProbe();
 *     var counter = kit.spawn(Counter::new);
 *     counter.tell(new Counter.Get(probe.ref()));
 *     probe.expectMessage(0L);
 * }
 * }</pre>
 *
 * <p>Threads: create and close from the test thread; the system itself is thread-safe.
 */
public final class ActorTestKit implements AutoCloseable {

    private static final AtomicInteger SYSTEMS = new AtomicInteger();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final ActorSystem system;
    private final ManualScheduler manualScheduler;
    private final AtomicInteger probes = new AtomicInteger();

    private ActorTestKit(ActorSystemSettings settings, ManualScheduler manualScheduler) {
        this.system = ActorSystem.create("test-" + SYSTEMS.incrementAndGet(), settings);
        this.manualScheduler = manualScheduler;
    }

    /** @return a test kit with real time and default settings */
    public static ActorTestKit create() {
        return create(ActorSystemSettings.defaults());
    }

    /**
     * @param settings the system settings to use
     * @return a test kit with those settings
     */
    public static ActorTestKit create(ActorSystemSettings settings) {
        return new ActorTestKit(settings, null);
    }

    /** @return a test kit whose clock moves only through {@link #manualTime()} */
    public static ActorTestKit withManualTime() {
        return withManualTime(ActorSystemSettings.defaults());
    }

    /**
     * @param settings the system settings to use (their scheduler is replaced)
     * @return a test kit with manual time and those settings
     */
    public static ActorTestKit withManualTime(ActorSystemSettings settings) {
        ManualScheduler scheduler = new ManualScheduler();
        return new ActorTestKit(settings.withScheduler(() -> scheduler), scheduler);
    }

    /** @return the system under test */
    public ActorSystem system() {
        return system;
    }

    /**
     * @return the manual scheduler
     * @throws IllegalStateException if this kit runs on real time
     */
    public ManualScheduler manualTime() {
        return Optional.ofNullable(manualScheduler)
                .orElseThrow(() -> new IllegalStateException("this test kit runs on real time; use withManualTime()"));
    }

    /**
     * @param factory builds the actor
     * @param <M> its message type
     * @return a new top-level anonymous actor
     */
    public <M> ActorRef<M> spawn(Supplier<? extends Actor<M>> factory) {
        return system.spawnAnonymous(factory);
    }

    /**
     * @param name its name
     * @param factory builds the actor
     * @param <M> its message type
     * @return a new top-level actor
     */
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory) {
        return system.spawn(name, factory);
    }

    /**
     * @param name its name
     * @param factory builds the actor
     * @param props mailbox and dispatcher
     * @param <M> its message type
     * @return a new top-level actor
     */
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory, Props props) {
        return system.spawn(name, factory, props);
    }

    /**
     * @param <M> the message type the probe accepts
     * @return a new probe with the default 5 s timeout
     */
    public <M> TestProbe<M> createTestProbe() {
        return new TestProbe<>(system, "probe-" + probes.incrementAndGet(), DEFAULT_TIMEOUT);
    }

    /**
     * @param type the message type, for inference only
     * @param <M> the message type the probe accepts
     * @return a new probe
     */
    public <M> TestProbe<M> createTestProbe(Class<M> type) {
        return createTestProbe();
    }

    /** Shuts the system down (see {@link ActorSystem#close()}). */
    @Override
    public void close() {
        system.close();
    }
}

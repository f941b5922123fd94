package io.otp4j.actor;

import io.otp4j.broker.InMemoryMessageBroker;
import io.otp4j.broker.MessageBroker;
import io.otp4j.event.EventStream;
import io.otp4j.internal.SystemRuntime;
import io.otp4j.introspect.SystemSnapshot;
import io.otp4j.registry.Registry;
import io.otp4j.timer.Scheduler;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A tree of actors with the threads that run them. Top-level actors live under {@code /user}.
 *
 * <pre>{@code
 * try (var system = ActorSystem.create("demo")) {
 *     ActorRef<Counter.Msg> counter = system.spawn("counter-1", Counter::new);
 *     counter.tell(new Counter.Increment(1));
 * }
 * }</pre>
 *
 * <p>Threads: every method may be called from any thread. {@link #close()} stops all actors top-down
 * (children before parents, youngest sibling first), runs every {@code postStop}, waits at most the
 * configured shutdown timeout, and releases the threads; spawning after that throws
 * {@link SystemTerminatedException}.
 */
public final class ActorSystem implements AutoCloseable {

    private final SystemRuntime runtime;
    private final ActorSystemSettings settings;
    private final Registry registry;
    private final MessageBroker broker;

    private ActorSystem(String name, ActorSystemSettings settings) {
        this.settings = settings;
        Scheduler scheduler = Objects.requireNonNull(settings.scheduler().get(), "scheduler supplier returned null");
        this.runtime = new SystemRuntime(this, name, settings.throughput(),
                settings.dispatcher().orElse(null), scheduler, settings.monitor(), settings.loggingContext());
        // neither uses the system before it is constructed: they only keep the reference
        this.registry = Registry.create(this);
        this.broker = InMemoryMessageBroker.create(this, registry);
    }

    /**
     * @param name the system's name, used in addresses and thread names; letters, digits, {@code -_.}
     * @return a new running system with default settings
     */
    public static ActorSystem create(String name) {
        return create(name, ActorSystemSettings.defaults());
    }

    /**
     * @param name the system's name
     * @param settings how the system runs
     * @return a new running system
     */
    public static ActorSystem create(String name, ActorSystemSettings settings) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(settings, "settings must not be null");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("invalid system name '" + name + "': use letters, digits, '.', '_', '-'");
        }
        return new ActorSystem(name, settings);
    }

    /** @return the system's name */
    public String name() {
        return runtime.name();
    }

    /**
     * Spawns a named top-level actor, at {@code /user/<name>}.
     *
     * @param name unique among live top-level actors; not empty, no {@code /}, not starting with {@code $}
     * @param factory builds a fresh instance, at start and at each restart
     * @param <M> the actor's message type
     * @return its ref
     * @throws InvalidActorNameException if the name is malformed or taken
     * @throws SystemTerminatedException if the system is shutting down or terminated
     */
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory) {
        return spawn(name, factory, Props.defaults());
    }

    /**
     * Spawns a named top-level actor with options.
     *
     * @param name as {@link #spawn(String, Supplier)}
     * @param factory builds a fresh instance
     * @param props mailbox and dispatcher
     * @param <M> the actor's message type
     * @return its ref
     */
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory, Props props) {
        Objects.requireNonNull(name, "name must not be null");
        return runtime.spawnTopLevel(name, factory, props);
    }

    /**
     * Spawns a top-level actor with a generated name.
     *
     * @param factory builds a fresh instance
     * @param <M> the actor's message type
     * @return its ref
     */
    public <M> ActorRef<M> spawnAnonymous(Supplier<? extends Actor<M>> factory) {
        return runtime.spawnTopLevel(null, factory, Props.defaults());
    }

    /**
     * Spawns a top-level actor with a generated name and options.
     *
     * @param factory builds a fresh instance
     * @param props mailbox and dispatcher
     * @param <M> the actor's message type
     * @return its ref
     */
    public <M> ActorRef<M> spawnAnonymous(Supplier<? extends Actor<M>> factory, Props props) {
        return runtime.spawnTopLevel(null, factory, props);
    }

    /**
     * Stops any actor of this system with {@link ExitReason#SHUTDOWN}: children first, then
     * {@code postStop}. Asynchronous; watch the actor to know when it is done.
     *
     * @param ref the actor
     */
    public void stop(ActorRef<?> ref) {
        runtime.stop(ref);
    }

    /**
     * Kills an actor after its current message: children are killed, no {@code postStop} runs, and
     * watchers and links see {@link ExitReason.Killed}.
     *
     * @param ref the actor
     */
    public void kill(ActorRef<?> ref) {
        runtime.kill(ref);
    }

    /** @return the bus for runtime events such as dead letters */
    public EventStream eventStream() {
        return runtime.eventStream();
    }

    /**
     * @return this system's registry of unique names and process groups; names and memberships are
     *     released when their actor terminates
     */
    public Registry registry() {
        return registry;
    }

    /**
     * @return this system's message broker (point-to-point by name, publish-subscribe by topic,
     *     request-response); the embedded {@link InMemoryMessageBroker}
     */
    public MessageBroker broker() {
        return broker;
    }

    /**
     * @return the scheduler behind timers, ask timeouts and expiry. Tasks scheduled on it directly run
     *     on a thread of their own, never on the one that fires the runtime's timers
     */
    public Scheduler scheduler() {
        return runtime.scheduler();
    }

    /**
     * Walks the live actor tree without stopping anything: paths, actor classes, states, mailbox depths,
     * restart and processed counts. Cheap enough to call every second on a large system: about 26 ms and
     * 9 MB for 100,000 actors ({@code IntrospectionBenchmark}; see {@code docs/how-to/observe.md}).
     *
     * @return the tree as it is now
     */
    public SystemSnapshot snapshot() {
        return runtime.snapshot();
    }

    /** @return the settings this system was created with */
    public ActorSystemSettings settings() {
        return settings;
    }

    /** @return a stage that completes when every actor has terminated */
    public CompletionStage<Void> whenTerminated() {
        return runtime.whenTerminated().minimalCompletionStage();
    }

    /**
     * Stops every actor (top-down, youngest sibling first, each {@code postStop} run), waits at most the
     * configured shutdown timeout, then releases the threads. Idempotent.
     */
    @Override
    public void close() {
        runtime.shutdown(settings.shutdownTimeout());
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name() + "]";
    }
}

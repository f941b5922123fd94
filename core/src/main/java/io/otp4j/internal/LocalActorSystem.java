package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.EventStream;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.actor.ShutdownReport;
import io.otp4j.actor.SystemSnapshot;
import io.otp4j.monitor.Monitor;
import io.otp4j.timer.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one implementation of {@link ActorSystem}: the public methods over a {@link SystemRuntime}, plus the
 * features built on the system (registry, broker), each made on first use and kept for the system's life.
 *
 * <p>Threads: every method may be called from any thread.
 */
final class LocalActorSystem extends ActorSystem {

    private final SystemRuntime runtime;
    private final ActorSystemSettings settings;
    private final ConcurrentHashMap<Class<?>, Object> features = new ConcurrentHashMap<>();

    LocalActorSystem(String name, ActorSystemSettings given) {
        // in effect: the size of the system's own pool is filled in when left to the system
        this.settings = given.dispatcher().isPresent() || given.parallelism().isPresent() ? given
                : given.withParallelism(SystemRuntime.defaultParallelism());
        Scheduler scheduler = Objects.requireNonNull(given.scheduler().get(), "scheduler supplier returned null");
        try {
            this.runtime = new SystemRuntime(this, name, given.throughput(),
                    given.dispatcher().orElse(null), settings.parallelism().orElse(0), scheduler,
                    given.setting(Monitor.class).orElse(Monitor.noop()), given.loggingContext(),
                    given.defaultMailbox(), given.maxActors().orElse(Integer.MAX_VALUE));
        } catch (RuntimeException | Error e) {
            scheduler.close(); // the runtime owns it only once built; without this its thread would be left running
            throw e;
        }
    }

    SystemRuntime runtime() {
        return runtime;
    }

    /**
     * @return the feature of that type, made by {@code factory} on first use; one per system
     */
    <T> T feature(Class<T> type, Function<ActorSystem, ? extends T> factory) {
        Object found = features.get(type);
        if (found == null) {
            found = features.computeIfAbsent(type, t -> factory.apply(this));
        }
        return type.cast(found);
    }

    @Override
    public String name() {
        return runtime.name();
    }

    @Override
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory, Props props) {
        Objects.requireNonNull(name, "name must not be null");
        return runtime.spawnTopLevel(name, factory, props);
    }

    @Override
    public <M> ActorRef<M> spawnAnonymous(Supplier<? extends Actor<M>> factory, Props props) {
        return runtime.spawnTopLevel(null, factory, props);
    }

    @Override
    public CompletionStage<ExitReason> stop(ActorRef<?> ref) {
        return runtime.stop(ref).minimalCompletionStage();
    }

    @Override
    public void kill(ActorRef<?> ref) {
        runtime.kill(ref);
    }

    @Override
    public EventStream eventStream() {
        return runtime.eventStream();
    }

    @Override
    public Scheduler scheduler() {
        return runtime.scheduler();
    }

    @Override
    public SystemSnapshot snapshot() {
        return runtime.snapshot();
    }

    @Override
    public ActorSystemSettings settings() {
        return settings;
    }

    @Override
    public CompletionStage<ShutdownReport> whenTerminated() {
        return runtime.whenTerminated().minimalCompletionStage();
    }

    @Override
    public ShutdownReport shutdown(Duration timeout) {
        return runtime.shutdown(timeout);
    }
}

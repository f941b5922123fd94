package io.otp4j.internal;

import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemProvider;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.dispatch.DispatcherProvider;

/**
 * The bootstrap: how the API packages, which name no implementation, reach this runtime. Declared in
 * {@code module-info} ({@code provides}) and in {@code META-INF/services} for the class path; found once by
 * {@link ActorSystem#create} and {@link Dispatcher#workStealing}. Public only because the service loader
 * instantiates it; not exported.
 */
public final class RuntimeProvider implements ActorSystemProvider, DispatcherProvider {

    /** For the service loader. */
    public RuntimeProvider() {}

    @Override
    public ActorSystem create(String name, ActorSystemSettings settings) {
        return new LocalActorSystem(name, settings);
    }

    @Override
    public Dispatcher workStealing(String name, int parallelism) {
        return new WorkStealingDispatcher(name, parallelism);
    }
}

package io.otp4j.actor;

/**
 * Service-provider interface through which {@link ActorSystem#create} finds the runtime: this package holds
 * the API only, so it names no implementation, and the runtime module declares itself with
 * {@code provides io.otp4j.actor.ActorSystemProvider} (and {@code META-INF/services} on the class path).
 * Not for applications: otp4j's own runtime is the only provider, looked up once per class loader.
 */
public interface ActorSystemProvider {

    /**
     * @param name a valid system name (checked by the caller)
     * @param settings the settings, not null
     * @return a new running system
     */
    ActorSystem create(String name, ActorSystemSettings settings);
}

package io.otp4j.dispatch;

/**
 * Service-provider interface through which {@link Dispatcher#workStealing} finds the runtime's pool: this
 * package holds the API only, so it names no implementation, and the runtime module declares itself with
 * {@code provides io.otp4j.dispatch.DispatcherProvider}. Not for applications: otp4j's own runtime is the
 * only provider, looked up once.
 */
public interface DispatcherProvider {

    /**
     * @param name a prefix for thread names
     * @param parallelism the number of threads; at least 1
     * @return a new work-stealing pool, owned by the caller
     */
    Dispatcher workStealing(String name, int parallelism);
}

package io.otp4j.actor;

import java.util.Objects;
import java.util.Optional;

/**
 * A setting that takes part in the system's life, for a package built above this one: a transport that
 * joins the system to a cluster when it starts and leaves when it terminates (as {@code otp4j-nats}'s
 * {@code NatsDistribution}), so that the application's code is the same on one JVM and on many; only the
 * settings differ.
 *
 * <pre>{@code
 * ActorSystem system = ActorSystem.create("shop", ActorSystemSettings.defaults().with(extension));
 * }</pre>
 *
 * <p>{@link ActorSystem#create(String, ActorSystemSettings)} starts each extension set with
 * {@link ActorSystemSettings#with(SystemSetting)}, in the order their types were first set, once the system
 * runs and before {@code create} returns, on the calling thread. When the system has terminated, what each
 * {@link #start} returned is closed, in the reverse order, on the thread that completes the termination; a
 * failure to close is logged and does not stop the others from closing.
 *
 * <p>A {@code start} that throws fails {@code create}: the extensions already started are closed, the system is
 * closed, and the exception is thrown to the caller.
 *
 * <h2>Features it provides</h2>
 * An extension may also {@link #provide} the system's implementation of a feature: the object that
 * {@code Registry.of(system)} or {@code MessageBroker.of(system)} returns, say, so that those calls reach a
 * cluster when the extension is set and stay local when it is not. The runtime asks each extension in the
 * settings, in order, once, when the feature is first used (which may be before or after {@link #start});
 * the first that provides one wins, and the runtime's own implementation is made only if none does. The
 * provided implementation must keep the feature interface's contract, or say in its own Javadoc precisely
 * where it cannot (what a network cannot promise) and throw a typed exception where a call is impossible.
 */
public interface SystemExtension extends SystemSetting {

    /**
     * Starts the extension for a system that has just been created.
     *
     * @param system the running system, which no application code has seen yet
     * @return what to close when the system has terminated; never null
     */
    AutoCloseable start(ActorSystem system);

    /**
     * The implementation this extension provides for one of the system's features, in place of the runtime's
     * own; none by default. Called at most once per system and feature, when the feature is first used, from
     * whichever thread uses it; the result is kept for the system's life.
     *
     * <p>It must not ask for a feature of the system itself ({@code Registry.of(system)} inside
     * {@code provide} fails or deadlocks): an implementation that needs one gets it later, at its first call.
     *
     * @param system the system, which may not have started this extension yet
     * @param feature the feature's type, e.g. {@code io.otp4j.registry.Registry}
     * @param <T> that type
     * @return the implementation, an instance of {@code feature}; or empty to leave the feature to the next
     *     extension, and then to the runtime
     */
    default <T> Optional<T> provide(ActorSystem system, Class<T> feature) {
        return Optional.empty();
    }

    /**
     * The implementation of a feature that the extensions in a system's settings provide ({@link #provide}),
     * the first in the settings' order that provides one; how the runtime makes {@code Registry.of(system)}
     * and the other features, and not for applications.
     *
     * @param system the system
     * @param feature the feature's type
     * @param <T> that type
     * @return what the first extension provides, or empty if none does
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if an extension provides something that is not a {@code feature} (the
     *     message names both)
     */
    static <T> Optional<T> provided(ActorSystem system, Class<T> feature) {
        Objects.requireNonNull(system, "system must not be null");
        Objects.requireNonNull(feature, "feature must not be null");
        for (SystemExtension extension : system.settings().systemExtensions()) {
            Optional<T> found = Objects.requireNonNull(extension.provide(system, feature),
                    () -> extension + ".provide returned null");
            if (found.isPresent()) {
                if (!feature.isInstance(found.get())) {
                    throw new IllegalStateException(extension + " provided " + found.get() + " for "
                            + feature.getName() + ", which is not one");
                }
                return found;
            }
        }
        return Optional.empty();
    }
}

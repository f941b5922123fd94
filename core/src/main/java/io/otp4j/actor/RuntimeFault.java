package io.otp4j.actor;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * A bug in otp4j itself: the runtime caught an exception in its own code (not in an actor's), logged it at
 * ERROR, and terminated the actor concerned as killed, so its parent and watchers hear of it. Published on
 * the system's {@link EventStream} and handed to every process-wide listener ({@link #listen}).
 *
 * <p>A correct runtime never produces one: test suites fail any test during which one occurred (the
 * testkit's {@code RuntimeFaultsExtension} does this).
 *
 * @param system the actor system's name
 * @param actor the actor whose run failed
 * @param cause what was thrown
 */
public record RuntimeFault(String system, ActorPath actor, Throwable cause) {

    private static final Set<Consumer<? super RuntimeFault>> LISTENERS = new CopyOnWriteArraySet<>();

    /** Validates the components. */
    public RuntimeFault {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * Listens to the runtime faults of every actor system in this JVM, for test tooling.
     *
     * @param listener called on the thread where the fault happened; must not block or throw
     * @return closes the subscription
     */
    public static AutoCloseable listen(Consumer<? super RuntimeFault> listener) {
        Objects.requireNonNull(listener, "listener");
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /**
     * Reports a fault to the process-wide listeners; for the runtime's own use.
     *
     * @param fault the fault
     */
    public static void report(RuntimeFault fault) {
        for (Consumer<? super RuntimeFault> l : LISTENERS) {
            try {
                l.accept(fault);
            } catch (RuntimeException ignored) {
                // a listener must not break the runtime's recovery
            }
        }
    }
}

package io.otp4j.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A counter registered on its first increment, so that events which never happen (most actors never
 * fail) add no series, and removable without a leak even if an increment races the removal.
 *
 * <p>Threads: any. Two threads registering at once get the same counter from the registry.
 * <p>Ordering: {@link #increment} publishes the counter, then reads {@code removed}; {@link #remove} sets
 * {@code removed}, then reads the counter. Both are volatile, so at least one side sees the other and a
 * counter registered during a removal is removed again by whichever side comes second.
 */
final class LazyCounter {

    private final MeterRegistry registry;
    private final Counter.Builder builder;
    private volatile Counter counter;
    private volatile boolean removed;

    LazyCounter(MeterRegistry registry, Counter.Builder builder) {
        this.registry = registry;
        this.builder = builder;
    }

    void increment() {
        Counter c = counter;
        if (c == null) {
            c = builder.register(registry);
            counter = c;
            if (removed) {
                registry.remove(c); // an event that arrived after its actor's meters were removed
            }
        }
        c.increment();
    }

    void remove() {
        removed = true;
        Counter c = counter;
        if (c != null) {
            registry.remove(c);
        }
    }
}

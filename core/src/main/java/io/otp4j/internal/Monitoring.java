package io.otp4j.internal;

import io.otp4j.actor.ActorSystem;
import io.otp4j.monitor.Monitor;
import io.otp4j.monitor.MonitorEvent;
import io.otp4j.timer.Scheduler;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the runtime talks to the installed {@link Monitor}. The runtime asks {@link #enabled()} or
 * {@link #tracing()} before it builds an event, so with {@link Monitor#noop()} it builds none: the cost is one
 * predictable branch on a final field.
 *
 * <p>{@link #COMPILED_IN} is the stronger switch: with {@code -Dotp4j.monitoring=off} it is a constant
 * false that the JIT folds, removing every monitoring branch from compiled code, as if the runtime had
 * no monitoring code at all. It exists to measure what the branches cost (see the
 * {@code MonitorOverheadBenchmark}); it also disables any installed monitor.
 *
 * <p>One instance per system, so {@link Monitor#tracesMessages()} is read once and the failure log limit is
 * shared. Internal: the supervisor, registry and broker packages use it through {@link #of(ActorSystem)}.
 */
final class Monitoring {

    /**
     * False only with {@code -Dotp4j.monitoring=off}: every hook (monitor events, Flight Recorder events, the
     * logging context) is then dead code.
     */
    public static final boolean COMPILED_IN = !"off".equalsIgnoreCase(System.getProperty("otp4j.monitoring"));

    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);
    private static final int LOGGED_FAILURES = 10;

    private final Monitor monitor;
    private final Scheduler clock;
    private final boolean enabled;
    private final boolean tracing;
    private final AtomicLong failures = new AtomicLong();

    Monitoring(Monitor monitor, Scheduler clock) {
        this.monitor = monitor;
        this.clock = clock;
        this.enabled = COMPILED_IN && monitor != Monitor.noop();
        this.tracing = enabled && tracesMessages(monitor);
    }

    /** @return the timestamp of an event happening now, on the system's clock (its scheduler's) */
    Instant now() {
        return clock.now();
    }

    /** Unlike {@code onEvent}, a failure here is not swallowed: it is a broken setting, refused at create. */
    private static boolean tracesMessages(Monitor monitor) {
        try {
            return monitor.tracesMessages();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("monitor " + monitor + " threw from tracesMessages(), which the "
                    + "system reads once as it is created; the system was not created", e);
        }
    }

    /**
     * Each system's one instance, for the packages around the runtime. Weak both ways, so closed systems
     * go: the runtime holds its instance strongly, and the value must not hold the key (a monitor may well
     * reference the system's actors, which reference the system).
     */
    private static final Map<ActorSystem, WeakReference<Monitoring>> BY_SYSTEM =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param system an actor system
     * @return the system's monitoring (the runtime's own instance), for the packages around the runtime
     */
    public static Monitoring of(ActorSystem system) {
        WeakReference<Monitoring> ref = BY_SYSTEM.get(system);
        Monitoring m = ref == null ? null : ref.get();
        if (m == null) {
            throw new IllegalStateException(system + " has no runtime yet");
        }
        return m;
    }

    /** Called once by the runtime, before the system is shared. */
    static void register(ActorSystem system, Monitoring monitoring) {
        BY_SYSTEM.put(system, new WeakReference<>(monitoring));
    }

    /** @return true if a real monitor is installed: lifecycle, supervision and overflow events are wanted */
    public boolean enabled() {
        return enabled;
    }

    /** @return true if per-message events are wanted too */
    public boolean tracing() {
        return tracing;
    }

    /**
     * Hands an event to the monitor; what the monitor throws is logged (the first few times) and dropped.
     *
     * @param event the event
     */
    public void emit(MonitorEvent event) {
        try {
            monitor.onEvent(event);
        } catch (Throwable t) {
            long n = failures.incrementAndGet();
            if (n <= LOGGED_FAILURES) {
                LOG.warn("monitor {} threw on {} (failure {}; the first {} are logged)", monitor, event.kind(), n,
                        LOGGED_FAILURES, t);
            }
        }
    }
}

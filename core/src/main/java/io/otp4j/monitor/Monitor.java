package io.otp4j.monitor;

import io.otp4j.actor.SystemSetting;
import java.util.List;

/**
 * Receives a running system's {@link MonitorEvent}s. Install one with
 * {@link io.otp4j.actor.ActorSystemSettings#with(io.otp4j.actor.SystemSetting)}; the default is {@link #noop()}.
 *
 * <p>Thread-safety and cost: {@link #onEvent} is called synchronously on the thread where the event happens
 * (an actor's dispatcher thread, a sender's thread, a supervisor's thread), from many threads at once. It
 * must be thread-safe, quick and non-blocking; hand heavy work to another thread. An exception it throws
 * is caught and logged, and never reaches the actor or sender.
 *
 * <p>Per-message events ({@link EventKind#isPerMessage()}) are built only if {@link #tracesMessages()} is
 * true when the system starts; they multiply the cost of a message several times over, so leave them off
 * in production unless you need them.
 */
public interface Monitor extends SystemSetting {

    /** @return {@code Monitor.class}: a system has one monitor (combine several with {@link #of}) */
    @Override
    default Class<Monitor> settingType() {
        return Monitor.class;
    }

    /**
     * Called for each event.
     *
     * @param event what happened
     */
    void onEvent(MonitorEvent event);

    /**
     * Read once, when the system starts. Unlike {@link #onEvent}, it may not fail: if it throws, the system is
     * not created ({@code ActorSystem.create} throws an {@link IllegalArgumentException} with the exception as
     * its cause, and leaves no thread running).
     *
     * @return true to receive per-message events too (received, processed, enqueued, dequeued, published,
     *     routed); false (the default) for lifecycle, supervision, overflow, broker and system events only
     */
    default boolean tracesMessages() {
        return false;
    }

    /**
     * @return the monitor that ignores everything; the runtime recognises it and builds no events at all, so
     *     it costs nothing
     */
    static Monitor noop() {
        return NoopMonitor.INSTANCE;
    }

    /**
     * @param monitors the monitors to feed, in order
     * @return a monitor that passes every event to each of them; per-message events go only to those that
     *     trace messages, and one that throws does not keep the event from the others
     */
    static Monitor of(Monitor... monitors) {
        List<Monitor> list = List.of(monitors);
        if (list.isEmpty()) {
            return noop();
        }
        return list.size() == 1 ? list.getFirst() : new CompositeMonitor(list);
    }
}

package io.otp4j.monitor;

/** Ignores everything; the runtime compares against it by identity and then emits nothing at all. */
enum NoopMonitor implements Monitor {
    INSTANCE;

    @Override
    public void onEvent(MonitorEvent event) {}

    @Override
    public String toString() {
        return "Monitor.noop()";
    }
}

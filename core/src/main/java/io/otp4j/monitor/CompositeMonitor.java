package io.otp4j.monitor;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to several monitors; per-message events only to those that trace messages. */
final class CompositeMonitor implements Monitor {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeMonitor.class);

    private final Monitor[] all;
    private final Monitor[] tracing;

    CompositeMonitor(List<Monitor> monitors) {
        this.all = monitors.toArray(Monitor[]::new);
        this.tracing = monitors.stream().filter(Monitor::tracesMessages).toArray(Monitor[]::new);
    }

    @Override
    public void onEvent(MonitorEvent event) {
        for (Monitor m : event.kind().isPerMessage() ? tracing : all) {
            try {
                m.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("monitor {} failed on {}", m, event.kind(), e);
            }
        }
    }

    @Override
    public boolean tracesMessages() {
        return tracing.length > 0;
    }

    @Override
    public String toString() {
        return "Monitor.of" + List.of(all);
    }
}

package io.otp4j.monitor;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to several monitors; per-message events only to those that trace messages. */
final class CompositeMonitor implements Monitor {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeMonitor.class);

    private static final int LOGGED_FAILURES = 10;

    private final Monitor[] all;
    private final Monitor[] tracing;
    private final AtomicLong failures = new AtomicLong();

    CompositeMonitor(List<Monitor> monitors) {
        this.all = monitors.toArray(Monitor[]::new);
        this.tracing = monitors.stream().filter(Monitor::tracesMessages).toArray(Monitor[]::new);
    }

    @Override
    public void onEvent(MonitorEvent event) {
        for (Monitor m : event.kind().isPerMessage() ? tracing : all) {
            try {
                m.onEvent(event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) { // one monitor's failure must not keep the event from the others
                long n = failures.incrementAndGet();
                if (n <= LOGGED_FAILURES) {
                    LOG.warn("monitor {} threw on {} (failure {}; the first {} are logged)", m, event.kind(), n,
                            LOGGED_FAILURES, t);
                }
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

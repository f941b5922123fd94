package io.otp4j.observer;

import io.otp4j.actor.ActorSystem;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Takes one snapshot per interval, indexes it for the page, and turns the differences between consecutive
 * snapshots into a chart point.
 *
 * <p>Threads: {@link #sample} runs on the observer's single sampling thread; {@link #index} may be read
 * from any thread (a volatile publication of an immutable index).
 *
 * <p>Pool utilisation is measured, not asked for: the CPU time of the threads named as the system's own
 * pool names its workers ({@code otp4j-<system>-worker-N}), over the wall time times their number. A
 * worker that waits for work uses no CPU, so this is the fraction of the pool that did work; a system
 * given its own dispatcher shows it as unknown.
 */
final class Sampler {

    private final ActorSystem system;
    private final EventHub hub;
    private final String workerPrefix;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTimeSupported;

    private volatile TreeIndex index;
    private long lastNanos;
    private long lastProcessed;
    private long lastRestarts;
    private long lastDeadLetters;
    private Map<Long, Long> lastCpu = new HashMap<>();

    Sampler(ActorSystem system, EventHub hub) {
        this.system = system;
        this.hub = hub;
        this.workerPrefix = "otp4j-" + system.name() + "-worker-";
        this.cpuTimeSupported = threads.isThreadCpuTimeSupported();
        if (cpuTimeSupported && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        TreeIndex first = TreeIndex.of(system.snapshot());
        this.index = first;
        this.lastNanos = System.nanoTime();
        this.lastProcessed = first.processedTotal();
        this.lastRestarts = first.restartTotal();
        this.lastDeadLetters = system.eventStream().deadLetterCount();
        this.lastCpu = workerCpu();
    }

    TreeIndex index() {
        return index;
    }

    /**
     * Takes a snapshot and publishes its index only, between samples: the tree changed (a supervision event),
     * and open pages should see it before the next chart point.
     */
    void reindex() {
        index = TreeIndex.of(system.snapshot());
        hub.publishTreeChanged();
    }

    /** Takes a snapshot, publishes its index and a chart point. */
    void sample() {
        TreeIndex next = TreeIndex.of(system.snapshot());
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        long processed = next.processedTotal();
        long restarts = next.restartTotal();
        long deadLetters = system.eventStream().deadLetterCount();
        Map<Long, Long> cpu = workerCpu();
        // actors that terminated take their counts with them, so a difference can dip below zero
        double messagesPerSecond = Math.max(0, processed - lastProcessed) / seconds;
        long newRestarts = Math.max(0, restarts - lastRestarts);
        double deadLettersPerSecond = Math.max(0, deadLetters - lastDeadLetters) / seconds;
        double utilisation = utilisation(cpu, now - lastNanos);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();

        index = next;
        lastNanos = now;
        lastProcessed = processed;
        lastRestarts = restarts;
        lastDeadLetters = deadLetters;
        lastCpu = cpu;
        hub.publishSample(new Sample(System.currentTimeMillis(), messagesPerSecond, deadLettersPerSecond,
                newRestarts, next.actorCount(), utilisation, heap.getUsed(), heap.getMax()));
    }

    private double utilisation(Map<Long, Long> cpu, long wallNanos) {
        if (cpu.isEmpty() || wallNanos <= 0) {
            return -1;
        }
        long busy = 0;
        for (Map.Entry<Long, Long> e : cpu.entrySet()) {
            busy += Math.max(0, e.getValue() - lastCpu.getOrDefault(e.getKey(), e.getValue()));
        }
        return Math.min(1.0, (double) busy / ((double) wallNanos * cpu.size()));
    }

    /** @return CPU nanoseconds by thread id, for the system pool's live workers */
    private Map<Long, Long> workerCpu() {
        Map<Long, Long> out = new HashMap<>();
        if (!cpuTimeSupported) {
            return out;
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(workerPrefix)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    out.put(info.getThreadId(), t);
                }
            }
        }
        return out;
    }
}

package io.otp4j.timer;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link Scheduler}: one daemon thread and {@link System#nanoTime()}.
 * Cancelled tasks are removed from the queue at once, so many cancelled ask timeouts cost no memory.
 */
final class SystemScheduler implements Scheduler {

    private final ScheduledThreadPoolExecutor executor;

    SystemScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "otp4j-scheduler");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable task) {
        return handle(executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS));
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        return handle(executor.scheduleAtFixedRate(
                task, Math.max(0, initialDelay.toNanos()), period.toNanos(), TimeUnit.NANOSECONDS));
    }

    private static Cancellable handle(ScheduledFuture<?> future) {
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

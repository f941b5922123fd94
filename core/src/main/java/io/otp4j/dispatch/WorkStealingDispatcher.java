package io.otp4j.dispatch;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default dispatcher: a {@link ForkJoinPool} in async (FIFO) mode. An actor run scheduled from one
 * of the pool's own threads is pushed on that thread's local queue (no contention, other threads steal);
 * from outside it goes through the pool's submission queues. Runs that are {@link ForkJoinTask}s are
 * submitted as they are, without a wrapper allocation.
 *
 * <p>Blocking: the pool may add up to 256 spare threads while one of its threads waits in
 * {@link ForkJoinPool#managedBlock}, which is how a blocked sender avoids starving the pool.
 */
final class WorkStealingDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkStealingDispatcher.class);

    private final ForkJoinPool pool;

    WorkStealingDispatcher(String name, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        AtomicInteger counter = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            ForkJoinWorkerThread t = new ForkJoinWorkerThread(null, p, true) {};
            t.setName(name + "-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        pool = new ForkJoinPool(parallelism, factory,
                (t, e) -> LOG.error("uncaught exception on dispatcher thread {}", t.getName(), e),
                true, 0, parallelism + 256, 1, null, 60, TimeUnit.SECONDS);
    }

    @Override
    public void execute(Runnable actorRun) {
        if (actorRun instanceof ForkJoinTask<?> task) {
            if (isDispatcherThread()) {
                task.fork();
            } else {
                pool.execute(task);
            }
        } else {
            pool.execute(actorRun);
        }
    }

    @Override
    public boolean isDispatcherThread() {
        return Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == pool;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "WorkStealingDispatcher" + pool;
    }
}

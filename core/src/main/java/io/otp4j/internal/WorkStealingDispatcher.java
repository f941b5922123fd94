package io.otp4j.internal;

import io.otp4j.dispatch.Dispatcher;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default dispatcher: a {@link ForkJoinPool} in async (FIFO) mode whose threads hand actors to each
 * other directly. Internal; create it with {@link Dispatcher#workStealing(String, int)}.
 *
 * <h2>Hand-off</h2>
 * When an actor run, on one of this pool's threads, makes another actor runnable (typically by telling
 * it), the second actor is not pushed on the pool's queue: it goes into the thread's one-slot
 * {@link Worker#handoff}, and runs on the same thread as soon as the current run returns. A request and
 * its reply then cost no queue push, no wake-up of an idle thread and no cache transfer between cores:
 * ping-pong runs at the speed of one thread. Only the newest runnable actor waits in the slot; an older
 * one is pushed on the local queue, where idle threads can steal it. After {@link #MAX_STREAK} runs in a
 * row handed off this way, the next one is pushed normally if other actors wait in this thread's queue or
 * in the pool's submission queues, so that a chain of hand-offs cannot starve them or keep the other
 * threads asleep; with nothing waiting the chain goes on (breaking it then would only invite another
 * thread to steal one of the pair, and a conversation split across two threads costs a wake-up per
 * message). A run that goes on to another
 * message, or blocks on a full mailbox, first releases the slot to the pool ({@link #releaseHandoff}),
 * so a hand-off delays an actor by one message at most.
 *
 * <p>From outside the pool, runs go through the pool's submission queues. Runs are {@link ForkJoinTask}s
 * (the cells themselves), so no wrapper is allocated per scheduling.
 *
 * <h2>Blocking</h2>
 * The pool may add up to 256 spare threads while one of its threads waits in
 * {@link ForkJoinPool#managedBlock}, which is how a blocked sender avoids starving the pool.
 */
public final class WorkStealingDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkStealingDispatcher.class);
    static final int MAX_STREAK = 64;

    private final ForkJoinPool pool;

    /** A pool thread with a one-actor hand-off slot. Fields: this thread only. */
    static final class Worker extends ForkJoinWorkerThread {
        private ActorCell<?> handoff;
        private ActorCell<?> current; // the cell whose run is on this thread, while draining
        private boolean draining;
        private int streak;

        Worker(ForkJoinPool pool) {
            super(null, pool, true);
        }

        /**
         * A chain of hand-offs yields after {@link #MAX_STREAK} runs, but only to work waiting in this
         * thread's own queue or submitted from outside the pool: with nothing waiting, breaking the chain
         * would only push the pair of actors
         * onto the queue for another thread to steal, splitting a conversation across two threads, where
         * every message then costs a wake-up.
         */
        boolean mayHandOff() {
            if (streak < MAX_STREAK) {
                return true;
            }
            if (ForkJoinTask.getQueuedTaskCount() == 0 && !getPool().hasQueuedSubmissions()) {
                streak = 0; // nothing to be fair to: go on
                return true;
            }
            return false;
        }

        /** Runs {@code first}, then whatever each run hands off, until the slot stays empty. */
        void drain(ActorCell<?> first) {
            draining = true;
            streak = 0;
            try {
                for (ActorCell<?> cell = first; cell != null; ) {
                    current = cell;
                    cell.run();
                    cell = handoff;
                    handoff = null;
                    streak++;
                }
            } finally {
                draining = false;
                current = null;
                ActorCell<?> left = handoff; // only if a run threw past its own guard
                handoff = null;
                if (left != null) {
                    left.fork();
                }
            }
        }
    }

    /** @return the actor whose run is on the current thread, or null off this dispatcher's threads */
    static ActorCell<?> currentCell() {
        return Thread.currentThread() instanceof Worker w ? w.current : null;
    }

    /**
     * Pushes the current thread's handed-off actor (if any) on the pool's queue, where idle threads can
     * take it: called before the current run does more work or blocks, so that the hand-off never
     * delays an actor by more than the one message being handled.
     */
    static void releaseHandoff() {
        if (Thread.currentThread() instanceof Worker w && w.handoff != null) {
            ActorCell<?> waiting = w.handoff;
            w.handoff = null;
            waiting.fork();
        }
    }

    /**
     * @param name a prefix for thread names
     * @param parallelism the number of threads; at least 1
     */
    public WorkStealingDispatcher(String name, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        AtomicInteger counter = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            Worker t = new Worker(p);
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
        if (Thread.currentThread() instanceof Worker w && w.getPool() == pool) {
            // an actor rescheduling itself (its batch is used up) goes behind the others: fairness
            if (actorRun instanceof ActorCell<?> cell && w.draining && cell != w.current && w.mayHandOff()) {
                ActorCell<?> older = w.handoff;
                w.handoff = cell;
                if (older != null) {
                    older.fork();
                }
            } else if (actorRun instanceof ForkJoinTask<?> task) {
                task.fork();
            } else {
                pool.execute(actorRun);
            }
        } else if (actorRun instanceof ForkJoinTask<?> task) {
            pool.execute(task);
        } else {
            pool.execute(actorRun);
        }
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

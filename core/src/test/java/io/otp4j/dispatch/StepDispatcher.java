package io.otp4j.dispatch;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dispatcher for tests that runs nothing by itself: it keeps each actor run it is handed until the test
 * runs it, on the test's thread. Interleavings that are races on a real dispatcher become steps: what is
 * pending when, how many runs the runtime asked for.
 *
 * <p>Threads: {@link #execute} from any thread; the rest from the test thread. Shared by the behaviour
 * tests of the dispatch and event packages.
 */
public final class StepDispatcher implements Dispatcher {

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger executions = new AtomicInteger();

    @Override
    public void execute(Runnable actorRun) {
        executions.incrementAndGet();
        pending.add(actorRun);
    }

    /** @return how many runs the runtime has handed over so far */
    public int executions() {
        return executions.get();
    }

    /** @return how many runs are waiting */
    public int pending() {
        return pending.size();
    }

    /**
     * Runs the oldest waiting run on this thread.
     *
     * @throws AssertionError if none is waiting
     */
    public void runNext() {
        Runnable run = pending.poll();
        if (run == null) {
            throw new AssertionError("no actor run is pending");
        }
        run.run();
    }

    /** Runs waiting runs, and those they schedule, until none is left. */
    public void runAll() {
        for (Runnable run; (run = pending.poll()) != null; ) {
            run.run();
        }
    }

    @Override
    public void close() {}
}

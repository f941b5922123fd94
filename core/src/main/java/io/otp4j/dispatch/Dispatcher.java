package io.otp4j.dispatch;

import java.util.concurrent.Executor;

/**
 * Runs actors: each time an actor has work, the runtime hands the dispatcher one task that processes a
 * batch of that actor's messages. The runtime guarantees that an actor's task is never handed over twice
 * at once, so an actor never runs on two threads at once.
 *
 * <p>Two dispatchers come built in: {@link #workStealing(String, int)}, the default, a few platform threads
 * shared by all actors, fed by one FIFO run queue, with a spare thread added while a thread is stuck in one
 * run and work waits; and {@link #virtualThreads()}, one virtual thread per run, for actors that block in
 * {@code receive} (file or network IO). The testkit adds a calling-thread dispatcher.
 *
 * <p>Threads: {@link #execute} may be called from any thread and must not block or run the task on the
 * caller (except a dispatcher made for tests that says so).
 *
 * <p>Refusal: {@link #execute} may throw {@link java.util.concurrent.RejectedExecutionException} (a closed
 * pool, a saturated executor). The actor concerned can then never run again, so the runtime ends it where it
 * stands, on the refusing thread and without running its code: it terminates with the refusal as its exit
 * reason ({@code ExitReason.Failed}), its parent, watchers and links are told, its children are killed, and
 * its messages, queued and later, go to dead letters. During a shutdown, the report names it
 * ({@code ShutdownReport.Outcome.REFUSED}).
 */
public interface Dispatcher extends Executor, AutoCloseable {

    /**
     * Schedules one run of an actor.
     *
     * @param actorRun the run; never throws
     */
    @Override
    void execute(Runnable actorRun);

    /**
     * Releases the dispatcher's threads; runs already started finish. The built-in pool refuses the runs it
     * accepted and has not started, as {@link #execute} refuses once closed (see Refusal above), so that no
     * actor is left scheduled for ever; a dispatcher of your own must not drop them either. Close a
     * dispatcher you gave to an actor system after the system, not before.
     */
    @Override
    void close();

    /**
     * @param name a prefix for thread names
     * @param parallelism the number of threads; at least 1
     * @return a new pool of platform threads with a shared FIFO run queue (the default kind of dispatcher),
     *     owned by the caller
     */
    static Dispatcher workStealing(String name, int parallelism) {
        return RuntimeLookup.DISPATCHERS.workStealing(name, parallelism);
    }

    /** @return the shared virtual-thread dispatcher: each actor run on a new virtual thread */
    static Dispatcher virtualThreads() {
        return VirtualThreadDispatcher.INSTANCE;
    }
}

package io.otp4j.dispatch;

import java.util.concurrent.Executor;

/**
 * Runs actors: each time an actor has work, the runtime {@linkplain #schedule schedules} one run of it, which
 * processes a batch of that actor's messages. The runtime guarantees that an actor is never scheduled twice
 * at once, so an actor never runs on two threads at once.
 *
 * <p>Two dispatchers come built in: {@link #workStealing(String, int)}, the default, a few platform threads
 * shared by all actors, fed by one FIFO run queue, with a spare thread added while a thread is stuck in one
 * run and work waits; and {@link #virtualThreads()}, one virtual thread per run, for actors that block in
 * {@code receive} (file or network IO). The testkit adds a calling-thread dispatcher.
 *
 * <h2>Writing one</h2>
 * The least a dispatcher implements is {@link #execute}, which runs a task on one of its threads: the
 * runtime then wraps each actor run in a task ({@link #schedule}'s default). A dispatcher that keeps actors
 * in queues of its own overrides {@link #schedule} to keep the actor's handle instead, with no task per run,
 * and may run the actor on the scheduling thread's own queue when that thread is one of its workers running
 * another actor (the default pool's hand-off); {@link #runContinues} and {@link #runWhileWaiting} are its
 * hooks into the running actor. A single-threaded scheduler that picks the next handle by a seeded random
 * choice and calls its runner would run a whole system deterministically: nothing here needs a thread of
 * its own or a clock.
 *
 * <p>Threads: {@link #schedule} and {@link #execute} may be called from any thread and must not block or
 * run the task on the caller (except a dispatcher made for tests that says so).
 *
 * <p>Refusal: {@link #schedule} (and {@link #execute} through it) may throw
 * {@link java.util.concurrent.RejectedExecutionException} (a closed pool, a saturated executor). The actor
 * concerned can then never run again, so the runtime ends it where it stands, on the refusing thread and
 * without running its code: it terminates with the refusal as its exit reason ({@code ExitReason.Failed}),
 * its parent, watchers and links are told, its children are killed, and its messages, queued and later, go
 * to dead letters. During a shutdown, the report names it ({@code ShutdownReport.Outcome.REFUSED}).
 */
public interface Dispatcher extends Executor, AutoCloseable {

    /**
     * Runs a task on one of this dispatcher's threads: an actor run wrapped by {@link #schedule}'s default,
     * or another task handed to this dispatcher as an {@link Executor}.
     *
     * @param task the task; an actor run never throws
     */
    @Override
    void execute(Runnable task);

    /**
     * Schedules one run of an actor: {@code runner.run(actor)}, later, on a thread of this dispatcher. The
     * default hands {@link #execute} a task that does that.
     *
     * @param actor the actor's handle: opaque, compared by identity only (see {@link ActorRunner})
     * @param runner what runs it, or rejects it if this dispatcher closes with it waiting
     * @param <A> the handle's type
     */
    default <A> void schedule(A actor, ActorRunner<A> runner) {
        execute(() -> runner.run(actor));
    }

    /**
     * Called by an actor's run on the calling thread, one of this dispatcher's, when it goes on with more work
     * (its next message) or is about to wait: whatever this dispatcher set aside to run next on this thread
     * should not wait for it. The default does nothing.
     */
    default void runContinues() {}

    /**
     * Called when the calling thread is about to wait for {@code actor} to make progress (a sender blocked on
     * its full mailbox): if the actor's run is waiting for a thread of this dispatcher, and the calling thread
     * is one, the dispatcher may run it here, nested in the caller's run, so that the actor its waiting
     * senders depend on is never starved of threads by them. The default runs nothing.
     *
     * @param actor the actor's handle
     * @param runner what runs it
     * @param <A> the handle's type
     * @return true if it ran the actor (the caller then looks again before it waits)
     */
    default <A> boolean runWhileWaiting(A actor, ActorRunner<A> runner) {
        return false;
    }

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

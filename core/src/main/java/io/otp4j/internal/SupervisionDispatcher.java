package io.otp4j.internal;

import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.internal.RuntimeAccess.SupervisingActor;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One system's dispatcher for supervisors: a small {@link WorkStealingDispatcher} of platform threads of
 * its own, created when the first supervisor is spawned and released with the system.
 *
 * <h2>Why supervisors do not share a dispatcher with user actors</h2>
 * A supervisor blocks its thread while it waits for a child (to start, to stop), and it must answer, restart
 * and escalate however busy the user actors are. On the shared virtual-thread dispatcher it would not run at
 * all while user actors hold every carrier thread (a virtual thread that computes, or waits for a class to
 * initialise, is never taken off its carrier); on the default dispatcher it would wait its turn behind every
 * actor in the run queue. On threads of their own, supervisors are time-sliced by the operating system
 * against the user actors' threads: their latency is bounded by OS scheduling, not by what user actors do.
 * The pool's sentinel starts spare threads while supervisors block waiting for children, so supervisors that
 * wait do not hold up the others.
 *
 * <h2>How Props name it</h2>
 * The system is known only at spawn, so {@link io.otp4j.supervisor.Supervisor#props()} carries
 * {@link #PLACEHOLDER}, which {@link #resolve} replaces with the system's pool. A supervisor spawned without
 * any dispatcher (its factory is a {@link SupervisingActor.Factory}) goes to the pool too; a dispatcher
 * chosen explicitly is kept.
 *
 * <h2>Threads</h2>
 * {@link #resolve} from any spawning thread; {@link #shutdownNow} once, from the thread that releases the
 * system. Both under {@link #lock}, so no pool is created after the release.
 */
final class SupervisionDispatcher {

    /** The pool's size before spares: supervisors mostly wait, they seldom compute. */
    static final int PARALLELISM = 2;

    /** Stands in {@link Props} for the supervision dispatcher of whichever system the actor is spawned in. */
    static final Dispatcher PLACEHOLDER = new Dispatcher() {
        @Override
        public void execute(Runnable actorRun) {
            // reached only after the system was released, or if someone calls it directly: runs nothing
            throw new RejectedExecutionException("the supervision dispatcher of Supervisor.props() runs actors only "
                    + "through an actor system's spawn, and only until the system is shut down");
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
            return "SupervisionDispatcher[the spawning system's]";
        }
    };

    private final String name;
    private final Object lock = new Object();
    private volatile WorkStealingDispatcher pool;
    private boolean released; // under lock

    /** @param name the prefix of the pool's thread names */
    SupervisionDispatcher(String name) {
        this.name = name;
    }

    /**
     * @param props the spawn's props
     * @param factory the spawn's factory
     * @param defaultDispatcher the system's default dispatcher
     * @return the dispatcher the actor runs on
     */
    Dispatcher resolve(Props props, Supplier<?> factory, Dispatcher defaultDispatcher) {
        Dispatcher chosen = props.dispatcher().orElse(null);
        if (chosen == PLACEHOLDER || (chosen == null && factory instanceof SupervisingActor.Factory)) {
            return pool();
        }
        return chosen != null ? chosen : defaultDispatcher;
    }

    private Dispatcher pool() {
        WorkStealingDispatcher p = pool;
        if (p != null) {
            return p;
        }
        synchronized (lock) {
            if (released) {
                return PLACEHOLDER; // a spawn that raced with the release: its scheduling is rejected and drained
            }
            if (pool == null) {
                pool = new WorkStealingDispatcher(name, PARALLELISM);
            }
            return pool;
        }
    }

    /**
     * Releases the pool, if one was created; no pool is created afterwards.
     *
     * @return the actor runs that were waiting in it, not run
     */
    List<Runnable> shutdownNow() {
        synchronized (lock) {
            released = true;
            WorkStealingDispatcher p = pool;
            return p == null ? List.of() : p.shutdownNow();
        }
    }
}

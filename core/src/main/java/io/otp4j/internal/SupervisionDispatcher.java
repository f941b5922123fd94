package io.otp4j.internal;

import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.internal.RuntimeAccess.SupervisingActor;
import io.otp4j.mailbox.MailboxConfig;
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
 * The system is known only at spawn, so {@link #PROPS}, the props supervisors run with, carry
 * {@link #PLACEHOLDER}, which {@link #resolve} replaces with the system's pool. A supervisor built from a spec
 * (its factory is a {@link SupervisingActor.Factory}) always runs with {@link #PROPS}: {@link #propsFor}
 * refuses a spawn of it with props of the user's, since on a dispatcher where its child shares its thread (a
 * calling-thread dispatcher, a pool of one) it would wait for ever for that child, and with a bounded mailbox
 * it could lose its children's exits. An actor of the user's that runs with {@link #PROPS} goes to the pool
 * as well.
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
            throw new RejectedExecutionException("the supervision dispatcher in a supervisor's props runs actors "
                    + "only through an actor system's spawn, and only until the system is shut down");
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
            return "SupervisionDispatcher[the spawning system's]";
        }
    };

    /** The props supervisors run with: this placeholder dispatcher, and an unbounded mailbox. */
    static final Props PROPS = Props.defaults().withMailbox(MailboxConfig.unbounded()).withDispatcher(PLACEHOLDER);

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
     * @return the props the actor runs with: {@link #PROPS} for a supervisor built from a spec, else
     *     {@code props}
     * @throws IllegalArgumentException for a supervisor built from a spec spawned with props of the user's
     */
    static Props propsFor(Props props, Supplier<?> factory) {
        if (!(factory instanceof SupervisingActor.Factory) || props.equals(PROPS)) {
            return props;
        }
        if (!props.equals(Props.defaults())) {
            throw new IllegalArgumentException("a supervisor runs on its system's supervision dispatcher with an "
                    + "unbounded mailbox, and takes no props of its own: spawn it without props (" + props + ")");
        }
        return PROPS;
    }

    /**
     * @param props the spawn's props, after {@link #propsFor}
     * @param factory the spawn's factory
     * @param defaultDispatcher the system's default dispatcher
     * @return the dispatcher the actor runs on
     */
    Dispatcher resolve(Props props, Supplier<?> factory, Dispatcher defaultDispatcher) {
        Dispatcher chosen = props.dispatcher().orElse(null);
        if (chosen == PLACEHOLDER) {
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
    List<Object> shutdownNow() {
        synchronized (lock) {
            released = true;
            WorkStealingDispatcher p = pool;
            return p == null ? List.of() : p.shutdownNow();
        }
    }
}

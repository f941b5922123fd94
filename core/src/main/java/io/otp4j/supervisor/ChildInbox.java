package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.internal.RuntimeAccess.ChildListener;
import io.otp4j.timer.Cancellable;
import io.otp4j.timer.RuntimeTask;
import io.otp4j.timer.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * A supervisor's children's lifecycle events, with Erlang's selective receive: the supervisor can wait
 * for one particular event (this child's exit, that child's start) while the others are set aside, in
 * order, for later. This keeps every supervisor operation a straight sequence, as in OTP's
 * {@code supervisor.erl}, instead of a web of callbacks.
 *
 * <p>Threads: children add events from their own threads ({@link ChildListener}); only the supervisor
 * takes them. A wait blocks the supervisor's thread: supervisors run on their system's supervision
 * dispatcher ({@link Supervisor#props()}), whose sentinel adds a spare thread while one blocks. Before
 * blocking, the wait hands on the actor handed off to this thread (typically the child supervisor it waits
 * for), so that the child starts at once on another thread. The wait goes through
 * {@link ForkJoinPool#managedBlock}, which blocks plainly on the supervision threads (they are not a
 * {@link ForkJoinPool}'s) and would let a pool compensate if supervisors ever ran on one; a spawn on props of
 * the user's is refused ({@link Supervisor#behavior}).
 *
 * <p>Time: a wait's timeout is a task on the system {@link Scheduler} that posts a timeout event, so a
 * manual scheduler decides when a shutdown timeout fires.
 */
final class ChildInbox implements ChildListener {

    sealed interface Event {}

    /** @param info what the child's preStart handed over, or null */
    record Started(ActorRef<?> child, int incarnation, Object info) implements Event {}

    /** The child's preStart answered ignore; it is stopping with reason normal. */
    record Ignored(ActorRef<?> child) implements Event {}

    record Failed(ActorRef<?> child, int incarnation, Throwable cause) implements Event {}

    record Halted(ActorRef<?> child) implements Event {}

    record Terminated(ActorRef<?> child, ExitReason reason) implements Event {}

    record Timeout(long token) implements Event {}

    /** Wakes a wait for a child's start: the supervisor's own start was abandoned (timed out, interrupted). */
    record StartAborted() implements Event {}

    private final LinkedBlockingQueue<Event> arrived = new LinkedBlockingQueue<>();
    private final ArrayDeque<Event> setAside = new ArrayDeque<>();
    private final Runnable wakeup;
    private final Scheduler scheduler;
    private long tokens;
    private volatile boolean startAborted;

    /**
     * @param wakeup tells the supervisor that events arrived (a message to itself)
     * @param scheduler for wait timeouts
     */
    ChildInbox(Runnable wakeup, Scheduler scheduler) {
        this.wakeup = wakeup;
        this.scheduler = scheduler;
    }

    private void post(Event event) {
        arrived.add(event);
        wakeup.run();
    }

    @Override
    public void started(ActorRef<?> child, int incarnation, Object startInfo) {
        post(new Started(child, incarnation, startInfo));
    }

    @Override
    public void ignored(ActorRef<?> child) {
        post(new Ignored(child));
    }

    @Override
    public void failed(ActorRef<?> child, int incarnation, Throwable cause) {
        post(new Failed(child, incarnation, cause));
    }

    @Override
    public void halted(ActorRef<?> child) {
        post(new Halted(child));
    }

    @Override
    public void terminated(ActorRef<?> child, ExitReason reason) {
        post(new Terminated(child, reason));
    }

    /**
     * Tells the supervisor that whoever waits for its start gave up: a wait with {@code abortable} set ends,
     * now or when it begins. Any thread.
     */
    void abortStart() {
        startAborted = true;
        post(new StartAborted());
    }

    /** @return true once {@link #abortStart()} was called */
    boolean startAborted() {
        return startAborted;
    }

    /** @return the next event not waited for, oldest first, or null if none; never blocks */
    Event next() {
        Event e = setAside.pollFirst();
        return e != null ? e : arrived.poll();
    }

    /**
     * Waits for the first event about {@code child} that {@code wanted} accepts; other events are set
     * aside for {@link #next()}.
     *
     * @param child the child waited for
     * @param wanted which events about it end the wait
     * @param timeout how long to wait, or null for ever; zero looks only at the events that have already
     *     arrived, as Erlang's {@code after 0}
     * @return the event, or null if the timeout passed
     */
    Event await(ActorRef<?> child, Predicate<Event> wanted, Duration timeout) {
        return await(child, wanted, timeout, false);
    }

    /**
     * As {@link #await(ActorRef, Predicate, Duration)}; with {@code abortable}, it also ends (with null) once
     * the start is aborted, which a wait for a child's start must, or a child stuck in {@code preStart} would
     * hold the supervisor for ever.
     */
    Event await(ActorRef<?> child, Predicate<Event> wanted, Duration timeout, boolean abortable) {
        Predicate<Event> match = e -> about(e, child) && wanted.test(e);
        for (Iterator<Event> it = setAside.iterator(); it.hasNext(); ) {
            Event e = it.next();
            if (match.test(e)) {
                it.remove();
                return e;
            }
        }
        if (abortable && startAborted) {
            return null;
        }
        boolean noWait = timeout != null && timeout.isZero();
        long token = ++tokens;
        Cancellable timer = timeout == null || noWait ? null : scheduler.scheduleOnce(timeout,
                (RuntimeTask) () -> arrived.add(new Timeout(token)));
        try {
            for (;;) {
                Event e = noWait ? arrived.poll() : take();
                if (e == null) {
                    return null; // a zero timeout: nothing wanted has arrived yet
                }
                if (e instanceof Timeout t) {
                    if (t.token == token) {
                        return null;
                    }
                    continue; // an older wait's timeout
                }
                if (e instanceof StartAborted) {
                    if (abortable) {
                        return null;
                    }
                    continue; // the flag stays set for the start's next abortable wait
                }
                if (match.test(e)) {
                    return e;
                }
                setAside.addLast(e);
            }
        } finally {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    private static boolean about(Event e, ActorRef<?> child) {
        return switch (e) {
            case Started s -> s.child == child;
            case Ignored i -> i.child == child;
            case Failed f -> f.child == child;
            case Halted h -> h.child == child;
            case Terminated t -> t.child == child;
            case Timeout t -> false;
            case StartAborted a -> false;
        };
    }

    private Event take() {
        final class Taker implements ForkJoinPool.ManagedBlocker {
            Event item;

            @Override
            public boolean block() throws InterruptedException {
                if (item == null) {
                    item = arrived.take();
                }
                return true;
            }

            @Override
            public boolean isReleasable() {
                return item != null || (item = arrived.poll()) != null;
            }
        }
        Taker taker = new Taker();
        if (!taker.isReleasable()) {
            RuntimeAccess.beforeBlocking();
        }
        try {
            ForkJoinPool.managedBlock(taker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("supervisor interrupted while waiting for a child", e);
        }
        return taker.item;
    }
}

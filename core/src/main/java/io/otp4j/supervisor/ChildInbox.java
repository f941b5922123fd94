package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.internal.ChildListener;
import io.otp4j.internal.RuntimeTask;
import io.otp4j.timer.Cancellable;
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
 * takes them. A wait blocks the supervisor's thread through {@link ForkJoinPool#managedBlock}, so even
 * on a work-stealing dispatcher the pool adds a thread meanwhile; supervisors run on virtual threads
 * by default, where blocking is cheap.
 *
 * <p>Time: a wait's timeout is a task on the system {@link Scheduler} that posts a timeout event, so a
 * manual scheduler decides when a shutdown timeout fires.
 */
final class ChildInbox implements ChildListener {

    sealed interface Event {}

    record Started(ActorRef<?> child, int incarnation) implements Event {}

    record Failed(ActorRef<?> child, int incarnation, Throwable cause) implements Event {}

    record Halted(ActorRef<?> child) implements Event {}

    record Terminated(ActorRef<?> child, ExitReason reason) implements Event {}

    record Timeout(long token) implements Event {}

    private final LinkedBlockingQueue<Event> arrived = new LinkedBlockingQueue<>();
    private final ArrayDeque<Event> setAside = new ArrayDeque<>();
    private final Runnable wakeup;
    private final Scheduler scheduler;
    private long tokens;

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
    public void started(ActorRef<?> child, int incarnation) {
        post(new Started(child, incarnation));
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
     * @param timeout how long to wait, or null for ever
     * @return the event, or null if the timeout passed
     */
    Event await(ActorRef<?> child, Predicate<Event> wanted, Duration timeout) {
        Predicate<Event> match = e -> about(e, child) && wanted.test(e);
        for (Iterator<Event> it = setAside.iterator(); it.hasNext(); ) {
            Event e = it.next();
            if (match.test(e)) {
                it.remove();
                return e;
            }
        }
        long token = ++tokens;
        Cancellable timer = timeout == null ? null : scheduler.scheduleOnce(timeout,
                (RuntimeTask) () -> arrived.add(new Timeout(token)));
        try {
            for (;;) {
                Event e = take();
                if (e instanceof Timeout t) {
                    if (t.token == token) {
                        return null;
                    }
                    continue; // an older wait's timeout
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
            case Failed f -> f.child == child;
            case Halted h -> h.child == child;
            case Terminated t -> t.child == child;
            case Timeout t -> false;
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
        try {
            ForkJoinPool.managedBlock(taker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("supervisor interrupted while waiting for a child", e);
        }
        return taker.item;
    }
}

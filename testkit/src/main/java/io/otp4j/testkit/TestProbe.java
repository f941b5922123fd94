package io.otp4j.testkit;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import io.otp4j.internal.RuntimeAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real actor whose messages and signals a test can wait for: hand {@link #ref()} to the code under
 * test, then assert with the {@code expect} methods.
 *
 * <p>Waiting: every {@code expect}/{@code receive} method returns as soon as what it waits for arrives and
 * fails with an {@link AssertionError} after the timeout (default: the test kit's, 5 s). Only
 * {@link #expectNoMessage} waits its whole duration, by its nature; keep that short.
 *
 * <p>Threads: use a probe from one test thread.
 *
 * @param <M> the type of message the probe accepts
 */
public final class TestProbe<M> {

    /** Watch {@code target}, then open {@code sent}. */
    private record WatchCommand(ActorRef<?> target, java.util.concurrent.CountDownLatch sent) {}

    private final BlockingQueue<M> messages = new LinkedBlockingQueue<>();
    private final java.util.Set<ActorRef<?>> watched = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final ActorRef<Object> actor;
    private final Duration defaultTimeout;

    TestProbe(ActorSystem system, String name, Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
        this.actor = system.spawn(name, ProbeActor::new);
    }

    private final class ProbeActor implements Actor<Object> {
        @Override
        @SuppressWarnings("unchecked")
        public void receive(Object message, ActorContext<Object> ctx) {
            if (message instanceof WatchCommand(var target, var sent)) {
                ctx.watch(target);
                sent.countDown();
            } else {
                messages.add((M) message);
            }
        }

        @Override
        public void onSignal(Signal signal, ActorContext<Object> ctx) {
            signals.add(signal);
        }
    }

    /** @return the probe's address, to give to the code under test */
    @SuppressWarnings("unchecked")
    public ActorRef<M> ref() {
        return (ActorRef<M>) (ActorRef<?>) actor;
    }

    /**
     * @return the next message
     * @throws AssertionError if none arrives within the default timeout
     */
    public M receiveMessage() {
        return receiveMessage(defaultTimeout);
    }

    /**
     * @param timeout how long to wait
     * @return the next message
     * @throws AssertionError if none arrives in time
     */
    public M receiveMessage(Duration timeout) {
        M m = poll(messages, timeout);
        if (m == null) {
            throw new AssertionError("no message received within " + timeout + " by " + actor.path());
        }
        return m;
    }

    /**
     * @param expected the message expected next (compared with {@code equals})
     * @return the message received
     * @throws AssertionError if another message or none arrives
     */
    public M expectMessage(M expected) {
        return expectMessage(defaultTimeout, expected);
    }

    /**
     * @param timeout how long to wait
     * @param expected the message expected next
     * @return the message received
     */
    public M expectMessage(Duration timeout, M expected) {
        M m = receiveMessage(timeout);
        if (!Objects.equals(m, expected)) {
            throw new AssertionError("expected " + expected + " but received " + m);
        }
        return m;
    }

    /**
     * @param type the class expected next
     * @param <T> the type
     * @return the message received
     */
    public <T extends M> T expectMessageClass(Class<T> type) {
        M m = receiveMessage();
        if (!type.isInstance(m)) {
            throw new AssertionError("expected a " + type.getName() + " but received " + m);
        }
        return type.cast(m);
    }

    /**
     * @param n how many messages
     * @return the next {@code n} messages, in arrival order
     */
    public List<M> receiveMessages(int n) {
        return receiveMessages(n, defaultTimeout);
    }

    /**
     * @param n how many messages
     * @param timeout how long to wait for all of them
     * @return the next {@code n} messages, in arrival order
     */
    public List<M> receiveMessages(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<M> out = new ArrayList<>(n);
        while (out.size() < n) {
            M m = poll(messages, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (m == null) {
                throw new AssertionError("received only " + out.size() + " of " + n + " messages within "
                        + timeout + ": " + out);
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Asserts that no message arrives during {@code duration} (which this call always waits out).
     *
     * @param duration how long to watch
     */
    public void expectNoMessage(Duration duration) {
        M m = poll(messages, duration);
        if (m != null) {
            throw new AssertionError("expected no message but received " + m);
        }
    }

    /** Asserts that no message arrives during the next 100 ms. */
    public void expectNoMessage() {
        expectNoMessage(Duration.ofMillis(100));
    }

    /**
     * Watches an actor from the probe; its termination then shows in {@link #expectTerminated}. Returns once
     * the watch is on its way to the target, so that whatever the test then does to the target (a message, a
     * stop) reaches it after the watch: the probe is told the real exit reason. Watch before making the target
     * terminate: a watch that reaches an actor already terminated is answered with
     * {@link io.otp4j.actor.ExitReason#NO_PROC}, as an Erlang monitor is.
     *
     * @param target the actor to watch
     * @throws AssertionError if the probe did not get to it within the default timeout
     */
    public void watch(ActorRef<?> target) {
        if (watched.add(target)) { // one watch per target: a second would repeat a termination already seen
            java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
            actor.tell(new WatchCommand(target, sent));
            try {
                if (!sent.await(defaultTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new AssertionError("the probe " + actor.path() + " did not watch " + target + " within "
                            + defaultTimeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while watching " + target, e);
            }
        }
    }

    /**
     * Watches {@code target} (if not already) and waits for its termination.
     *
     * <p>The reason returned is the one the actor terminated with, also when it had terminated before the
     * probe watched it: the watch itself is then answered with {@link ExitReason#NO_PROC} (as an Erlang
     * monitor is, and as {@link #expectSignal} shows), and this method looks the real reason up, since a
     * test asks how the actor ended, not whether the probe watched in time.
     *
     * @param target the actor expected to terminate
     * @return the termination signal, with the exit reason
     */
    public Signal.Terminated expectTerminated(ActorRef<?> target) {
        return expectTerminated(target, defaultTimeout);
    }

    /**
     * @param target the actor expected to terminate
     * @param timeout how long to wait
     * @return the termination signal, with the exit reason
     */
    public Signal.Terminated expectTerminated(ActorRef<?> target, Duration timeout) {
        watch(target);
        Signal s = expectSignal(timeout);
        if (s instanceof Signal.Terminated t && t.ref().equals(target)) {
            return t.reason() instanceof ExitReason.NoProc ? new Signal.Terminated(target, exitReasonOf(target)) : t;
        }
        throw new AssertionError("expected termination of " + target + " but got " + s);
    }

    /**
     * @param timeout how long to wait
     * @return the next signal the probe received (Terminated of a watched actor, or a trapped Exit)
     */
    public Signal expectSignal(Duration timeout) {
        Signal s = poll(signals, timeout);
        if (s == null) {
            throw new AssertionError("no signal received within " + timeout + " by " + actor.path());
        }
        return s;
    }

    /** The reason a terminated actor terminated with: a termination hook is answered at once, with it. */
    private ExitReason exitReasonOf(ActorRef<?> terminated) {
        java.util.concurrent.CompletableFuture<ExitReason> reason = new java.util.concurrent.CompletableFuture<>();
        RuntimeAccess.onTermination(terminated, reason::complete);
        try {
            return reason.get(defaultTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the exit reason of " + terminated + " could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the exit reason of " + terminated, e);
        }
    }

    private static <T> T poll(BlockingQueue<T> queue, Duration timeout) {
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}

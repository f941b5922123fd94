package io.otp4j.mailbox;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot gate an actor waits at inside {@code receive}, so that the messages sent meanwhile queue up in
 * its mailbox. The test waits for the actor to arrive, fills the mailbox, then opens the gate; closing it
 * (try-with-resources) opens it too, so a failing test never leaves an actor blocked while its system
 * shuts down.
 *
 * <p>Arrival is signalled through a latch, not a message: a message told just before blocking could sit
 * behind the blocked run on the same dispatcher thread. The wait goes through
 * {@link ForkJoinPool#managedBlock}, so the dispatcher adds a thread while an actor waits here and the
 * probes keep running even on a one-core machine.
 *
 * <p>Threads: {@link #pass()} from the actor; the other methods from any thread. On the calling-thread
 * dispatcher the message that brings the actor here must come from another thread than the test's
 * ({@link #sendAndAwaitArrival}), or the test would wait at its own gate.
 *
 * <p>Shared by the behaviour tests of the mailbox, timer and event packages.
 */
public final class Gate implements AutoCloseable {

    private static final long MAX_WAIT_SECONDS = 20;

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    /**
     * Waits until an actor has arrived at the gate.
     *
     * @throws AssertionError if none arrives within 20 s
     */
    public void awaitArrival() throws InterruptedException {
        if (!arrived.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no actor arrived at the gate");
        }
    }

    /**
     * Sends, from a thread of its own, the message that brings an actor to this gate, then waits until the
     * actor has arrived. The thread matters on a dispatcher that runs an actor on its sender's thread (the
     * testkit's calling-thread dispatcher): the actor then waits here on that thread, while the test's own
     * thread goes on filling its mailbox. On the other dispatchers it changes nothing.
     *
     * @param send sends the message; it must not throw
     * @throws AssertionError if no actor arrives within 20 s
     */
    public void sendAndAwaitArrival(Runnable send) throws InterruptedException {
        Thread.ofPlatform().name("gate-sender").daemon().start(send);
        awaitArrival();
    }

    /** Lets every waiting and future {@link #pass()} through. */
    public void open() {
        opened.countDown();
    }

    /** Signals arrival, then waits until the gate is open; gives up after 20 s so that nothing hangs. */
    public void pass() throws InterruptedException {
        arrived.countDown();
        final class Waiter implements ForkJoinPool.ManagedBlocker {
            boolean timedOut;

            @Override
            public boolean block() throws InterruptedException {
                timedOut = !opened.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
                return true;
            }

            @Override
            public boolean isReleasable() {
                return opened.getCount() == 0;
            }
        }
        Waiter waiter = new Waiter();
        ForkJoinPool.managedBlock(waiter);
        if (waiter.timedOut) {
            throw new IllegalStateException("gate never opened");
        }
    }

    @Override
    public void close() {
        open();
    }

    @Override
    public String toString() {
        return opened.getCount() == 0 ? "Gate[open]" : "Gate[closed]";
    }
}

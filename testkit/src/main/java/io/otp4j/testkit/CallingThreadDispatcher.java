package io.otp4j.testkit;

import io.otp4j.dispatch.Dispatcher;
import java.util.ArrayDeque;

/**
 * A {@link io.otp4j.dispatch.Dispatcher} for tests that runs actors on the thread that sends to them, so
 * a test sees every effect of a {@code tell} when the call returns. Runs scheduled while another run is
 * in progress on the same thread are queued and run after it (a trampoline), so actors still never nest
 * and never run twice at once.
 *
 * <p>Not for production: the sender pays for the receiver's work, and an actor that blocks blocks its
 * sender. Messages sent from other threads (timers, the scheduler) run on those threads.
 */
public final class CallingThreadDispatcher implements Dispatcher {

    private final ThreadLocal<ArrayDeque<Runnable>> pending = new ThreadLocal<>();

    @Override
    public void execute(Runnable actorRun) {
        ArrayDeque<Runnable> queue = pending.get();
        if (queue != null) {
            queue.add(actorRun); // already draining on this thread: run after the current one
            return;
        }
        queue = new ArrayDeque<>();
        pending.set(queue);
        try {
            for (Runnable r = actorRun; r != null; r = queue.poll()) {
                r.run();
            }
        } finally {
            pending.remove();
        }
    }

    @Override
    public void close() {}
}

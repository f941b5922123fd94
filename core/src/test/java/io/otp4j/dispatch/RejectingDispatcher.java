package io.otp4j.dispatch;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile {@link Dispatcher} for tests: it refuses runs with a {@link RejectedExecutionException}, as a
 * closed or saturated executor does, so that the runtime's refusal paths run. It refuses every run
 * ({@link #refusingEverything()}), or lets a number of runs through to a delegate and refuses the rest
 * ({@link #refusingAfter}), or lets runs through until {@link #refuseFromNow()} is called
 * ({@link #refusingWhenTold}).
 *
 * <p>What the runtime does with a refusal (the documented contract these tests hold it to): the refused
 * actor terminates at once, without running any more of its code, with {@code ExitReason.Failed} whose
 * cause is the refusal; its parent, watchers and links are told; what was in its mailbox and whatever is
 * sent to it later goes to dead letters ({@code RECIPIENT_TERMINATED}); nothing waits forever on it, and
 * the system still closes.
 *
 * <p>Threads: any; the count of runs let through is exact under concurrent {@link #execute} calls. Closing
 * it does not close the delegate, which stays its owner's.
 */
public final class RejectingDispatcher implements Dispatcher {

    private final Dispatcher delegate;
    /** Runs still let through; {@link Long#MAX_VALUE} stands for "until told", never counted down. */
    private final AtomicLong allowance;
    private final AtomicLong refused = new AtomicLong();
    private final String description;

    private RejectingDispatcher(Dispatcher delegate, long allowance, String description) {
        this.delegate = delegate;
        this.allowance = new AtomicLong(allowance);
        this.description = description;
    }

    /** @return a dispatcher that refuses every run */
    public static RejectingDispatcher refusingEverything() {
        return new RejectingDispatcher(null, 0, "refusing everything");
    }

    /**
     * @param runs how many runs to hand to the delegate before refusing; at least 0
     * @param delegate runs what is let through; not closed by this dispatcher
     * @return a dispatcher that refuses every run after the first {@code runs}
     */
    public static RejectingDispatcher refusingAfter(long runs, Dispatcher delegate) {
        Objects.requireNonNull(delegate, "delegate");
        if (runs < 0 || runs == Long.MAX_VALUE) {
            throw new IllegalArgumentException("runs must be between 0 and Long.MAX_VALUE - 1: " + runs);
        }
        return new RejectingDispatcher(delegate, runs, "refusing after " + runs + " runs");
    }

    /**
     * @param delegate runs what is let through; not closed by this dispatcher
     * @return a dispatcher that hands every run to the delegate until {@link #refuseFromNow()}
     */
    public static RejectingDispatcher refusingWhenTold(Dispatcher delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return new RejectingDispatcher(delegate, Long.MAX_VALUE, "refusing when told");
    }

    /** Refuses every run asked for after this returns (a concurrent call may still get through). */
    public void refuseFromNow() {
        allowance.set(0);
    }

    /** @return how many runs were refused so far */
    public long refused() {
        return refused.get();
    }

    @Override
    public void execute(Runnable actorRun) {
        for (;;) {
            long left = allowance.get();
            if (left <= 0) {
                refused.incrementAndGet();
                throw new RejectedExecutionException("test dispatcher " + description + " refused " + actorRun);
            }
            if (left == Long.MAX_VALUE || allowance.compareAndSet(left, left - 1)) {
                delegate.execute(actorRun);
                return;
            }
        }
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "RejectingDispatcher[" + description + ", " + refused.get() + " refused]";
    }
}

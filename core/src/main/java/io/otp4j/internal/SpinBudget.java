package io.otp4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How long a thread that blocks on a reply spins before it parks, learnt from the waits before it. One per
 * actor system, shared by all its blocking asks, because what it learns is a property of the machine and the
 * pool: whether the thread that will reply runs on another core while the caller waits.
 *
 * <h2>Why spin, and why adapt</h2>
 * Parking a platform thread and unparking it costs a few microseconds of CPU on each side (a futex wait and
 * wake, a context switch each way: 3-3.6 µs of CPU per side per round trip on the 2-vCPU VM the
 * benchmarks run on) and, on an idle core of a VM, tens of microseconds of latency. A caller that spins instead sees a
 * reply from a worker running on another core within a microsecond. But spinning pays only while the
 * replier has a core of its own. On a machine with more runnable threads than cores, the worker that the
 * request woke is often queued on the caller's own core (Linux places a woken thread near the thread that
 * woke it), and there it cannot run until the caller stops spinning. A fixed 50 µs spin made every ask on a
 * loaded machine cost the whole spin: the request reached the actor 53 µs after the ask, where a caller
 * that parked at once had it handled after 3 µs, and blocking asks ran 6-8 times slower than with no spin.
 *
 * <h2>The rule</h2>
 * A wait spins for the current budget ({@link #MAX_NANOS} to start with). A spin that saw the reply doubles
 * it (to at least {@link #GROWN_NANOS}, at most {@link #MAX_NANOS}); one that did not halves it, and a
 * budget below {@link #MIN_NANOS} becomes 0: waits then park at once. While it is 0, one wait in
 * {@value #PROBE_EVERY} (at random) spins for {@link #MAX_NANOS} all the same, a probe: if the machine has
 * become quiet, the probe's spin lets the kernel move the woken worker to the idle core, the reply comes
 * back while it spins, and spinning resumes. On a loaded machine, the probes cost about
 * {@link #MAX_NANOS} / {@value #PROBE_EVERY} per wait.
 *
 * <p>The budget is the system's, not the target's: in a system whose blocking asks mostly go to actors that
 * take longer than a spin to answer, the waits for fast actors park at once too, and cost a park and an
 * unpark, as a wait in any other runtime does. A budget per target would tell them apart, at the price of a
 * field in every actor.
 *
 * <h2>Threads</h2>
 * Any. The budget is read and written opaquely, without a read-modify-write: a lost update only makes one
 * wait spin more or less than it would have. Nothing depends on it but how long a wait spins; every wait
 * parks in the end if its reply has not come, so correctness, timeouts and interrupts are those of the
 * plain {@link CompletableFuture} wait that follows.
 */
final class SpinBudget {

    /** The longest a wait spins: a reply that takes longer is worth a park and an unpark. */
    static final long MAX_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** A budget below this is not worth a spin: the waits park at once. */
    static final long MIN_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    /** What a spin that saw its reply raises a smaller budget to. */
    static final long GROWN_NANOS = TimeUnit.MICROSECONDS.toNanos(4);
    /** While the budget is 0, one wait in this many spins for {@link #MAX_NANOS} anyway (a probe). */
    static final int PROBE_EVERY = 256;

    private static final VarHandle NANOS;

    static {
        try {
            NANOS = MethodHandles.lookup().findVarHandle(SpinBudget.class, "nanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through NANOS
    private long nanos = MAX_NANOS;

    /** @return the current budget in nanoseconds; 0 when waits park at once */
    long nanos() {
        return (long) NANOS.getOpaque(this);
    }

    /**
     * Spins until {@code future} is done or the budget runs out, and learns from the outcome (see the class
     * comment). Returns at once if the future is already done. Never blocks for longer than
     * {@link #MAX_NANOS}, and leaves the thread's interrupt status alone.
     *
     * @param future what the caller is about to wait for
     * @return true if the future is done
     */
    boolean spinUntilDone(CompletableFuture<?> future) {
        if (future.isDone()) {
            return true;
        }
        long budget = nanos();
        boolean probe = budget == 0;
        if (probe) {
            if (ThreadLocalRandom.current().nextInt(PROBE_EVERY) != 0) {
                return false;
            }
            budget = MAX_NANOS;
        }
        long start = System.nanoTime();
        boolean done;
        while (!(done = future.isDone()) && System.nanoTime() - start < budget) {
            Thread.onSpinWait();
        }
        long learnt;
        if (done) {
            learnt = probe ? GROWN_NANOS : Math.min(MAX_NANOS, Math.max(GROWN_NANOS, budget * 2));
        } else {
            learnt = probe || budget / 2 < MIN_NANOS ? 0L : budget / 2;
        }
        if (learnt != nanos()) {
            NANOS.setOpaque(this, learnt);
        }
        return done;
    }
}

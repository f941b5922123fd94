package io.otp4j.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The two lock-free protocols of {@link WorkStealingDispatcher}: the hand-off slot, which its owner worker
 * and the sentinel both take from, and parking, where a worker going to sleep races with a producer.
 *
 * <p><b>A model, not the class.</b> A {@code WorkStealingDispatcher} starts its threads when it is built,
 * its workers are those threads, and the sentinel's step is a private loop over all of them, so jcstress
 * (which builds millions of states) cannot drive it. {@link Slot} and {@link Parking} below repeat the
 * protocols' steps with the same fields, the same VarHandle access modes and the same order as the
 * dispatcher's methods named in their comments; a change to those methods must be made here too.
 * What is left out decides nothing here: the streak (whether a taken slot actor runs now or goes to the
 * run queue, it was taken once) and the {@code LockSupport} calls (a parked worker sleeps until its state
 * leaves PARKED; that is what the tests check).
 */
public final class WorkStealingDispatcherStress {

    private WorkStealingDispatcherStress() {}

    private static final int ACTIVE = 0;
    private static final int PARKED = 1;

    /** An actor's run; only its identity matters. */
    private static final class Run implements Runnable {
        @Override
        public void run() {}
    }

    /** One worker's hand-off slot, as in {@code WorkStealingDispatcher.Worker}. */
    static final class Slot {
        private static final VarHandle SLOT;

        static {
            try {
                SLOT = MethodHandles.lookup().findVarHandle(Slot.class, "slot", Runnable.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // accessed through SLOT
        private volatile Runnable slot;
        final Queue<Runnable> runQueue = new ConcurrentLinkedQueue<>();

        /** Owner, {@code Worker.next()}: only an atomic exchange makes the slot's actor ours. */
        Runnable take() {
            return SLOT.getOpaque(this) == null ? null : (Runnable) SLOT.getAndSet(this, null);
        }

        /** Owner, {@code Worker.handOff}: the previous occupant goes to a queue (the worker's own; its identity decides nothing here). */
        void handOff(Runnable task) {
            if (SLOT.getOpaque(this) == null) {
                SLOT.setRelease(this, task);
                return;
            }
            Runnable older = (Runnable) SLOT.getAndSet(this, task);
            if (older != null) {
                runQueue.offer(older);
            }
        }

        /** Owner, {@code Worker.releaseSlot}. */
        void release() {
            if (SLOT.getOpaque(this) != null) {
                Runnable waiting = (Runnable) SLOT.getAndSet(this, null);
                if (waiting != null) {
                    runQueue.offer(waiting);
                }
            }
        }

        /**
         * Sentinel, {@code inspect}, for a worker in the same run as at the previous tick, when it saw
         * {@code seen} in the slot.
         *
         * @return true if it moved the actor to the run queue
         */
        boolean steal(Runnable seen) {
            Runnable inSlot = (Runnable) SLOT.getVolatile(this);
            if (inSlot != null && inSlot == seen && SLOT.compareAndSet(this, inSlot, null)) {
                runQueue.offer(inSlot);
                return true;
            }
            return false;
        }

        Runnable peek() {
            return (Runnable) SLOT.getVolatile(this);
        }

        /** @return how many times {@code run} is in the run queue */
        int queued(Runnable run) {
            int n = 0;
            for (Runnable r : runQueue) {
                n += r == run ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * The owner takes its slot's actor to run it while the sentinel, which saw it there at the previous
     * tick, moves it to the run queue. Results: whether the owner got it, whether the sentinel did.
     */
    @JCStressTest
    @Description("Hand-off slot: the owner's take and the sentinel's steal; the actor is taken exactly once")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the owner took it; the sentinel's CAS failed")
    @Outcome(id = "0, 1", expect = ACCEPTABLE_INTERESTING, desc = "the sentinel moved it to the run queue first")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "taken twice: the actor would run on two threads at once")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "taken by neither: the actor is lost")
    @State
    public static class TakeVersusSteal {
        final Slot slot = new Slot();
        final Run actor = new Run();

        public TakeVersusSteal() {
            slot.handOff(actor);
        }

        @Actor
        public void owner(II_Result r) {
            r.r1 = slot.take() == actor ? 1 : 0;
        }

        @Actor
        public void sentinel(II_Result r) {
            r.r2 = slot.steal(actor) ? 1 : 0;
        }
    }

    /**
     * The owner hands a second actor off, pushing the first to the run queue, while the sentinel steals the
     * first. Results: the times the first actor is in the run queue, whether the second is in the slot, and
     * whether the sentinel's steal succeeded.
     */
    @JCStressTest
    @Description("Hand-off slot: a new hand-off and the sentinel's steal; each actor placed exactly once")
    @Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "the owner pushed the first actor to the run queue")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "the sentinel moved the first actor first")
    @Outcome(id = "2, .*, .*", expect = FORBIDDEN, desc = "the first actor queued twice: it would run twice at once")
    @Outcome(id = ".*, 0, .*", expect = FORBIDDEN, desc = "the second actor lost from the slot")
    @Outcome(expect = FORBIDDEN, desc = "the first actor lost")
    @State
    public static class HandOffVersusSteal {
        final Slot slot = new Slot();
        final Run first = new Run();
        final Run second = new Run();

        public HandOffVersusSteal() {
            slot.handOff(first);
        }

        @Actor
        public void owner() {
            slot.handOff(second);
        }

        @Actor
        public void sentinel(III_Result r) {
            r.r3 = slot.steal(first) ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r1 = slot.queued(first);
            r.r2 = slot.peek() == second ? 1 : 0;
        }
    }

    /**
     * The owner releases its slot before a long run (the actor goes to the run queue) while the sentinel
     * steals it. Results: the times the actor is in the run queue, and whether the slot is empty.
     */
    @JCStressTest
    @Description("Hand-off slot: the owner's release and the sentinel's steal; the actor queued exactly once")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "queued once, by one of them; the slot is empty")
    @Outcome(id = "2, .*", expect = FORBIDDEN, desc = "queued twice: it would run on two threads at once")
    @Outcome(expect = FORBIDDEN, desc = "lost, or left in the slot")
    @State
    public static class ReleaseVersusSteal {
        final Slot slot = new Slot();
        final Run actor = new Run();

        public ReleaseVersusSteal() {
            slot.handOff(actor);
        }

        @Actor
        public void owner() {
            slot.release();
        }

        @Actor
        public void sentinel() {
            slot.steal(actor);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = slot.queued(actor);
            r.r2 = slot.peek() == null ? 1 : 0;
        }
    }

    /**
     * The sentinel saw the actor in the slot at its previous tick; the owner took it and ran it since, and
     * now hands it off again, through the plain-store fast path (the slot is empty, and only the owner
     * fills it). The sentinel's stale CAS may take the new hand-off, which is still exactly once. Results:
     * whether the actor is in the slot, and the times it is in the run queue.
     */
    @JCStressTest
    @Description("Hand-off slot: the fast-path hand-off and a steal by a sentinel that saw the same actor earlier")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "in the slot: the owner runs it next")
    @Outcome(id = "0, 1", expect = ACCEPTABLE_INTERESTING, desc = "the sentinel moved the new hand-off to the run queue")
    @Outcome(expect = FORBIDDEN, desc = "lost, or placed twice")
    @State
    public static class FastHandOffVersusStaleSteal {
        final Slot slot = new Slot();
        final Run actor = new Run();

        @Actor
        public void owner() {
            slot.handOff(actor);
        }

        @Actor
        public void sentinel() {
            slot.steal(actor);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = slot.peek() == actor ? 1 : 0;
            r.r2 = slot.queued(actor);
        }
    }

    /** The run queue, the counters and the workers' states, as in {@code WorkStealingDispatcher}. */
    static final class Parking {
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(ParkingWorker.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** A worker's published state. */
        static final class ParkingWorker {
            @SuppressWarnings("unused") // accessed through STATE
            private volatile int state = ACTIVE;
            /** Set by the worker's own thread when it decided to sleep until its state leaves PARKED. */
            boolean sleeps;
            Runnable found;

            boolean asleep() {
                return sleeps && (int) STATE.getVolatile(this) == PARKED;
            }
        }

        final ConcurrentLinkedQueue<Runnable> runQueue = new ConcurrentLinkedQueue<>();
        final AtomicInteger parked = new AtomicInteger();
        final AtomicInteger searching = new AtomicInteger();
        final ParkingWorker[] workers;

        Parking(int workerCount) {
            workers = new ParkingWorker[workerCount];
            for (int i = 0; i < workerCount; i++) {
                workers[i] = new ParkingWorker();
            }
        }

        /** Producer, {@code enqueue}. */
        void enqueue(Runnable task) {
            runQueue.offer(task);
            if (parked.get() >= workers.length && searching.get() == 0) {
                wakeOne(); // only when every worker sleeps; an awake one takes it, or the sentinel wakes one
            }
        }

        /** {@code wakeOne}, without the unpark: the state change is the wake-up. */
        void wakeOne() {
            for (ParkingWorker w : workers) {
                if ((int) STATE.getVolatile(w) == PARKED && STATE.compareAndSet(w, PARKED, ACTIVE)) {
                    parked.decrementAndGet();
                    break;
                }
            }
        }

        /** Worker, {@code search} with one spin: polls once, and wakes another worker if it found work. */
        Runnable search() {
            searching.incrementAndGet();
            Runnable task = runQueue.poll();
            if (searching.decrementAndGet() == 0 && task != null && !runQueue.isEmpty()) {
                wakeOne();
            }
            return task;
        }

        /** Worker, {@code park} up to its decision: stays awake if the re-check finds work, else sleeps. */
        void park(ParkingWorker w) {
            parked.incrementAndGet();
            STATE.setVolatile(w, PARKED);
            if (!runQueue.isEmpty()) {
                if (STATE.compareAndSet(w, PARKED, ACTIVE)) {
                    parked.decrementAndGet();
                }
                return;
            }
            w.sleeps = true;
        }

        /** Worker loop's idle path: search, then park if nothing was found. */
        void idle(ParkingWorker w) {
            w.found = search();
            if (w.found == null) {
                park(w);
            }
        }

        /** @return 1 if work waits in the run queue while every worker sleeps: a lost wake-up */
        int lostWakeUp() {
            if (runQueue.isEmpty()) {
                return 0;
            }
            for (ParkingWorker w : workers) {
                if (!w.asleep()) {
                    return 0;
                }
            }
            return 1;
        }

        /** @return 1 if {@code parked} counts exactly the workers whose state is PARKED */
        int parkedCountAgrees() {
            int n = 0;
            for (ParkingWorker w : workers) {
                n += (int) STATE.getVolatile(w) == PARKED ? 1 : 0;
            }
            return parked.get() == n ? 1 : 0;
        }
    }

    /**
     * A worker parks (count, publish PARKED, re-check the run queue) while a producer enqueues (offer, read
     * the count, wake). Results: whether the worker went to sleep, whether it was then left asleep with
     * work waiting, and whether the parked count agrees with the states.
     */
    @JCStressTest
    @Description("Parking: a worker going to sleep and a producer; no lost wake-up")
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "the worker's re-check saw the work and stayed awake")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE_INTERESTING, desc = "the worker slept; the producer woke it")
    @Outcome(id = ".*, 1, .*", expect = FORBIDDEN, desc = "lost wake-up: work waits and the worker sleeps")
    @Outcome(expect = FORBIDDEN, desc = "the parked count disagrees with the states")
    @State
    public static class ParkVersusEnqueue {
        final Parking pool = new Parking(1);

        @Actor
        public void worker() {
            pool.park(pool.workers[0]);
        }

        @Actor
        public void producer() {
            pool.enqueue(new Run());
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r1 = pool.workers[0].sleeps ? 1 : 0;
            r.r2 = pool.lostWakeUp();
            r.r3 = pool.parkedCountAgrees();
        }
    }

    /**
     * As {@link ParkVersusEnqueue}, with the worker searching first: a producer that sees a searcher wakes
     * nobody, so the searcher must find the work, either in its poll or in its re-check before sleeping.
     * Results: whether the search found the work, whether the worker was left asleep with work waiting, and
     * whether the parked count agrees.
     */
    @JCStressTest
    @Description("Parking: a searching worker and a producer that relies on it; no lost wake-up")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the search found the work")
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "the re-check found it, or the producer woke the worker")
    @Outcome(id = ".*, 1, .*", expect = FORBIDDEN, desc = "lost wake-up: work waits and the worker sleeps")
    @Outcome(expect = FORBIDDEN, desc = "the parked count disagrees with the states")
    @State
    public static class SearchThenParkVersusEnqueue {
        final Parking pool = new Parking(1);

        @Actor
        public void worker() {
            pool.idle(pool.workers[0]);
        }

        @Actor
        public void producer() {
            pool.enqueue(new Run());
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r1 = pool.workers[0].found != null ? 1 : 0;
            r.r2 = pool.lostWakeUp();
            r.r3 = pool.parkedCountAgrees();
        }
    }

    /**
     * Two workers, one already asleep, the other idle (it searches, then parks), and a producer of one
     * task, which may wake either. Results: whether the idle worker's search found the task, whether it was
     * left waiting with both asleep, and whether the parked count agrees.
     */
    @JCStressTest
    @Description("Parking: an idle worker, a sleeping one and a producer; no lost wake-up")
    @Outcome(id = "[01], 0, 1", expect = ACCEPTABLE, desc = "taken by the search, or some worker is awake for it")
    @Outcome(id = ".*, 1, .*", expect = FORBIDDEN, desc = "lost wake-up: work waits and both workers sleep")
    @Outcome(expect = FORBIDDEN, desc = "the parked count disagrees with the states")
    @State
    public static class IdleAndSleepingWorkersVersusEnqueue {
        final Parking pool = new Parking(2);

        public IdleAndSleepingWorkersVersusEnqueue() {
            pool.park(pool.workers[1]);
        }

        @Actor
        public void idleWorker() {
            pool.idle(pool.workers[0]);
        }

        @Actor
        public void producer() {
            pool.enqueue(new Run());
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r1 = pool.workers[0].found != null ? 1 : 0;
            r.r2 = pool.lostWakeUp();
            r.r3 = pool.parkedCountAgrees();
        }
    }
}

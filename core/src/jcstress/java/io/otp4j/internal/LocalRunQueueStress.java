package io.otp4j.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@link LocalRunQueue}, the class itself: its owner pushes and pops while other threads steal. Each
 * test counts how many times each entry was taken: exactly once is the contract (twice would run an
 * actor's scheduling twice, never would strand it).
 */
public final class LocalRunQueueStress {

    private LocalRunQueueStress() {}

    private static final class Run implements Runnable {
        @Override
        public void run() {}
    }

    /** The last entry, taken by the owner's pop and a thief's steal at once. */
    @JCStressTest
    @Description("One entry: the owner's pop and a thief's steal; taken exactly once")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the owner took it")
    @Outcome(id = "0, 1", expect = ACCEPTABLE_INTERESTING, desc = "the thief took it")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "taken twice")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "taken by neither: lost")
    @State
    public static class PopVersusSteal {
        final LocalRunQueue queue = new LocalRunQueue();
        final Run run = new Run();

        public PopVersusSteal() {
            queue.push(run);
        }

        @Actor
        public void owner(II_Result r) {
            r.r1 = queue.pop() == run ? 1 : 0;
        }

        @Actor
        public void thief(II_Result r) {
            r.r2 = queue.steal() == run ? 1 : 0;
        }
    }

    /** Two entries: the owner pops both while a thief steals one. */
    @JCStressTest
    @Description("Two entries: two pops and a steal; each entry taken exactly once")
    @Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "the owner took both")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "the thief took one, the owner the other")
    @Outcome(expect = FORBIDDEN, desc = "an entry taken twice or lost")
    @State
    public static class TwoPopsVersusSteal {
        final LocalRunQueue queue = new LocalRunQueue();
        final Run first = new Run();
        final Run second = new Run();
        int firstTaken;
        int secondTaken;
        int stolen;

        public TwoPopsVersusSteal() {
            queue.push(first);
            queue.push(second);
        }

        private int count(Object r, Object which) {
            return r == which ? 1 : 0;
        }

        @Actor
        public void owner() {
            Object a = queue.pop();
            Object b = queue.pop();
            synchronized (this) {
                firstTaken += count(a, first) + count(b, first);
                secondTaken += count(a, second) + count(b, second);
            }
        }

        @Actor
        public void thief() {
            Object s = queue.steal();
            synchronized (this) {
                firstTaken += count(s, first);
                secondTaken += count(s, second);
                stolen += s != null ? 1 : 0;
            }
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r1 = firstTaken;
            r.r2 = secondTaken;
            r.r3 = stolen;
        }
    }

    /** One entry, two thieves (a third actor, the owner's pop, would need more cores than CI has). */
    @JCStressTest
    @Description("One entry: two steals; taken exactly once")
    @Outcome(id = {"1, 0", "0, 1"}, expect = ACCEPTABLE, desc = "taken once")
    @Outcome(expect = FORBIDDEN, desc = "taken twice or lost")
    @State
    public static class StealVersusSteal {
        final LocalRunQueue queue = new LocalRunQueue();
        final Run run = new Run();

        public StealVersusSteal() {
            queue.push(run);
        }

        @Actor
        public void thief1(II_Result r) {
            r.r1 = queue.steal() == run ? 1 : 0;
        }

        @Actor
        public void thief2(II_Result r) {
            r.r2 = queue.steal() == run ? 1 : 0;
        }
    }

    /** A push racing a steal: the thief sees the new entry whole or not at all. */
    @JCStressTest
    @Description("A push and a steal: the entry is stolen whole, or left for the owner")
    @Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING, desc = "stolen as soon as published")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the steal came first; the owner pops it")
    @Outcome(expect = FORBIDDEN, desc = "a half-published entry (null) stolen, taken twice, or lost")
    @State
    public static class PushVersusSteal {
        final LocalRunQueue queue = new LocalRunQueue();
        final Run run = new Run();
        int stolen;
        boolean stoleNull;

        @Actor
        public void owner() {
            queue.push(run);
        }

        @Actor
        public void thief() {
            Object s = queue.steal();
            stolen = s == run ? 1 : 0;
            stoleNull = s == null;
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = stolen;
            r.r2 = queue.pop() == run ? 1 : 0;
            if (stolen == 0 && !stoleNull) {
                r.r1 = 2; // stole something that was not the entry
            }
        }
    }
}

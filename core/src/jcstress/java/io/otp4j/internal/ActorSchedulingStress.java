package io.otp4j.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.otp4j.actor.ExitReason;
import io.otp4j.internal.CellHarness.Letter;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The scheduling state machine of a real {@link ActorCell} ({@code IDLE -> SCHEDULED -> running -> IDLE |
 * SCHEDULED}): a message sent as a run ends is never stranded, two senders never start two runs, and no
 * message is handled twice. See {@link CellHarness} for how a run is driven: runs scheduled during the test
 * happen inline, so by the arbiter every message some run would handle has been handled.
 *
 * <p>Results, unless a test says otherwise: the times the first message was handled, the times the second
 * was handled, the times {@code receive} was entered while another run was inside it, and the runs
 * scheduled during the test. That last count is free: runs happen inline, so a sender whose schedule
 * comes after a run went idle starts another, possibly empty, run; two runs at once show in the third.
 */
public final class ActorSchedulingStress {

    private ActorSchedulingStress() {}

    /** A cell that is SCHEDULED with one message queued; its run is the first actor's. */
    abstract static class RunEndingState {
        final CellHarness harness;
        final Runnable run;
        final Letter first = new Letter();
        final Letter second = new Letter();

        RunEndingState(boolean batched) {
            harness = new CellHarness(batched);
            harness.cell.tell(first);
            run = harness.takeKept();
            harness.goInline();
        }

        void arbiter(IIII_Result r) {
            r.r1 = first.handled.get();
            r.r2 = second.handled.get();
            r.r3 = harness.overlaps();
            r.r4 = harness.executions();
        }
    }

    /**
     * The run handles one message and goes idle (store IDLE, re-check the mailbox) while another thread
     * tells a second message (enqueue, then try IDLE to SCHEDULED). Each side's write is a full fence before
     * its read, so at least one sees the other and the second message is handled.
     */
    @JCStressTest
    @Description("One message per run: a tell racing with the end of a run is handled exactly once")
    @Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE,
            desc = "the second message was run by the sender's schedule or by the run's re-check, exactly once")
    @Outcome(id = "1, 1, 0, ([2-9]|\\d{2,})", expect = ACCEPTABLE_INTERESTING,
            desc = "and then an empty run: the sender's schedule came after the re-check's run went idle")
    @Outcome(id = "1, 0, 0, .*", expect = FORBIDDEN,
            desc = "stranded: the run went idle without seeing the message and the sender saw it still scheduled")
    @Outcome(id = ".*, .*, [1-9]\\d*, .*", expect = FORBIDDEN, desc = "two runs of one cell at once")
    @Outcome(expect = FORBIDDEN, desc = "a message lost or handled twice")
    @State
    public static class TellAsOneMessageRunEnds extends RunEndingState {
        public TellAsOneMessageRunEnds() {
            super(false);
        }

        @Actor
        public void worker() {
            run.run();
        }

        @Actor
        public void sender() {
            harness.cell.tell(second);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            super.arbiter(r);
        }
    }

    /**
     * As above with a batch of 64 per run: the run may also take the second message itself, in which case
     * the sender finds the cell still scheduled (no new run) or already idle (one empty run).
     */
    @JCStressTest
    @Description("Batched runs: a tell racing with the end of a run is handled exactly once")
    @Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "the run took the second message in its batch")
    @Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE,
            desc = "a second run: by the re-check, or by the sender after the run took the message (an empty run)")
    @Outcome(id = "1, 1, 0, ([2-9]|\\d{2,})", expect = ACCEPTABLE_INTERESTING,
            desc = "and then an empty run: the sender's schedule came after the re-check's run went idle")
    @Outcome(id = "1, 0, 0, .*", expect = FORBIDDEN,
            desc = "stranded: the run went idle without seeing the message and the sender saw it still scheduled")
    @Outcome(id = ".*, .*, [1-9]\\d*, .*", expect = FORBIDDEN, desc = "two runs of one cell at once")
    @Outcome(expect = FORBIDDEN, desc = "a message lost or handled twice")
    @State
    public static class TellAsBatchedRunEnds extends RunEndingState {
        public TellAsBatchedRunEnds() {
            super(true);
        }

        @Actor
        public void worker() {
            run.run();
        }

        @Actor
        public void sender() {
            harness.cell.tell(second);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            super.arbiter(r);
        }
    }

    /**
     * Two threads tell an idle cell at once. Both enqueue and both try the IDLE to SCHEDULED CAS: one run
     * starts (on the winner's thread, here), and the other sender either lost the CAS (its message is
     * taken by that run or by its re-check) or came after the run ended and starts the next.
     */
    @JCStressTest
    @Description("Two senders to an idle cell: each message handled once, never two runs at once")
    @Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE, desc = "one run handled both messages")
    @Outcome(id = "1, 1, 0, ([2-9]|\\d{2,})", expect = ACCEPTABLE_INTERESTING,
            desc = "runs one after the other: a sender came after a run went idle (some may find nothing to do)")
    @Outcome(id = ".*, .*, [1-9]\\d*, .*", expect = FORBIDDEN, desc = "two runs of one cell at once")
    @Outcome(expect = FORBIDDEN, desc = "a message lost or handled twice")
    @State
    public static class TwoSendersToIdleCell {
        final CellHarness harness = new CellHarness(false);
        final Letter first = new Letter();
        final Letter second = new Letter();

        public TwoSendersToIdleCell() {
            harness.goInline();
        }

        @Actor
        public void firstSender() {
            harness.cell.tell(first);
        }

        @Actor
        public void secondSender() {
            harness.cell.tell(second);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r1 = first.handled.get();
            r.r2 = second.handled.get();
            r.r3 = harness.overlaps();
            r.r4 = harness.executions();
        }
    }

    /**
     * A stop signal pushed on the system channel (a Treiber stack) as the run ends: like a message, it is
     * never stranded, so the cell terminates. Results: the times the queued message was handled, the times
     * it was dead-lettered, whether the cell terminated, and the runs scheduled during the test.
     */
    @JCStressTest
    @Description("A signal racing with the end of a run is never stranded")
    @Outcome(id = "1, 0, 1, \\d+", expect = ACCEPTABLE, desc = "the message was handled, then the stop")
    @Outcome(id = "0, 1, 1, \\d+", expect = ACCEPTABLE_INTERESTING,
            desc = "the stop came first: signals go before messages, so the message went to dead letters")
    @Outcome(id = ".*, .*, 0, .*", expect = FORBIDDEN, desc = "stranded: the stop was never processed")
    @Outcome(expect = FORBIDDEN, desc = "a message both handled and dead-lettered, or neither")
    @State
    public static class StopAsRunEnds {
        final CellHarness harness = new CellHarness(false);
        final Letter first = new Letter();
        final Runnable run;

        public StopAsRunEnds() {
            harness.cell.tell(first);
            run = harness.takeKept();
            harness.goInline();
        }

        @Actor
        public void worker() {
            run.run();
        }

        @Actor
        public void stopper() {
            harness.cell.sendSystem(new SystemMessage.Stop(ExitReason.NORMAL));
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r1 = first.handled.get();
            r.r2 = first.deadLettered.get();
            r.r3 = harness.cell.isTerminated() ? 1 : 0;
            r.r4 = harness.executions();
        }
    }

    /**
     * Two workers claim the same scheduled cell, as the default pool's worker holding a stale run-queue
     * entry and a blocked sender that runs the cell itself do: exactly one wins, so the cell never runs on
     * two threads at once and its scheduling is never lost. Results: whether each claim won.
     */
    @JCStressTest
    @Description("Claiming a scheduled cell: exactly one of two claims wins")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the first claimant runs the cell")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the second claimant runs the cell")
    @Outcome(id = "1, 1", expect = FORBIDDEN, desc = "both won: two runs of one cell at once")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "neither won: the scheduling is lost")
    @State
    public static class TwoClaims {
        final CellHarness harness = new CellHarness(false);

        public TwoClaims() {
            harness.cell.tell(new Letter()); // scheduled; the dispatcher keeps the run: nobody claimed it
        }

        @Actor
        public void staleEntry(II_Result r) {
            r.r1 = harness.cell.claim() != Mailbox.NOT_CLAIMED ? 1 : 0;
        }

        @Actor
        public void blockedSender(II_Result r) {
            r.r2 = harness.cell.claim() != Mailbox.NOT_CLAIMED ? 1 : 0;
        }
    }

    /**
     * A cell scheduled from outside the pool (the harness's thread is no pool worker) is claimed by its run
     * while a worker's send marks it as fed from inside (CAS to SCHEDULED): the claim retries if the mark
     * came first, so the run is claimed once either way, and never lost. Results: the state the claim took
     * (3 scheduled from outside, 1 scheduled, -1 lost), the state after both (2 claimed).
     */
    @JCStressTest
    @Description("Claiming a cell scheduled from outside while a worker's send marks it as fed from inside")
    @Outcome(id = "3, 2", expect = ACCEPTABLE, desc = "claimed first: the mark found it claimed and did nothing")
    @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "marked first: the claim took the new state")
    @Outcome(id = "-1, .*", expect = FORBIDDEN, desc = "the claim failed: the scheduling is lost")
    @Outcome(id = ".*, [013]", expect = FORBIDDEN, desc = "not claimed at the end")
    @State
    public static class ClaimWhileFedFromInside {
        final CellHarness harness = new CellHarness(false);

        public ClaimWhileFedFromInside() {
            harness.cell.tell(new Letter()); // scheduled from outside; the dispatcher keeps the run
        }

        @Actor
        public void run(II_Result r) {
            r.r1 = harness.cell.claim();
        }

        @Actor
        public void workerSends() {
            harness.cell.fedFromInside();
        }

        @Arbiter
        public void after(II_Result r) {
            r.r2 = harness.cell.schedulingState();
        }
    }

    /**
     * As {@link TellAsOneMessageRunEnds}, but the sender's message is the first of another priority than
     * NORMAL to a default mailbox: the sender swaps the cell's mailbox for a priority queue around it (CAS)
     * and offers to a new level, while the run goes idle and re-checks the mailbox (a volatile read of the
     * field). The swap is a full fence before the sender's status read, and the re-check reads the field
     * after the IDLE store, so the argument holds for the new level too.
     */
    @JCStressTest
    @Description("One message per run: a HIGH tell that makes a default mailbox a priority one as a run ends")
    @Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE,
            desc = "the second message was run by the sender's schedule or by the run's re-check, exactly once")
    @Outcome(id = "1, 1, 0, ([2-9]|\\d{2,})", expect = ACCEPTABLE_INTERESTING,
            desc = "and then an empty run: the sender's schedule came after the re-check's run went idle")
    @Outcome(id = "1, 0, 0, .*", expect = FORBIDDEN,
            desc = "stranded: the run went idle without seeing the new level and the sender saw it still scheduled")
    @Outcome(id = ".*, .*, [1-9]\\d*, .*", expect = FORBIDDEN, desc = "two runs of one cell at once")
    @Outcome(expect = FORBIDDEN, desc = "a message lost or handled twice")
    @State
    public static class PriorityTellAsOneMessageRunEnds extends RunEndingState {
        private static final SendOptions HIGH = SendOptions.priority(Priority.HIGH);

        public PriorityTellAsOneMessageRunEnds() {
            super(false);
        }

        @Actor
        public void worker() {
            run.run();
        }

        @Actor
        public void sender() {
            harness.cell.tell(second, HIGH);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            super.arbiter(r);
        }
    }

    /** As {@link PriorityTellAsOneMessageRunEnds} with a batch of 64 per run. */
    @JCStressTest
    @Description("Batched runs: a HIGH tell that makes a default mailbox a priority one as a run ends")
    @Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "the run took the second message in its batch")
    @Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE,
            desc = "a second run: by the re-check, or by the sender after the run took the message (an empty run)")
    @Outcome(id = "1, 1, 0, ([2-9]|\\d{2,})", expect = ACCEPTABLE_INTERESTING,
            desc = "and then an empty run: the sender's schedule came after the re-check's run went idle")
    @Outcome(id = "1, 0, 0, .*", expect = FORBIDDEN,
            desc = "stranded: the run went idle without seeing the new level and the sender saw it still scheduled")
    @Outcome(id = ".*, .*, [1-9]\\d*, .*", expect = FORBIDDEN, desc = "two runs of one cell at once")
    @Outcome(expect = FORBIDDEN, desc = "a message lost or handled twice")
    @State
    public static class PriorityTellAsBatchedRunEnds extends RunEndingState {
        private static final SendOptions HIGH = SendOptions.priority(Priority.HIGH);

        public PriorityTellAsBatchedRunEnds() {
            super(true);
        }

        @Actor
        public void worker() {
            run.run();
        }

        @Actor
        public void sender() {
            harness.cell.tell(second, HIGH);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            super.arbiter(r);
        }
    }
}

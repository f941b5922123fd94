package io.otp4j.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.otp4j.actor.ExitReason;
import io.otp4j.internal.CellHarness.Letter;
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
 * A real {@link ActorCell} terminating while another thread sends to it. At termination the run swaps the
 * {@code DEAD} marker into the system channel and answers what it took out as a dead cell would; a signal
 * pushed before the swap is processed or answered by the run, one pushed after it finds the marker and is
 * answered on the sender's thread. Either way, exactly once. User messages go to dead letters exactly once:
 * drained by the terminating run, or by a run that the sender or the run's re-check schedules. See
 * {@link CellHarness} for how runs are driven.
 */
public final class SystemChannelStress {

    private SystemChannelStress() {}

    /** A cell that is SCHEDULED with a stop waiting; its run, which terminates the cell, is the first actor's. */
    abstract static class TerminatingState {
        final CellHarness harness = new CellHarness(false);
        final Runnable run;

        TerminatingState() {
            harness.cell.sendSystem(new SystemMessage.Stop(ExitReason.NORMAL));
            run = harness.takeKept();
            harness.goInline();
        }
    }

    /**
     * A termination hook registered as the cell terminates: it runs exactly once, whether the cell took it
     * before terminating (and ran it with the others), found it while closing the channel, or the sender
     * found the channel closed. Results: the times the hook ran, and the runs scheduled during the test.
     */
    @JCStressTest
    @Description("A termination hook sent as the cell terminates runs exactly once")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "taken by the terminating run, or answered by the sender")
    @Outcome(id = "1, [1-9]\\d*", expect = ACCEPTABLE_INTERESTING,
            desc = "pushed before the channel closed, but its schedule came after the run went idle: one empty run")
    @Outcome(id = "0, .*", expect = FORBIDDEN, desc = "lost: the hook never ran")
    @Outcome(expect = FORBIDDEN, desc = "the hook ran twice")
    @State
    public static class HookAsCellTerminates extends TerminatingState {
        final AtomicInteger hookRuns = new AtomicInteger();

        @Actor
        public void worker() {
            run.run();
        }

        @Actor
        public void registrar() {
            harness.cell.sendSystem(new SystemMessage.OnTermination(reason -> hookRuns.incrementAndGet()));
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = hookRuns.get();
            r.r2 = harness.executions();
        }
    }

    /**
     * A message told as the cell terminates: the cell was stopped before it, so it is never handled, and it
     * goes to dead letters exactly once. Results: the times it was handled, dead-lettered, and the runs
     * scheduled during the test.
     */
    @JCStressTest
    @Description("A message told as the cell terminates goes to dead letters exactly once")
    @Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "drained by the terminating run")
    @Outcome(id = "0, 1, [1-9]\\d*", expect = ACCEPTABLE_INTERESTING,
            desc = "drained by a later run: scheduled by the sender, or by the terminating run's re-check")
    @Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "stranded in the mailbox of a dead cell")
    @Outcome(expect = FORBIDDEN, desc = "handled after the stop, or dead-lettered twice")
    @State
    public static class TellAsCellTerminates extends TerminatingState {
        final Letter letter = new Letter();

        @Actor
        public void worker() {
            run.run();
        }

        @Actor
        public void sender() {
            harness.cell.tell(letter);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r1 = letter.handled.get();
            r.r2 = letter.deadLettered.get();
            r.r3 = harness.executions();
        }
    }
}

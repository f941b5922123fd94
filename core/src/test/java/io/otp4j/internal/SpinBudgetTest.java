package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The spin of a caller blocked on a reply: it learns whether spinning pays, stops spinning when replies
 * only come after it would have parked (a loaded machine, where the spin keeps the replier off the core),
 * and spins again when they come while it spins. Outcomes are made deterministic with a future that
 * reports itself done at a chosen check; nothing here depends on how fast the machine is.
 */
class SpinBudgetTest {

    /** A future that is done from its {@code doneAtCheck}-th {@link #isDone()} on (never, if 0). */
    private static final class DoneAtCheck extends CompletableFuture<Object> {
        private final int doneAtCheck;
        private int checks;

        DoneAtCheck(int doneAtCheck) {
            this.doneAtCheck = doneAtCheck;
        }

        @Override
        public boolean isDone() {
            return doneAtCheck > 0 && ++checks >= doneAtCheck;
        }
    }

    private static final long MICRO = TimeUnit.MICROSECONDS.toNanos(1);

    @Test
    void spinsThatNeverSeeTheReplyHalveTheBudgetUntilWaitsParkAtOnce() {
        SpinBudget budget = new SpinBudget();
        assertThat(budget.nanos()).isEqualTo(SpinBudget.MAX_NANOS);
        List<Long> budgets = new ArrayList<>();
        for (int wait = 0; wait < 6; wait++) {
            assertThat(budget.spinUntilDone(new DoneAtCheck(0))).isFalse();
            budgets.add(budget.nanos());
        }
        long max = SpinBudget.MAX_NANOS;
        assertThat(budgets).containsExactly(max / 2, max / 4, max / 8, max / 16, max / 32, 0L);
        assertThat(max / 64).isLessThan(SpinBudget.MIN_NANOS); // why the sixth halving gave 0
        for (int wait = 0; wait < 1_000; wait++) { // probes among them fail too
            assertThat(budget.spinUntilDone(new DoneAtCheck(0))).isFalse();
        }
        assertThat(budget.nanos()).isZero();
    }

    @Test
    void aSpinThatSeesTheReplyDoublesTheBudgetUpToTheLongestSpin() {
        SpinBudget budget = new SpinBudget();
        for (int wait = 0; wait < 4; wait++) {
            budget.spinUntilDone(new DoneAtCheck(0));
        }
        long shrunk = SpinBudget.MAX_NANOS / 16;
        assertThat(budget.nanos()).isEqualTo(shrunk);
        List<Long> budgets = new ArrayList<>();
        for (int wait = 0; wait < 5; wait++) {
            // done at the spin's first check, which no clock read precedes: at a later one, a thread preempted
            // for longer than the budget (3 µs at first) would find the spin over first
            assertThat(budget.spinUntilDone(new DoneAtCheck(2))).isTrue(); // done during the spin
            budgets.add(budget.nanos());
        }
        assertThat(budgets).containsExactly(shrunk * 2, shrunk * 4, shrunk * 8, SpinBudget.MAX_NANOS,
                SpinBudget.MAX_NANOS);
    }

    @Test
    void aSmallBudgetThatSeesTheReplyGrowsToAtLeastTheGrownSpin() {
        SpinBudget budget = new SpinBudget();
        for (int wait = 0; wait < 5; wait++) {
            budget.spinUntilDone(new DoneAtCheck(0));
        }
        assertThat(budget.nanos()).isEqualTo(SpinBudget.MAX_NANOS / 32).isLessThan(SpinBudget.GROWN_NANOS / 2);
        assertThat(budget.spinUntilDone(new DoneAtCheck(2))).isTrue();
        assertThat(budget.nanos()).isEqualTo(SpinBudget.GROWN_NANOS);
    }

    @Test
    void whileWaitsParkAtOnceAProbeThatSeesTheReplyRestoresSpinning() {
        SpinBudget budget = new SpinBudget();
        while (budget.nanos() > 0) {
            budget.spinUntilDone(new DoneAtCheck(0));
        }
        // most waits return at once (done at the second check, so only a probe's spin sees it done);
        // one in PROBE_EVERY probes: the chance that a million waits include none is nil
        int waits = 0;
        while (budget.nanos() == 0 && waits < 1_000_000) {
            budget.spinUntilDone(new DoneAtCheck(2));
            waits++;
        }
        assertThat(budget.nanos()).isEqualTo(SpinBudget.GROWN_NANOS);
    }

    @Test
    void aFutureAlreadyDoneIsNotSpunOnAndTeachesNothing() {
        SpinBudget budget = new SpinBudget();
        budget.spinUntilDone(new DoneAtCheck(0));
        long before = budget.nanos();
        assertThat(budget.spinUntilDone(CompletableFuture.completedFuture("x"))).isTrue();
        assertThat(budget.nanos()).isEqualTo(before);
    }

    @Test
    void aReplyThatComesOnlyAfterTheCallerParkedIsDeliveredAndTheCallerLearnsToParkAtOnce() throws Exception {
        SpinBudget budget = new SpinBudget();
        for (int ask = 0; ask < 8; ask++) {
            ReplyFuture<Integer> reply = new ReplyFuture<>(budget);
            FutureTask<Integer> caller = new FutureTask<>(() -> reply.get(60, TimeUnit.SECONDS));
            Thread thread = Thread.ofPlatform().name("caller-" + ask).start(caller);
            // the reply comes only once the caller is parked, after its spin: the spin never sees it
            await().atMost(Duration.ofSeconds(30)).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
            reply.complete(ask);
            assertThat(caller.get(60, TimeUnit.SECONDS)).isEqualTo(ask);
        }
        assertThat(budget.nanos()).isZero();
        ReplyFuture<Integer> reply = new ReplyFuture<>(budget);
        reply.complete(42);
        assertThat(reply.join()).isEqualTo(42); // parking at once changes nothing for a reply already there
    }

    @Test
    void anInterruptedCallerStillGetsInterruptedExceptionAndKeepsNoFlag() {
        ReplyFuture<Integer> reply = new ReplyFuture<>(new SpinBudget());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(reply::get).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aFailedReplyEndsTheWaitWithTheFailureAfterTheSpin() {
        ReplyFuture<Integer> reply = new ReplyFuture<>(new SpinBudget());
        reply.completeExceptionally(new IllegalStateException("no"));
        assertThatThrownBy(reply::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("no");
    }
}

package io.otp4j.examples.saga;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.AskTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * Runs one saga: asks each step's actor to {@link StepActor.Execute} in turn, each with the step's
 * timeout; if all are done, the saga is {@link SagaOutcome.Committed}. When a step fails, the steps done
 * before it are asked to {@link StepActor.Compensate}, last first, and the saga is
 * {@link SagaOutcome.RolledBack}. Either way it answers every {@link Run} and stops.
 *
 * <p>A step fails when it refuses ({@link StepActor.Refused}) or does not answer in time. A crash is seen
 * as no answer: the crashed request is not redelivered after the step actor's restart, so its reply
 * never comes. A step that did not answer may still finish later, so it is also sent
 * {@link StepActor.Abort}, which undoes it once it does (compensations are idempotent).
 *
 * <p>The coordinator never blocks: each ask's outcome comes back as a message ({@code pipeToSelf}), so
 * its state is only touched in {@code receive}.
 *
 * <pre>
 *   execute 1 -&gt; done -&gt; execute 2 -&gt; done -&gt; execute 3 -&gt; done -&gt; Committed
 *                                     \-&gt; refused / no answer -&gt; (abort 3) compensate 2 -&gt; compensate 1 -&gt; RolledBack
 * </pre>
 */
public final class SagaCoordinator implements Actor<SagaCoordinator.Msg> {

    /**
     * A step of the saga as the coordinator sees it.
     *
     * @param name the step's name, for the journal
     * @param actor the step actor
     * @param timeout how long to wait for its answers
     */
    public record Step(String name, ActorRef<StepActor.Command> actor, Duration timeout) {
        /** Validates the fields. */
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** What the coordinator accepts: {@link Run} from outside, the rest from its own asks. */
    public sealed interface Msg permits Run, ExecuteAnswered, ExecuteUnanswered, CompensateAnswered,
            CompensateUnanswered {}

    /**
     * Run the saga (the first {@code Run} starts it) and send its outcome to {@code replyTo}.
     *
     * @param replyTo who gets the outcome
     */
    public record Run(ActorRef<SagaOutcome> replyTo) implements Msg {}

    record ExecuteAnswered(int step, StepActor.Outcome outcome) implements Msg {}

    record ExecuteUnanswered(int step, Throwable failure) implements Msg {}

    record CompensateAnswered(int step, StepActor.Compensated answer) implements Msg {}

    record CompensateUnanswered(int step, Throwable failure) implements Msg {}

    private final String sagaId;
    private final Trip trip;
    private final List<Step> steps;
    private final List<ActorRef<SagaOutcome>> replyTo = new ArrayList<>();
    private final List<SagaEvent> journal = new ArrayList<>();
    private String failedStep;

    /**
     * @param sagaId the saga's id, passed to every step as the idempotency key
     * @param trip what to book
     * @param steps the steps, in execution order
     */
    public SagaCoordinator(String sagaId, Trip trip, List<Step> steps) {
        this.sagaId = Objects.requireNonNull(sagaId, "sagaId");
        this.trip = Objects.requireNonNull(trip, "trip");
        this.steps = List.copyOf(steps);
    }

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) {
        switch (msg) {
            case Run(var who) -> {
                replyTo.add(who);
                if (replyTo.size() == 1) {
                    execute(0, ctx);
                }
            }
            case ExecuteAnswered(int i, StepActor.Done(String detail)) -> {
                journal.add(new SagaEvent.StepCompleted(name(i), detail));
                execute(i + 1, ctx);
            }
            case ExecuteAnswered(int i, StepActor.Refused(String reason)) -> {
                journal.add(new SagaEvent.StepRefused(name(i), reason));
                rollBack(i, ctx);
            }
            case ExecuteUnanswered(int i, Throwable failure) -> {
                journal.add(new SagaEvent.StepUnanswered(name(i), describe(failure, i)));
                steps.get(i).actor().tell(new StepActor.Abort(sagaId)); // in case it finishes after all
                rollBack(i, ctx);
            }
            case CompensateAnswered(int i, StepActor.Compensated(String detail)) -> {
                journal.add(new SagaEvent.StepCompensated(name(i), detail));
                compensate(i - 1, ctx);
            }
            case CompensateUnanswered(int i, Throwable failure) -> {
                journal.add(new SagaEvent.CompensationFailed(name(i), describe(failure, i)));
                compensate(i - 1, ctx);
            }
        }
    }

    private void execute(int i, ActorContext<Msg> ctx) {
        if (i == steps.size()) {
            finish(new SagaOutcome.Committed(sagaId, journal), ctx);
            return;
        }
        Step step = steps.get(i);
        ctx.pipeToSelf(step.actor().<StepActor.Outcome>ask(r -> new StepActor.Execute(sagaId, trip, r), step.timeout()),
                (outcome, failure) -> failure == null ? new ExecuteAnswered(i, outcome) : new ExecuteUnanswered(i, failure));
    }

    private void rollBack(int failed, ActorContext<Msg> ctx) {
        failedStep = name(failed);
        compensate(failed - 1, ctx);
    }

    private void compensate(int i, ActorContext<Msg> ctx) {
        if (i < 0) {
            finish(new SagaOutcome.RolledBack(sagaId, failedStep, journal), ctx);
            return;
        }
        Step step = steps.get(i);
        ctx.pipeToSelf(step.actor().<StepActor.Compensated>ask(r -> new StepActor.Compensate(sagaId, r), step.timeout()),
                (answer, failure) -> failure == null ? new CompensateAnswered(i, answer)
                        : new CompensateUnanswered(i, failure));
    }

    private void finish(SagaOutcome outcome, ActorContext<Msg> ctx) {
        replyTo.forEach(who -> who.tell(outcome));
        ctx.stop();
    }

    private String name(int i) {
        return steps.get(i).name();
    }

    private String describe(Throwable failure, int i) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return cause instanceof AskTimeoutException
                ? "no answer within " + steps.get(i).timeout().toMillis() + " ms"
                : cause.toString();
    }
}

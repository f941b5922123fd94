package io.otp4j.examples.saga;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import java.util.Objects;

/**
 * Runs one {@link SagaStep} for any number of sagas, one request at a time: the step protocol is
 * request-response ({@code ask}) for {@link Execute} and {@link Compensate}, fire-and-forget for
 * {@link Abort}.
 *
 * <p>A {@link StepRefusedException} is answered as {@link Refused}; anything else the step throws crashes
 * this actor without a reply, and its supervisor restarts it (the ref stays the same). The coordinator
 * sees no reply within the step's timeout, exactly as for a step that hangs.
 *
 * <p>Requests are handled in the order they arrive: an {@code Abort} sent after an {@code Execute} that
 * timed out runs after that {@code Execute} finally finishes, and undoes it.
 */
public final class StepActor implements Actor<StepActor.Command> {

    /** The step protocol: what a step actor accepts. */
    public sealed interface Command permits Execute, Compensate, Abort {}

    /**
     * Do the step for a saga and answer {@link Done} or {@link Refused}.
     *
     * @param sagaId the saga
     * @param trip what to book
     * @param replyTo who gets the outcome
     */
    public record Execute(String sagaId, Trip trip, ActorRef<Outcome> replyTo) implements Command {}

    /**
     * Undo the step for a saga and answer {@link Compensated}.
     *
     * @param sagaId the saga
     * @param replyTo who gets the answer
     */
    public record Compensate(String sagaId, ActorRef<Compensated> replyTo) implements Command {}

    /**
     * Undo the step for a saga, if it was done, without answering: sent for a step that did not answer in
     * time, whose outcome the coordinator cannot know.
     *
     * @param sagaId the saga
     */
    public record Abort(String sagaId) implements Command {}

    /** The answer to {@link Execute}. */
    public sealed interface Outcome permits Done, Refused {}

    /**
     * The step was done.
     *
     * @param detail what was done
     */
    public record Done(String detail) implements Outcome {}

    /**
     * The step refused and did nothing.
     *
     * @param reason why
     */
    public record Refused(String reason) implements Outcome {}

    /**
     * The answer to {@link Compensate}: the step was undone.
     *
     * @param detail what was undone
     */
    public record Compensated(String detail) {}

    private final SagaStep step;

    /** @param step the step to run */
    public StepActor(SagaStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    @Override
    public void receive(Command command, ActorContext<Command> ctx) {
        switch (command) {
            case Execute(String sagaId, Trip trip, var replyTo) -> replyTo.tell(execute(sagaId, trip));
            case Compensate(String sagaId, var replyTo) -> replyTo.tell(new Compensated(step.compensate(sagaId)));
            case Abort(String sagaId) -> step.compensate(sagaId);
        }
    }

    private Outcome execute(String sagaId, Trip trip) {
        try {
            return new Done(step.execute(sagaId, trip)); // any other exception: let it crash
        } catch (StepRefusedException refused) {
            return new Refused(refused.getMessage());
        }
    }
}

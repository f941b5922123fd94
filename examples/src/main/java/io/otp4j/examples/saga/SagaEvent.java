package io.otp4j.examples.saga;

/** One entry of a saga's journal: what happened to one step, in the order the coordinator saw it. */
public sealed interface SagaEvent {

    /** @return the step's name */
    String step();

    /**
     * The step was done.
     *
     * @param step the step
     * @param detail what it did
     */
    record StepCompleted(String step, String detail) implements SagaEvent {}

    /**
     * The step refused, having done nothing: the saga rolls back.
     *
     * @param step the step
     * @param reason why
     */
    record StepRefused(String step, String reason) implements SagaEvent {}

    /**
     * The step did not answer in time (it hung, crashed, or its actor is gone): the saga rolls back, and
     * the step is told to abort, since it may still finish later.
     *
     * @param step the step
     * @param reason what the coordinator saw
     */
    record StepUnanswered(String step, String reason) implements SagaEvent {}

    /**
     * A completed step was undone.
     *
     * @param step the step
     * @param detail what was undone
     */
    record StepCompensated(String step, String detail) implements SagaEvent {}

    /**
     * A completed step's compensation did not answer in time: the step may still hold something and needs
     * a person (or a retry) to look at it.
     *
     * @param step the step
     * @param reason what the coordinator saw
     */
    record CompensationFailed(String step, String reason) implements SagaEvent {}
}

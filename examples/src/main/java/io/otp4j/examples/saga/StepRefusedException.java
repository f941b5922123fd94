package io.otp4j.examples.saga;

/**
 * A step said no for a business reason (no seat left, card declined): an expected outcome, answered as
 * {@link StepActor.Refused}, unlike any other exception, which crashes the step actor.
 */
public final class StepRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason why the step refused, for the saga's journal */
    public StepRefusedException(String reason) {
        super(reason);
    }
}

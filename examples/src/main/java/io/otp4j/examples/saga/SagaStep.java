package io.otp4j.examples.saga;

import java.time.Duration;

/**
 * One step of the booking saga and its compensation: the client of one external system (airline, hotel,
 * card issuer), run by a {@link StepActor}.
 *
 * <p>Both operations are keyed by the saga's id, which makes them idempotent: executing twice for the
 * same saga holds one seat, and compensating undoes what that saga holds here, if anything. That is what
 * lets the coordinator compensate a step whose outcome it does not know (it timed out).
 *
 * <p>Threads: called only by its step actor, one call at a time; implementations that others read (for
 * reports, for tests) must make those reads thread-safe.
 */
public interface SagaStep {

    /** @return the step's name, also its step actor's name: letters, digits and dashes */
    String name();

    /**
     * Does the step for a saga.
     *
     * @param sagaId the saga, the idempotency key
     * @param trip what to book
     * @return what was done, for the saga's journal
     * @throws StepRefusedException if the step cannot be done, having done nothing
     */
    String execute(String sagaId, Trip trip) throws StepRefusedException;

    /**
     * Undoes what {@link #execute} did for a saga; does nothing if it did nothing. Must not fail for a
     * business reason: compensations are how a saga gets back to a consistent state.
     *
     * @param sagaId the saga
     * @return what was undone, for the saga's journal
     */
    String compensate(String sagaId);

    /** @return how long the coordinator waits for this step's reply, and for its compensation's */
    default Duration timeout() {
        return Duration.ofSeconds(5);
    }
}

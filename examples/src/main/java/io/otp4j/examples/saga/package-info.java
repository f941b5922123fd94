/**
 * Use case: a saga. A {@link io.otp4j.examples.saga.SagaCoordinator} books a trip in three steps, each
 * run by a supervised {@link io.otp4j.examples.saga.StepActor} through {@code ask} with a timeout; when a
 * step refuses or does not answer, the steps done before it are compensated, last first. Start at
 * {@link io.otp4j.examples.saga.SagaExample}; the guide is {@code docs/use-cases/saga.md}.
 */
package io.otp4j.examples.saga;

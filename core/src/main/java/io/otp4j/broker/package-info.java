/**
 * Messaging between actors through a broker: point-to-point by registered name, publish-subscribe by
 * topic (with NATS-style wildcards), and request-response. {@link io.otp4j.broker.MessageBroker} is the
 * service-provider interface; {@link io.otp4j.broker.MessageBroker#of} returns the embedded, in-memory one
 * that every {@link io.otp4j.actor.ActorSystem} has.
 *
 * <p>See {@code docs/how-to/messaging.md} for a guide with the delivery guarantees.
 */
package io.otp4j.broker;

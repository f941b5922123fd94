/**
 * Finding actors by name: a registry of unique, typed names ({@link io.otp4j.registry.ServiceKey}, Erlang's
 * {@code register/2} and {@code whereis/1}) and of process groups ({@link io.otp4j.registry.GroupKey},
 * Erlang's {@code pg}), both cleaned up automatically when an actor terminates.
 *
 * <p>Every {@link io.otp4j.actor.ActorSystem} has one registry, {@code Registry.of(system)}; the message
 * broker ({@code MessageBroker.of(system)}) sends by name through it.
 */
package io.otp4j.registry;


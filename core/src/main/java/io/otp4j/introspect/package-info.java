/**
 * A read-only view of a running system's actor tree, for observers, dashboards and tests:
 * {@link io.otp4j.actor.ActorSystem#snapshot()} returns a {@link io.otp4j.introspect.SystemSnapshot} of
 * {@link io.otp4j.introspect.ActorSnapshot}s. Taking one walks the live tree without stopping any actor, so
 * it is a consistent-enough picture rather than an atomic one.
 */
package io.otp4j.introspect;

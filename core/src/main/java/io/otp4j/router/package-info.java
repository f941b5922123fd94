/**
 * Routers and worker pools: an actor ref that spreads the messages told to it over several routees.
 * {@link io.otp4j.router.Routers#pool} spawns and supervises its own routees (a worker pool);
 * {@link io.otp4j.router.Routers#group} routes to existing actors, a fixed list or the members of a
 * process group. {@link io.otp4j.router.RoutingStrategy} chooses the routee: round-robin, random,
 * smallest mailbox, consistent hashing, or broadcast.
 */
package io.otp4j.router;

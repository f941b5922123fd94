package io.otp4j.router;

import java.util.Objects;
import java.util.function.Function;

/**
 * How a router chooses the routee for each message. Immutable configuration: each router instance keeps
 * its own state (the round-robin position, the random generator, the hash ring), so one strategy may be
 * shared by many routers.
 *
 * <ul>
 *   <li>{@link #roundRobin()}: routees in turn, in routee order.</li>
 *   <li>{@link #random()}: a uniformly random routee.</li>
 *   <li>{@link #smallestMailbox()}: the routee with the fewest waiting messages; an empty mailbox is taken
 *       at once, and the scan starts one routee further each time so that ties are spread. Routees that
 *       are not actors of this runtime count as empty.</li>
 *   <li>{@link #consistentHashing(Function)}: the routee owning the message's key on a hash ring, so that
 *       messages with equal keys go to the same routee for as long as the routees stay the same; when a
 *       routee is added or removed, only the keys on its arcs move.</li>
 *   <li>{@link #broadcast()}: every routee gets every message (the same object).</li>
 * </ul>
 *
 * @param <M> the message type
 */
public sealed interface RoutingStrategy<M>
        permits Strategies.RoundRobin, Strategies.Random, Strategies.SmallestMailbox, Strategies.ConsistentHashing,
        Strategies.Broadcast {

    /**
     * @param <M> the message type
     * @return routees in turn
     */
    static <M> RoutingStrategy<M> roundRobin() {
        return new Strategies.RoundRobin<>();
    }

    /**
     * @param <M> the message type
     * @return a random routee per message, from a generator seeded differently for each router
     */
    static <M> RoutingStrategy<M> random() {
        return new Strategies.Random<>(java.util.OptionalLong.empty());
    }

    /**
     * @param seed the generator's seed, for reproducible choices
     * @param <M> the message type
     * @return a random routee per message, each router's generator starting from {@code seed}
     */
    static <M> RoutingStrategy<M> random(long seed) {
        return new Strategies.Random<>(java.util.OptionalLong.of(seed));
    }

    /**
     * @param <M> the message type
     * @return the routee with the fewest waiting messages
     */
    static <M> RoutingStrategy<M> smallestMailbox() {
        return new Strategies.SmallestMailbox<>();
    }

    /**
     * Consistent hashing with 32 points per routee on the ring.
     *
     * @param keyOf the message's key; equal keys ({@code equals} and {@code hashCode}) go to the same
     *     routee; must not return null
     * @param <M> the message type
     * @return the strategy
     */
    static <M> RoutingStrategy<M> consistentHashing(Function<? super M, ?> keyOf) {
        return consistentHashing(keyOf, Strategies.DEFAULT_VIRTUAL_NODES);
    }

    /**
     * @param keyOf the message's key; must not return null
     * @param virtualNodes points per routee on the ring (more spread keys more evenly); at least 1
     * @param <M> the message type
     * @return the strategy
     */
    static <M> RoutingStrategy<M> consistentHashing(Function<? super M, ?> keyOf, int virtualNodes) {
        Objects.requireNonNull(keyOf, "keyOf must not be null");
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("virtualNodes must be at least 1: " + virtualNodes);
        }
        return new Strategies.ConsistentHashing<>(keyOf, virtualNodes);
    }

    /**
     * @param <M> the message type
     * @return every routee gets every message
     */
    static <M> RoutingStrategy<M> broadcast() {
        return new Strategies.Broadcast<>();
    }
}

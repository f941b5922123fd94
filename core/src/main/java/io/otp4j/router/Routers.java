package io.otp4j.router;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import io.otp4j.registry.GroupKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Entry point for routers: a router is an actor, spawned like any other, whose ref spreads the messages
 * told to it over its routees.
 *
 * <pre>{@code
 * ActorRef<Job> pool = system.spawn("workers", Routers.pool(4, Worker::new));        // supervised pool
 * ActorRef<Job> group = system.spawn("jobs", Routers.group(WORKERS)                   // registry group
 *         .withStrategy(RoutingStrategy.random()));
 * }</pre>
 *
 * <h2>Delivery</h2>
 * A router forwards each message with {@link ActorRef#offer}, unchanged, so the routee handles exactly
 * what the sender told; request-response works through a router as directly (the reply address travels in
 * the message). The message's {@link io.otp4j.mailbox.SendOptions} apply to the router's own mailbox and
 * travel on to the routee: the priority the message was queued at in the router's mailbox (a message that
 * declares its priority keeps it in any case), and what is left of its time to live, not a fresh one; a
 * message whose time to live runs out in the router is an {@code EXPIRED} dead letter. A routee whose full
 * mailbox refuses the message
 * ({@code REJECT}, or {@code BLOCK} past its timeout, which the router waits out) turns it into a
 * {@code MAILBOX_FULL} dead letter; a router without routees, into a {@code NO_ROUTEES} one. Messages from
 * one sender keep their order per routee. A failure of a function given to a router (a hash key function,
 * a broadcast predicate) is a failure of the router actor, handled by its parent like any other.
 */
public final class Routers {

    private Routers() {}

    /**
     * @param size the number of routees; at least 1
     * @param routee builds a routee, at each start and restart
     * @param <M> the routees' message type
     * @return a round-robin pool of {@code size} supervised routees; refine with the {@code with} methods
     */
    public static <M> PoolRouter<M> pool(int size, Supplier<? extends Actor<M>> routee) {
        return new PoolRouter<>(size, routee, RoutingStrategy.roundRobin(), Props.defaults(),
                PoolRouter.DEFAULT_MAX_RESTARTS, PoolRouter.DEFAULT_PERIOD, Optional.empty());
    }

    /**
     * @param key the group whose members are the routees, in join order
     * @param <M> the routees' message type
     * @return a round-robin router over the group's current members
     */
    public static <M> GroupRouter<M> group(GroupKey<M> key) {
        Objects.requireNonNull(key, "key must not be null");
        return new GroupRouter<>(Optional.of(key), List.of(), RoutingStrategy.roundRobin(), Optional.empty());
    }

    /**
     * @param routees the routees, in routing order; at least one
     * @param <M> the routees' message type
     * @return a round-robin router over those actors, each until it terminates
     */
    public static <M> GroupRouter<M> group(List<? extends ActorRef<M>> routees) {
        Objects.requireNonNull(routees, "routees must not be null");
        return new GroupRouter<>(Optional.empty(), List.copyOf(routees), RoutingStrategy.roundRobin(),
                Optional.empty());
    }
}

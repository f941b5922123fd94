package io.otp4j.router;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.registry.GroupKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A router over actors it does not own: the members of a process group, or a fixed list. Immutable; get
 * one from {@link Routers#group} and refine it with the {@code with} methods. It is the router's factory:
 * spawn it like any actor, and tell the returned ref.
 *
 * <pre>{@code
 * ActorRef<Job> jobs = system.spawn("jobs", Routers.group(WORKERS)
 *         .withStrategy(RoutingStrategy.consistentHashing(Job::customerId)));
 * }</pre>
 *
 * <p>Over a group, the routees follow the membership in the system's registry: actors that join are
 * routed to, actors that leave or terminate are not. Over a list, each listed actor is routed to until it
 * terminates. The router does not supervise its routees. With no routees, a message becomes a
 * {@code NO_ROUTEES} dead letter.
 *
 * @param key the group whose members are the routees, or empty for a fixed list
 * @param routees the fixed routees (empty when {@code key} is set)
 * @param strategy how a routee is chosen per message (default round-robin)
 * @param broadcastPredicate messages it accepts go to every routee, whatever the strategy
 * @param <M> the routees' message type
 */
public record GroupRouter<M>(Optional<GroupKey<M>> key, List<ActorRef<M>> routees, RoutingStrategy<M> strategy,
                             Optional<Predicate<? super M>> broadcastPredicate) implements Supplier<Actor<M>> {

    /** Validates the fields: a group key, or a non-empty list of routees, not both. */
    public GroupRouter {
        Objects.requireNonNull(key, "key must not be null");
        routees = List.copyOf(Objects.requireNonNull(routees, "routees must not be null"));
        Objects.requireNonNull(strategy, "strategy must not be null");
        Objects.requireNonNull(broadcastPredicate, "broadcastPredicate must not be null");
        if (key.isPresent() == !routees.isEmpty()) {
            throw new IllegalArgumentException(key.isPresent()
                    ? "a group router takes a group key or a list of routees, not both"
                    : "a group router needs a group key or at least one routee");
        }
    }

    /**
     * @param value how routees are chosen
     * @return a copy with that strategy
     */
    public GroupRouter<M> withStrategy(RoutingStrategy<M> value) {
        return new GroupRouter<>(key, routees, value, broadcastPredicate);
    }

    /**
     * @param value messages it accepts are sent to every routee
     * @return a copy with that predicate
     */
    public GroupRouter<M> withBroadcastPredicate(Predicate<? super M> value) {
        return new GroupRouter<>(key, routees, strategy,
                Optional.of(Objects.requireNonNull(value, "broadcast predicate must not be null")));
    }

    /** @return a new router instance; called by the runtime at spawn and at each restart of the router */
    @Override
    public Actor<M> get() {
        return new GroupRouterActor<>(this);
    }
}

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
 * <p>Nulls: no {@code with} argument may be null ({@link NullPointerException} naming it, at the call).
 * Equal when every field is equal (the same strategy object included).
 *
 * @param <M> the routees' message type
 */
public final class GroupRouter<M> implements Supplier<Actor<M>> {

    private final Optional<GroupKey<M>> key;
    private final List<ActorRef<M>> routees;
    private final RoutingStrategy<M> strategy;
    private final Optional<Predicate<? super M>> broadcastPredicate;

    /** Over a group ({@code routees} empty) or a list ({@code key} empty); {@link Routers#group} makes them. */
    GroupRouter(Optional<GroupKey<M>> key, List<ActorRef<M>> routees, RoutingStrategy<M> strategy,
                Optional<Predicate<? super M>> broadcastPredicate) {
        this.key = key;
        this.routees = List.copyOf(routees);
        this.strategy = Objects.requireNonNull(strategy, "strategy must not be null");
        this.broadcastPredicate = broadcastPredicate;
        if (key.isEmpty() && this.routees.isEmpty()) {
            throw new IllegalArgumentException("a group router needs a group key or at least one routee");
        }
    }

    /** @return the group whose members are the routees, or empty for a router over a fixed list */
    public Optional<GroupKey<M>> key() {
        return key;
    }

    /** @return the fixed routees, in routing order; empty for a router over a group */
    public List<ActorRef<M>> routees() {
        return routees;
    }

    /** @return how a routee is chosen per message (default round-robin) */
    public RoutingStrategy<M> strategy() {
        return strategy;
    }

    /** @return the predicate of messages that go to every routee, whatever the strategy, if set */
    public Optional<Predicate<? super M>> broadcastPredicate() {
        return broadcastPredicate;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupRouter<?> g && key.equals(g.key) && routees.equals(g.routees)
                && strategy.equals(g.strategy) && broadcastPredicate.equals(g.broadcastPredicate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, routees, strategy, broadcastPredicate);
    }

    @Override
    public String toString() {
        return "GroupRouter[" + key.map(k -> "group=" + k).orElse("routees=" + routees) + ", strategy=" + strategy
                + (broadcastPredicate.isPresent() ? ", broadcasting" : "") + "]";
    }
}

package io.otp4j.router;

import io.otp4j.actor.Actor;
import io.otp4j.actor.Props;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A worker pool: a router that spawns {@code size} routees of its own and supervises them. Immutable; get
 * one from {@link Routers#pool} and refine it with the {@code with} methods. It is the router's factory:
 * spawn it like any actor, and tell the returned ref.
 *
 * <pre>{@code
 * ActorRef<Job> pool = system.spawn("workers", Routers.pool(4, Worker::new)
 *         .withStrategy(RoutingStrategy.smallestMailbox()));
 * pool.tell(new Job(1));
 * }</pre>
 *
 * <h2>Supervision</h2>
 * The routees are the permanent workers {@code routee-1} ... {@code routee-N} of a ONE_FOR_ONE
 * {@link io.otp4j.supervisor.Supervisor} that the router spawns as its child {@code routees}
 * ({@code /user/workers/routees/routee-1}). A routee that crashes is restarted in place by that supervisor:
 * same ref, its waiting messages kept, the failed message dropped. A routee that stops itself is started
 * again in a fresh cell; meanwhile the pool routes around it. More than {@code maxRestarts} restarts within
 * {@code period} and the supervisor gives up: the router then exits with the supervisor's reason
 * (plain {@code shutdown}), which its own parent sees. The default intensity is
 * {@value #DEFAULT_MAX_RESTARTS} restarts per {@code 10 s}, not OTP's 1 per 5 s, which would stop a pool at
 * its second crash. A routee whose {@code onFailure} returns another action than {@code ESCALATE} handles
 * its failures itself, as any actor.
 *
 * <h2>Starting</h2>
 * Messages told before every routee has started are kept by the router, in order, and routed once all have
 * started. If a routee fails to start, the pool's supervisor fails and the router exits with its reason;
 * the kept messages become {@code RECIPIENT_TERMINATED} dead letters.
 *
 * <p>Nulls: no {@code with} argument may be null ({@link NullPointerException} naming it, at the call).
 * Equal when every field is equal (the same factory and strategy objects included).
 *
 * @param <M> the routees' message type
 */
public final class PoolRouter<M> implements Supplier<Actor<M>> {

    /** Default restart intensity: at most 10 restarts ... */
    public static final int DEFAULT_MAX_RESTARTS = 10;
    /** ... within 10 seconds. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);

    private final int size;
    private final Supplier<? extends Actor<M>> routee;
    private final RoutingStrategy<M> strategy;
    private final Props routeeProps;
    private final int maxRestarts;
    private final Duration period;
    private final Optional<Predicate<? super M>> broadcastPredicate;

    /** Validates the fields; {@link Routers#pool} and the {@code with} methods make pools. */
    PoolRouter(int size, Supplier<? extends Actor<M>> routee, RoutingStrategy<M> strategy, Props routeeProps,
               int maxRestarts, Duration period, Optional<Predicate<? super M>> broadcastPredicate) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + size);
        }
        this.routee = Objects.requireNonNull(routee, "routee factory must not be null");
        this.strategy = Objects.requireNonNull(strategy, "strategy must not be null");
        this.routeeProps = Objects.requireNonNull(routeeProps, "routeeProps must not be null");
        this.period = Objects.requireNonNull(period, "period must not be null");
        this.broadcastPredicate = Objects.requireNonNull(broadcastPredicate, "broadcastPredicate");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative: " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        this.size = size;
        this.maxRestarts = maxRestarts;
    }

    /** @return the number of routees */
    public int size() {
        return size;
    }

    /** @return builds a routee, at each start and restart */
    public Supplier<? extends Actor<M>> routee() {
        return routee;
    }

    /** @return how a routee is chosen per message (default round-robin) */
    public RoutingStrategy<M> strategy() {
        return strategy;
    }

    /** @return the routees' mailbox and dispatcher */
    public Props routeeProps() {
        return routeeProps;
    }

    /** @return restart intensity of the pool's supervisor: at most this many restarts within {@link #period()} */
    public int maxRestarts() {
        return maxRestarts;
    }

    /** @return the window of the restart intensity */
    public Duration period() {
        return period;
    }

    /** @return the predicate of messages that go to every routee, whatever the strategy, if set */
    public Optional<Predicate<? super M>> broadcastPredicate() {
        return broadcastPredicate;
    }

    /**
     * @param value how routees are chosen
     * @return a copy with that strategy
     */
    public PoolRouter<M> withStrategy(RoutingStrategy<M> value) {
        return new PoolRouter<>(size, routee, value, routeeProps, maxRestarts, period, broadcastPredicate);
    }

    /**
     * @param value the routees' mailbox and dispatcher (e.g. virtual threads for blocking work)
     * @return a copy with those props
     */
    public PoolRouter<M> withRouteeProps(Props value) {
        return new PoolRouter<>(size, routee, strategy, value, maxRestarts, period, broadcastPredicate);
    }

    /**
     * @param maxRestarts at most this many routee restarts ...
     * @param window ... within this window, or the pool stops
     * @return a copy with that intensity
     */
    public PoolRouter<M> withIntensity(int maxRestarts, Duration window) {
        Objects.requireNonNull(window, "window must not be null");
        return new PoolRouter<>(size, routee, strategy, routeeProps, maxRestarts, window, broadcastPredicate);
    }

    /**
     * @param value messages it accepts are sent to every routee (e.g. a shutdown or config message)
     * @return a copy with that predicate
     */
    public PoolRouter<M> withBroadcastPredicate(Predicate<? super M> value) {
        return new PoolRouter<>(size, routee, strategy, routeeProps, maxRestarts, period,
                Optional.of(Objects.requireNonNull(value, "broadcast predicate must not be null")));
    }

    /** @return a new router instance; called by the runtime at spawn and at each restart of the router */
    @Override
    public Actor<M> get() {
        return new PoolRouterActor<>(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolRouter<?> p && size == p.size && routee.equals(p.routee)
                && strategy.equals(p.strategy) && routeeProps.equals(p.routeeProps) && maxRestarts == p.maxRestarts
                && period.equals(p.period) && broadcastPredicate.equals(p.broadcastPredicate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, routee, strategy, routeeProps, maxRestarts, period, broadcastPredicate);
    }

    @Override
    public String toString() {
        return "PoolRouter[size=" + size + ", strategy=" + strategy + ", routeeProps=" + routeeProps
                + ", maxRestarts=" + maxRestarts + ", period=" + period
                + (broadcastPredicate.isPresent() ? ", broadcasting" : "") + "]";
    }
}

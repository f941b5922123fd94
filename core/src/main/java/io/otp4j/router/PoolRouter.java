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
 * @param size the number of routees; at least 1
 * @param routee builds a routee, at each start and restart
 * @param strategy how a routee is chosen per message (default round-robin)
 * @param routeeProps the routees' mailbox and dispatcher
 * @param maxRestarts restart intensity of the pool's supervisor: at most this many restarts ...; at least 0
 * @param period ... within this window; positive
 * @param broadcastPredicate messages it accepts go to every routee, whatever the strategy
 * @param <M> the routees' message type
 */
public record PoolRouter<M>(int size, Supplier<? extends Actor<M>> routee, RoutingStrategy<M> strategy,
                            Props routeeProps, int maxRestarts, Duration period,
                            Optional<Predicate<? super M>> broadcastPredicate) implements Supplier<Actor<M>> {

    /** Default restart intensity: at most 10 restarts ... */
    public static final int DEFAULT_MAX_RESTARTS = 10;
    /** ... within 10 seconds. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);

    /** Validates the fields. */
    public PoolRouter {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + size);
        }
        Objects.requireNonNull(routee, "routee factory must not be null");
        Objects.requireNonNull(strategy, "strategy must not be null");
        Objects.requireNonNull(routeeProps, "routeeProps must not be null");
        Objects.requireNonNull(period, "period must not be null");
        Objects.requireNonNull(broadcastPredicate, "broadcastPredicate must not be null");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative: " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
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
}

package io.otp4j.supervisor;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.Actor;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a supervisor starts, restarts and stops one child (Erlang's child spec). Immutable; refine with the
 * {@code with} methods.
 *
 * <pre>{@code ChildSpec.worker("db", Db::new).withRestart(RestartType.TRANSIENT)
 *      .withShutdown(ChildShutdown.timeout(Duration.ofSeconds(2)))}</pre>
 *
 * <p>Nulls: no field or {@code with} argument may be null ({@link NullPointerException} naming it, at the
 * call); an option that is not set is an empty {@link java.util.Optional}.
 *
 * @param id unique among the supervisor's children; also the child's actor name, so it follows the actor-name
 *     grammar of {@link io.otp4j.actor.ActorPath#isValidName} (else {@link io.otp4j.actor.InvalidActorNameException})
 * @param factory builds a fresh instance at each start and restart ({@link #service} makes one that runs a
 *     {@link Service})
 * @param props the child's mailbox and dispatcher
 * @param restart when the child is restarted
 * @param shutdown how the child is stopped
 * @param significant whether its exit may stop the supervisor (see {@link AutoShutdown})
 * @param backoff optional delay between restarts
 * @param healthCheck optional periodic check
 * @param supervisor true if the child is itself a supervisor
 * @param keepMailbox whether a restart in place keeps the messages waiting in the child's mailbox (the
 *     default, so that no message is lost to a crash of an earlier one) or dead-letters them (reason
 *     {@code DISCARDED_ON_RESTART}), for children whose queued work is stale once they crashed
 * @param startTimeout how long the supervisor waits for the child's {@code preStart} at each start and
 *     restart; past it the start fails as if {@code preStart} had thrown (reason
 *     {@link ExitReason.Failed} with a {@link java.util.concurrent.TimeoutException}), and the child, still
 *     inside {@code preStart}, is killed as soon as it returns (its name is released at once). Empty (the
 *     default) waits for ever, as OTP's supervisor does
 * @param <M> the child's message type
 */
public record ChildSpec<M>(String id, Supplier<? extends Actor<M>> factory, Props props, RestartType restart,
                           ChildShutdown shutdown, boolean significant, Optional<Backoff> backoff,
                           Optional<HealthCheck<M>> healthCheck, boolean supervisor, boolean keepMailbox,
                           Optional<Duration> startTimeout) {

    /** Workers get 5 s to stop, as in OTP. */
    public static final Duration DEFAULT_WORKER_SHUTDOWN = Duration.ofSeconds(5);

    /**
     * Validates the fields. A {@linkplain #service service child}'s factory takes its stop timeout from
     * {@code shutdown}.
     *
     * @throws IllegalArgumentException for a service child with {@link ChildShutdown#brutalKill()}: a killed
     *     child's {@link Service#stop} would never be called
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ChildSpec {
        ActorPath.requireValidName("child id", id);
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(props, "props");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(startTimeout, "startTimeout (Optional.empty() to wait for ever)");
        startTimeout.ifPresent(ChildSpec::checkStartTimeout);
        if (factory instanceof ServiceActor.Factory service) {
            factory = (Supplier) service.stoppingWithin(shutdown);
        }
    }

    private static Duration checkStartTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a child's startTimeout must be positive: " + timeout);
        }
        return timeout;
    }

    /**
     * @param id the child's id and name
     * @param factory builds the actor
     * @param <M> its message type
     * @return a permanent worker stopped with a 5 s timeout
     */
    public static <M> ChildSpec<M> worker(String id, Supplier<? extends Actor<M>> factory) {
        return new ChildSpec<>(id, factory, Props.defaults(), RestartType.PERMANENT,
                ChildShutdown.timeout(DEFAULT_WORKER_SHUTDOWN), false, Optional.empty(), Optional.empty(), false, true,
                Optional.empty());
    }

    /**
     * A child that is not an actor: a {@link Service} (a connection pool, an accept loop, a scheduled job), run
     * inside a small actor of its own so that it takes part in strategies, restart intensity, start and
     * shutdown order and health checks exactly as a worker does. Its {@link Service#start} is the child's start,
     * its {@link Service#stop} gets the child's shutdown timeout, and {@link ServiceContext#failed} is a crash.
     * Its health is checked with {@link HealthCheck#service}.
     *
     * <pre>{@code ChildSpec.service("acceptor", () -> new AcceptLoop(listener, connections))
     *      .withShutdown(ChildShutdown.timeout(Duration.ofSeconds(1)))}</pre>
     *
     * @param id the child's id and name
     * @param factory builds a fresh service at each start and restart
     * @return a permanent worker stopped with a 5 s timeout, running on virtual threads
     *     ({@link io.otp4j.dispatch.Dispatcher#virtualThreads()}) so that {@code start} and {@code stop} may
     *     block; its shutdown may be a timeout or {@link ChildShutdown#infinity()}, not
     *     {@link ChildShutdown#brutalKill()}
     */
    public static ChildSpec<ServiceCommand> service(String id, Supplier<? extends Service> factory) {
        return new ChildSpec<>(id, new ServiceActor.Factory(factory, DEFAULT_WORKER_SHUTDOWN),
                Props.defaults().withDispatcher(Dispatcher.virtualThreads()), RestartType.PERMANENT,
                ChildShutdown.timeout(DEFAULT_WORKER_SHUTDOWN), false, Optional.empty(), Optional.empty(), false, true,
                Optional.empty());
    }

    /**
     * @param id the child's id and name
     * @param spec the child supervisor's own spec
     * @return a permanent child supervisor, stopped with {@link ChildShutdown#infinity()}
     */
    public static ChildSpec<SupervisorCommand> supervisor(String id, SupervisorSpec spec) {
        return new ChildSpec<>(id, Supervisor.behavior(spec), Supervisor.props(), RestartType.PERMANENT,
                ChildShutdown.infinity(), false, Optional.empty(), Optional.empty(), true, true,
                Optional.empty());
    }

    /**
     * A child supervisor built by a factory of your own, for a tree whose spec is computed at each start
     * ({@code () -> Supervisor.behavior(specFromConfig()).get()}), or for an actor of yours that supervises
     * its own children and should be counted and stopped as a supervisor.
     *
     * @param id the child's id and name
     * @param factory builds the actor at each start and restart
     * @param <M> its message type
     * @return a permanent child of type supervisor, stopped with {@link ChildShutdown#infinity()}, running on
     *     the supervision dispatcher ({@link Supervisor#props()}) as supervisors do; change that with
     *     {@link #withProps}
     */
    public static <M> ChildSpec<M> supervisor(String id, Supplier<? extends Actor<M>> factory) {
        return new ChildSpec<>(id, factory, Supervisor.props(), RestartType.PERMANENT, ChildShutdown.infinity(),
                false, Optional.empty(), Optional.empty(), true, true,
                Optional.empty());
    }

    /**
     * @param value the restart type
     * @return a copy with it
     */
    public ChildSpec<M> withRestart(RestartType value) {
        return new ChildSpec<>(id, factory, props, value, shutdown, significant, backoff, healthCheck, supervisor,
                keepMailbox, startTimeout);
    }

    /**
     * @param value how the child is stopped
     * @return a copy with it
     * @throws IllegalArgumentException for {@link ChildShutdown#brutalKill()} on a {@linkplain #service service
     *     child}
     */
    public ChildSpec<M> withShutdown(ChildShutdown value) {
        return new ChildSpec<>(id, factory, props, restart, value, significant, backoff, healthCheck, supervisor,
                keepMailbox, startTimeout);
    }

    /**
     * @param value mailbox and dispatcher
     * @return a copy with them
     */
    public ChildSpec<M> withProps(Props value) {
        return new ChildSpec<>(id, factory, value, restart, shutdown, significant, backoff, healthCheck, supervisor,
                keepMailbox, startTimeout);
    }

    /**
     * @param value whether the child is significant for {@link AutoShutdown}
     * @return a copy with it
     */
    public ChildSpec<M> withSignificant(boolean value) {
        return new ChildSpec<>(id, factory, props, restart, shutdown, value, backoff, healthCheck, supervisor,
                keepMailbox, startTimeout);
    }

    /**
     * @param value delays between restarts
     * @return a copy with them
     */
    public ChildSpec<M> withBackoff(Backoff value) {
        return new ChildSpec<>(id, factory, props, restart, shutdown, significant,
                Optional.of(Objects.requireNonNull(value, "backoff must not be null")), healthCheck,
                supervisor, keepMailbox, startTimeout);
    }

    /**
     * @param value true to keep undelivered messages across a restart (the default), false to
     *     dead-letter them
     * @return a copy with it
     */
    public ChildSpec<M> withKeepMailbox(boolean value) {
        return new ChildSpec<>(id, factory, props, restart, shutdown, significant, backoff, healthCheck, supervisor,
                value, startTimeout);
    }

    /**
     * @param value the periodic health check
     * @return a copy with it
     */
    public ChildSpec<M> withHealthCheck(HealthCheck<M> value) {
        return new ChildSpec<>(id, factory, props, restart, shutdown, significant, backoff,
                Optional.of(Objects.requireNonNull(value, "healthCheck must not be null")),
                supervisor, keepMailbox, startTimeout);
    }

    /**
     * @param value how long each start and restart may take (its {@code preStart}); positive
     * @return a copy with it
     */
    public ChildSpec<M> withStartTimeout(Duration value) {
        Objects.requireNonNull(value, "startTimeout must not be null (leave it unset to wait for ever)");
        return new ChildSpec<>(id, factory, props, restart, shutdown, significant, backoff, healthCheck, supervisor,
                keepMailbox, Optional.of(checkStartTimeout(value)));
    }
}

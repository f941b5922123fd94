package io.otp4j.supervisor;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a supervisor starts, restarts and stops one child (Erlang's child spec). Immutable; get one from
 * {@link #worker}, {@link #service} or {@link #supervisor} and refine it with the {@code with} methods.
 *
 * <pre>{@code ChildSpec.worker("db", Db::new).withRestart(RestartType.TRANSIENT)
 *      .withShutdown(ChildShutdown.timeout(Duration.ofSeconds(2)))}</pre>
 *
 * <p>The factory decides what the child is: whether it is a supervisor ({@link #supervisor()}) follows from
 * the factory method it came from, and cannot be set apart from it; a child supervisor built from a
 * {@link SupervisorSpec} keeps the props supervisors run with ({@link #withProps} refuses others).
 *
 * <p>Nulls: no {@code with} or factory argument may be null ({@link NullPointerException} naming it, at the
 * call); an option that is not set is an empty {@link Optional}. Equal when every field is equal (the same
 * factory object included), so a spec rebuilt the same way from the same factory finds the same child.
 *
 * @param <M> the child's message type
 */
public final class ChildSpec<M> {

    /** Workers get 5 s to stop, as in OTP. */
    public static final Duration DEFAULT_WORKER_SHUTDOWN = Duration.ofSeconds(5);

    /** What the factory builds; it decides the child's type and whether its props may change. */
    enum Kind {
        /** An actor of the user's. */
        WORKER,
        /** A {@link Service} run in a {@link ServiceActor}. */
        SERVICE,
        /** A supervisor built from a {@link SupervisorSpec}: it runs with {@link Supervisor#props()} only. */
        SUPERVISOR_TREE,
        /** An actor of the user's that supervises its own children, counted and stopped as a supervisor. */
        SUPERVISING_ACTOR;

        boolean supervisor() {
            return this == SUPERVISOR_TREE || this == SUPERVISING_ACTOR;
        }
    }

    private final String id;
    private final Supplier<? extends Actor<M>> factory;
    private final Kind kind;
    private final Props props;
    private final RestartType restart;
    private final ChildShutdown shutdown;
    private final boolean significant;
    private final Backoff backoff; // null: none
    private final HealthCheck<M> healthCheck; // null: none
    private final boolean keepMailbox;
    private final Duration startTimeout; // null: wait for ever

    /**
     * Validates the fields. A {@linkplain #service service child}'s factory takes its stop timeout from
     * {@code shutdown}.
     *
     * @throws IllegalArgumentException for a service child with {@link ChildShutdown#brutalKill()}: a killed
     *     child's {@link Service#stop} would never be called
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    ChildSpec(String id, Supplier<? extends Actor<M>> factory, Kind kind, Props props, RestartType restart,
              ChildShutdown shutdown, boolean significant, Backoff backoff, HealthCheck<M> healthCheck,
              boolean keepMailbox, Duration startTimeout) {
        ActorPath.requireValidName("child id", id);
        Objects.requireNonNull(factory, "factory must not be null");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.props = Objects.requireNonNull(props, "props must not be null");
        this.restart = Objects.requireNonNull(restart, "restart must not be null");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown must not be null");
        if (factory instanceof ServiceActor.Factory service) {
            factory = (Supplier) service.stoppingWithin(shutdown);
        }
        this.id = id;
        this.factory = factory;
        this.significant = significant;
        this.backoff = backoff;
        this.healthCheck = healthCheck;
        this.keepMailbox = keepMailbox;
        this.startTimeout = startTimeout == null ? null : checkStartTimeout(startTimeout);
    }

    private static Duration checkStartTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a child's startTimeout must be positive: " + timeout);
        }
        return timeout;
    }

    private static <M> ChildSpec<M> of(String id, Supplier<? extends Actor<M>> factory, Kind kind, Props props,
                                       ChildShutdown shutdown) {
        return new ChildSpec<>(id, factory, kind, props, RestartType.PERMANENT, shutdown, false, null, null, true,
                null);
    }

    /**
     * @param id the child's id, unique among the supervisor's children; also the child's actor name, so it
     *     follows the actor-name grammar of {@link io.otp4j.actor.ActorPath#isValidName} (else
     *     {@link io.otp4j.actor.InvalidActorNameException})
     * @param factory builds a fresh instance at each start and restart
     * @param <M> its message type
     * @return a permanent worker stopped with a 5 s timeout
     */
    public static <M> ChildSpec<M> worker(String id, Supplier<? extends Actor<M>> factory) {
        return of(id, factory, Kind.WORKER, Props.defaults(), ChildShutdown.timeout(DEFAULT_WORKER_SHUTDOWN));
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
        return of(id, new ServiceActor.Factory(Objects.requireNonNull(factory, "factory must not be null"),
                        DEFAULT_WORKER_SHUTDOWN), Kind.SERVICE,
                Props.defaults().withDispatcher(Dispatcher.virtualThreads()),
                ChildShutdown.timeout(DEFAULT_WORKER_SHUTDOWN));
    }

    /**
     * A child supervisor. It runs as every supervisor does, on its system's supervision dispatcher with an
     * unbounded mailbox, so {@link #withProps} refuses to change that.
     *
     * @param id the child's id and name
     * @param spec the child supervisor's own spec
     * @return a permanent child supervisor, stopped with {@link ChildShutdown#infinity()}
     */
    public static ChildSpec<SupervisorCommand> supervisor(String id, SupervisorSpec spec) {
        return of(id, Supervisor.behavior(spec), Kind.SUPERVISOR_TREE, Supervisor.props(),
                ChildShutdown.infinity());
    }

    /**
     * A child supervisor whose spec is computed at each start and restart (from configuration, say).
     *
     * @param id the child's id and name
     * @param specs builds the child supervisor's spec at each start and restart; must not return null
     * @return a permanent child supervisor, stopped with {@link ChildShutdown#infinity()}, running as
     *     {@link #supervisor(String, SupervisorSpec)} does
     */
    public static ChildSpec<SupervisorCommand> supervisorFrom(String id, Supplier<SupervisorSpec> specs) {
        return of(id, Supervisor.computedBehavior(Objects.requireNonNull(specs, "specs must not be null")),
                Kind.SUPERVISOR_TREE, Supervisor.props(), ChildShutdown.infinity());
    }

    /**
     * An actor of yours that supervises its own children, to be counted and stopped as a supervisor (OTP's
     * {@code type => supervisor}). For a tree built from a {@link SupervisorSpec}, use
     * {@link #supervisor(String, SupervisorSpec)} or {@link #supervisorFrom}.
     *
     * @param id the child's id and name
     * @param factory builds the actor at each start and restart
     * @param <M> its message type
     * @return a permanent child of type supervisor, stopped with {@link ChildShutdown#infinity()}, running on
     *     the supervision dispatcher with an unbounded mailbox, as supervisors do; change that with
     *     {@link #withProps}
     */
    public static <M> ChildSpec<M> supervisingActor(String id, Supplier<? extends Actor<M>> factory) {
        return of(id, factory, Kind.SUPERVISING_ACTOR, Supervisor.props(), ChildShutdown.infinity());
    }

    /** @return the child's id, unique among its supervisor's children, and its actor name */
    public String id() {
        return id;
    }

    /** @return builds a fresh instance at each start and restart */
    public Supplier<? extends Actor<M>> factory() {
        return factory;
    }

    /** @return the child's mailbox and dispatcher */
    public Props props() {
        return props;
    }

    /** @return when the child is restarted */
    public RestartType restart() {
        return restart;
    }

    /** @return how the child is stopped */
    public ChildShutdown shutdown() {
        return shutdown;
    }

    /** @return whether its exit may stop the supervisor (see {@link AutoShutdown}) */
    public boolean significant() {
        return significant;
    }

    /** @return the delays between restarts, if set */
    public Optional<Backoff> backoff() {
        return Optional.ofNullable(backoff);
    }

    /** @return the periodic health check, if set */
    public Optional<HealthCheck<M>> healthCheck() {
        return Optional.ofNullable(healthCheck);
    }

    /**
     * @return true if the child is a supervisor (built by {@link #supervisor(String, SupervisorSpec)},
     *     {@link #supervisorFrom} or {@link #supervisingActor}): it is counted and listed as one
     */
    public boolean supervisor() {
        return kind.supervisor();
    }

    /**
     * @return whether a restart in place keeps the messages waiting in the child's mailbox (the default, so
     *     that no message is lost to a crash of an earlier one) or dead-letters them (reason
     *     {@code DISCARDED_ON_RESTART}), for children whose queued work is stale once they crashed
     */
    public boolean keepMailbox() {
        return keepMailbox;
    }

    /**
     * @return how long the supervisor waits for the child's {@code preStart} at each start and restart; past
     *     it the start fails as if {@code preStart} had thrown (reason {@link ExitReason.Failed} with a
     *     {@link java.util.concurrent.TimeoutException}), and the child, still inside {@code preStart}, is
     *     killed as soon as it returns (its name is released at once). Empty (the default) waits for ever, as
     *     OTP's supervisor does
     */
    public Optional<Duration> startTimeout() {
        return Optional.ofNullable(startTimeout);
    }

    /** What the factory builds. */
    Kind kind() {
        return kind;
    }

    /**
     * @param value the restart type
     * @return a copy with it
     */
    public ChildSpec<M> withRestart(RestartType value) {
        return new ChildSpec<>(id, factory, kind, props, value, shutdown, significant, backoff, healthCheck,
                keepMailbox, startTimeout);
    }

    /**
     * @param value how the child is stopped
     * @return a copy with it
     * @throws IllegalArgumentException for {@link ChildShutdown#brutalKill()} on a {@linkplain #service service
     *     child}
     */
    public ChildSpec<M> withShutdown(ChildShutdown value) {
        return new ChildSpec<>(id, factory, kind, props, restart, value, significant, backoff, healthCheck,
                keepMailbox, startTimeout);
    }

    /**
     * @param value mailbox and dispatcher
     * @return a copy with them
     * @throws IllegalArgumentException on a child supervisor built from a {@link SupervisorSpec}: a supervisor
     *     waits for its children on its thread and must never lose their exits, so it runs on its system's
     *     supervision dispatcher with an unbounded mailbox only
     */
    public ChildSpec<M> withProps(Props value) {
        Objects.requireNonNull(value, "props must not be null");
        if (kind == Kind.SUPERVISOR_TREE && !value.equals(props)) {
            throw new IllegalArgumentException("child '" + id + "' is a supervisor: it runs on its system's "
                    + "supervision dispatcher with an unbounded mailbox, and takes no other props");
        }
        return new ChildSpec<>(id, factory, kind, value, restart, shutdown, significant, backoff, healthCheck,
                keepMailbox, startTimeout);
    }

    /**
     * @param value whether the child is significant for {@link AutoShutdown}
     * @return a copy with it
     */
    public ChildSpec<M> withSignificant(boolean value) {
        return new ChildSpec<>(id, factory, kind, props, restart, shutdown, value, backoff, healthCheck,
                keepMailbox, startTimeout);
    }

    /**
     * @param value delays between restarts
     * @return a copy with them
     */
    public ChildSpec<M> withBackoff(Backoff value) {
        return new ChildSpec<>(id, factory, kind, props, restart, shutdown, significant,
                Objects.requireNonNull(value, "backoff must not be null"), healthCheck, keepMailbox, startTimeout);
    }

    /**
     * @param value true to keep undelivered messages across a restart (the default), false to
     *     dead-letter them
     * @return a copy with it
     */
    public ChildSpec<M> withKeepMailbox(boolean value) {
        return new ChildSpec<>(id, factory, kind, props, restart, shutdown, significant, backoff, healthCheck,
                value, startTimeout);
    }

    /**
     * @param value the periodic health check
     * @return a copy with it
     */
    public ChildSpec<M> withHealthCheck(HealthCheck<M> value) {
        return new ChildSpec<>(id, factory, kind, props, restart, shutdown, significant, backoff,
                Objects.requireNonNull(value, "healthCheck must not be null"), keepMailbox, startTimeout);
    }

    /**
     * @param value how long each start and restart may take (its {@code preStart}); positive
     * @return a copy with it
     */
    public ChildSpec<M> withStartTimeout(Duration value) {
        Objects.requireNonNull(value, "startTimeout must not be null (leave it unset to wait for ever)");
        return new ChildSpec<>(id, factory, kind, props, restart, shutdown, significant, backoff, healthCheck,
                keepMailbox, checkStartTimeout(value));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChildSpec<?> c && id.equals(c.id) && factory.equals(c.factory) && kind == c.kind
                && props.equals(c.props) && restart == c.restart && shutdown.equals(c.shutdown)
                && significant == c.significant && Objects.equals(backoff, c.backoff)
                && Objects.equals(healthCheck, c.healthCheck) && keepMailbox == c.keepMailbox
                && Objects.equals(startTimeout, c.startTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, factory, kind, props, restart, shutdown, significant, backoff, healthCheck,
                keepMailbox, startTimeout);
    }

    @Override
    public String toString() {
        return "ChildSpec[id=" + id + ", " + kind.name().toLowerCase(java.util.Locale.ROOT) + ", restart=" + restart
                + ", shutdown=" + shutdown + ", significant=" + significant + ", props=" + props
                + backoff().map(b -> ", backoff=" + b).orElse("")
                + healthCheck().map(h -> ", healthCheck=" + h).orElse("")
                + (keepMailbox ? "" : ", keepMailbox=false")
                + startTimeout().map(t -> ", startTimeout=" + t).orElse("") + "]";
    }
}

package io.otp4j.supervisor;

import io.otp4j.actor.Actor;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one child spec of a {@link Strategy#SIMPLE_ONE_FOR_ONE} supervisor: each
 * {@link SupervisorRef#startChild(Object)} builds a child from the template and an argument. A restart
 * calls the factory again with the same argument. Immutable; get one from {@link #of}, {@link #service} or
 * {@link #supervisor} and refine it with the {@code with} methods.
 *
 * <p>Whether the children are supervisors ({@link #supervisor()}) follows from the factory method; a template
 * of child supervisors keeps the props supervisors run with ({@link #withProps} refuses others).
 *
 * <p>Nulls: no {@code with} or factory argument may be null ({@link NullPointerException} naming it, at the
 * call); an option that is not set is an empty {@link Optional}. Equal when every field is equal (the same
 * factory object included).
 *
 * @param <A> the argument type
 * @param <M> the children's message type
 */
public final class ChildTemplate<A, M> {

    private final Function<? super A, ? extends Actor<M>> factory;
    private final ChildSpec.Kind kind;
    private final Props props;
    private final RestartType restart;
    private final ChildShutdown shutdown;
    private final boolean significant;
    private final Backoff backoff; // null: none

    /**
     * Validates the fields. A {@linkplain #service service template}'s factory takes its stop timeout from
     * {@code shutdown}.
     *
     * @throws IllegalArgumentException for a service template with {@link ChildShutdown#brutalKill()}: a killed
     *     child's {@link Service#stop} would never be called
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private ChildTemplate(Function<? super A, ? extends Actor<M>> factory, ChildSpec.Kind kind, Props props,
                          RestartType restart, ChildShutdown shutdown, boolean significant, Backoff backoff) {
        Objects.requireNonNull(factory, "factory must not be null");
        this.kind = kind;
        this.props = Objects.requireNonNull(props, "props must not be null");
        this.restart = Objects.requireNonNull(restart, "restart must not be null");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown must not be null");
        if (factory instanceof ServiceActor.TemplateFactory service) {
            factory = (Function) service.stoppingWithin(shutdown);
        }
        this.factory = factory;
        this.significant = significant;
        this.backoff = backoff;
    }

    /**
     * @param factory builds an actor from the argument
     * @param <A> the argument type
     * @param <M> the message type
     * @return a template for permanent workers stopped with a 5 s timeout
     */
    public static <A, M> ChildTemplate<A, M> of(Function<? super A, ? extends Actor<M>> factory) {
        return new ChildTemplate<>(factory, ChildSpec.Kind.WORKER, Props.defaults(), RestartType.PERMANENT,
                ChildShutdown.timeout(ChildSpec.DEFAULT_WORKER_SHUTDOWN), false, null);
    }

    /**
     * A template of {@linkplain ChildSpec#service service children}, one {@link Service} per argument (a
     * connection pool per tenant, say), as {@link ChildSpec#service} is for one.
     *
     * @param factory builds a fresh service from the argument, at start and at each restart
     * @param <A> the argument type
     * @return a template for permanent workers stopped with a 5 s timeout, running on virtual threads; their
     *     shutdown may be a timeout or {@link ChildShutdown#infinity()}, not {@link ChildShutdown#brutalKill()}
     */
    public static <A> ChildTemplate<A, ServiceCommand> service(Function<? super A, ? extends Service> factory) {
        return new ChildTemplate<A, ServiceCommand>(
                new ServiceActor.TemplateFactory<A>(Objects.requireNonNull(factory, "factory must not be null"),
                        ChildSpec.DEFAULT_WORKER_SHUTDOWN), ChildSpec.Kind.SERVICE,
                Props.defaults().withDispatcher(Dispatcher.virtualThreads()), RestartType.PERMANENT,
                ChildShutdown.timeout(ChildSpec.DEFAULT_WORKER_SHUTDOWN), false, null);
    }

    /**
     * A template of child supervisors, one tree per argument, as {@link ChildSpec#supervisor(String,
     * SupervisorSpec)} is for one.
     *
     * @param specs builds the spec of the child supervisor for an argument, at start and at each restart
     * @param <A> the argument type
     * @return a template for permanent supervisors, stopped with {@link ChildShutdown#infinity()}, running as
     *     supervisors do (see {@link Supervisor#behavior})
     */
    public static <A> ChildTemplate<A, SupervisorCommand> supervisor(Function<? super A, SupervisorSpec> specs) {
        Objects.requireNonNull(specs, "specs must not be null");
        return new ChildTemplate<A, SupervisorCommand>(
                argument -> Supervisor.behavior(specs.apply(argument)).get(), ChildSpec.Kind.SUPERVISOR_TREE,
                Supervisor.props(), RestartType.PERMANENT, ChildShutdown.infinity(), false, null);
    }

    /** @return builds an actor from the argument */
    public Function<? super A, ? extends Actor<M>> factory() {
        return factory;
    }

    /** @return the children's mailbox and dispatcher */
    public Props props() {
        return props;
    }

    /** @return when a child is restarted */
    public RestartType restart() {
        return restart;
    }

    /** @return how a child is stopped */
    public ChildShutdown shutdown() {
        return shutdown;
    }

    /**
     * @return whether a child's exit may stop the supervisor (see {@link AutoShutdown}), as for a
     *     {@link ChildSpec#significant() child spec}; a SIMPLE_ONE_FOR_ONE supervisor takes auto shutdown
     *     {@code NEVER} only, so its build refuses a significant template, as OTP refuses a significant
     *     {@code simple_one_for_one} child spec
     */
    public boolean significant() {
        return significant;
    }

    /** @return the delays between restarts, if set */
    public Optional<Backoff> backoff() {
        return Optional.ofNullable(backoff);
    }

    /**
     * @return true if the children are supervisors (OTP's {@code type => supervisor}), built by
     *     {@link #supervisor}: they are listed and counted as such
     */
    public boolean supervisor() {
        return kind.supervisor();
    }

    /** What the factory builds. */
    ChildSpec.Kind kind() {
        return kind;
    }

    /**
     * @param value the restart type
     * @return a copy with it
     */
    public ChildTemplate<A, M> withRestart(RestartType value) {
        return new ChildTemplate<>(factory, kind, props, value, shutdown, significant, backoff);
    }

    /**
     * @param value how children are stopped
     * @return a copy with it
     * @throws IllegalArgumentException for {@link ChildShutdown#brutalKill()} on a {@linkplain #service service
     *     template}
     */
    public ChildTemplate<A, M> withShutdown(ChildShutdown value) {
        return new ChildTemplate<>(factory, kind, props, restart, value, significant, backoff);
    }

    /**
     * @param value mailbox and dispatcher
     * @return a copy with them
     * @throws IllegalArgumentException on a template of child supervisors, which run as supervisors do
     */
    public ChildTemplate<A, M> withProps(Props value) {
        Objects.requireNonNull(value, "props must not be null");
        if (kind == ChildSpec.Kind.SUPERVISOR_TREE && !value.equals(props)) {
            throw new IllegalArgumentException("the template's children are supervisors: they run on their "
                    + "system's supervision dispatcher with an unbounded mailbox, and take no other props");
        }
        return new ChildTemplate<>(factory, kind, value, restart, shutdown, significant, backoff);
    }

    /**
     * @param value whether the children are significant for {@link AutoShutdown}; only transient and temporary
     *     children may be, under a supervisor whose auto shutdown is not {@code NEVER}, as for a child spec. A
     *     SIMPLE_ONE_FOR_ONE supervisor's auto shutdown is {@code NEVER} (as in current OTP), so
     *     {@link SupervisorSpec.Builder#build()} refuses a significant template with
     *     {@link InvalidSupervisorSpecException.Rule#SIGNIFICANT_NEEDS_AUTO_SHUTDOWN}, as OTP refuses it
     * @return a copy with it
     */
    public ChildTemplate<A, M> withSignificant(boolean value) {
        return new ChildTemplate<>(factory, kind, props, restart, shutdown, value, backoff);
    }

    /**
     * @param value delays between restarts
     * @return a copy with them
     */
    public ChildTemplate<A, M> withBackoff(Backoff value) {
        return new ChildTemplate<>(factory, kind, props, restart, shutdown, significant,
                Objects.requireNonNull(value, "backoff must not be null"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChildTemplate<?, ?> t && factory.equals(t.factory) && kind == t.kind
                && props.equals(t.props) && restart == t.restart && shutdown.equals(t.shutdown)
                && significant == t.significant && Objects.equals(backoff, t.backoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(factory, kind, props, restart, shutdown, significant, backoff);
    }

    @Override
    public String toString() {
        return "ChildTemplate[" + kind.name().toLowerCase(java.util.Locale.ROOT) + ", restart=" + restart
                + ", shutdown=" + shutdown + ", significant=" + significant + ", props=" + props
                + backoff().map(b -> ", backoff=" + b).orElse("") + "]";
    }
}

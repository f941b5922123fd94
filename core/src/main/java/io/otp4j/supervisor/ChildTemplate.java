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
 * calls the factory again with the same argument.
 *
 * <p>Nulls: no field or {@code with} argument may be null ({@link NullPointerException} naming it, at the
 * call); an option that is not set is an empty {@link java.util.Optional}.
 *
 * @param factory builds an actor from the argument
 * @param props the children's mailbox and dispatcher
 * @param restart when a child is restarted
 * @param shutdown how a child is stopped
 * @param significant whether a child's exit may stop the supervisor (see {@link AutoShutdown}), as for a
 *     {@link ChildSpec#significant() child spec}; a SIMPLE_ONE_FOR_ONE supervisor takes auto shutdown
 *     {@code NEVER} only, so its build refuses a significant template, as OTP refuses a significant
 *     {@code simple_one_for_one} child spec
 * @param backoff optional delay between restarts
 * @param supervisor true if the children are supervisors (OTP's {@code type => supervisor}): they are
 *     listed and counted as such
 * @param <A> the argument type
 * @param <M> the children's message type
 */
public record ChildTemplate<A, M>(Function<? super A, ? extends Actor<M>> factory, Props props,
                                  RestartType restart, ChildShutdown shutdown, boolean significant,
                                  Optional<Backoff> backoff, boolean supervisor) {

    /**
     * Validates the fields. A {@linkplain #service service template}'s factory takes its stop timeout from
     * {@code shutdown}.
     *
     * @throws IllegalArgumentException for a service template with {@link ChildShutdown#brutalKill()}: a killed
     *     child's {@link Service#stop} would never be called
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ChildTemplate {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(props, "props");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(backoff, "backoff");
        if (factory instanceof ServiceActor.TemplateFactory service) {
            factory = (Function) service.stoppingWithin(shutdown);
        }
    }

    /**
     * @param factory builds an actor from the argument
     * @param <A> the argument type
     * @param <M> the message type
     * @return a template for permanent workers stopped with a 5 s timeout
     */
    public static <A, M> ChildTemplate<A, M> of(Function<? super A, ? extends Actor<M>> factory) {
        return new ChildTemplate<>(factory, Props.defaults(), RestartType.PERMANENT,
                ChildShutdown.timeout(ChildSpec.DEFAULT_WORKER_SHUTDOWN), false, Optional.empty(), false);
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
                new ServiceActor.TemplateFactory<A>(factory, ChildSpec.DEFAULT_WORKER_SHUTDOWN),
                Props.defaults().withDispatcher(Dispatcher.virtualThreads()), RestartType.PERMANENT,
                ChildShutdown.timeout(ChildSpec.DEFAULT_WORKER_SHUTDOWN), false, Optional.empty(), false);
    }

    /**
     * A template of child supervisors, one tree per argument, as {@link ChildSpec#supervisor(String,
     * SupervisorSpec)} is for one.
     *
     * @param specs builds the spec of the child supervisor for an argument, at start and at each restart
     * @param <A> the argument type
     * @return a template for permanent supervisors, stopped with {@link ChildShutdown#infinity()}, running on the
     *     supervision dispatcher ({@link Supervisor#props()})
     */
    public static <A> ChildTemplate<A, SupervisorCommand> supervisor(Function<? super A, SupervisorSpec> specs) {
        Objects.requireNonNull(specs, "specs");
        return new ChildTemplate<A, SupervisorCommand>(
                argument -> Supervisor.behavior(specs.apply(argument)).get(), Supervisor.props(),
                RestartType.PERMANENT, ChildShutdown.infinity(), false, Optional.empty(), true);
    }

    /**
     * @param value the restart type
     * @return a copy with it
     */
    public ChildTemplate<A, M> withRestart(RestartType value) {
        return new ChildTemplate<>(factory, props, value, shutdown, significant, backoff, supervisor);
    }

    /**
     * @param value how children are stopped
     * @return a copy with it
     * @throws IllegalArgumentException for {@link ChildShutdown#brutalKill()} on a {@linkplain #service service
     *     template}
     */
    public ChildTemplate<A, M> withShutdown(ChildShutdown value) {
        return new ChildTemplate<>(factory, props, restart, value, significant, backoff, supervisor);
    }

    /**
     * @param value mailbox and dispatcher
     * @return a copy with them
     */
    public ChildTemplate<A, M> withProps(Props value) {
        return new ChildTemplate<>(factory, value, restart, shutdown, significant, backoff, supervisor);
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
        return new ChildTemplate<>(factory, props, restart, shutdown, value, backoff, supervisor);
    }

    /**
     * @param value delays between restarts
     * @return a copy with them
     */
    public ChildTemplate<A, M> withBackoff(Backoff value) {
        return new ChildTemplate<>(factory, props, restart, shutdown, significant,
                Optional.of(Objects.requireNonNull(value, "backoff must not be null")), supervisor);
    }
}

package io.otp4j.supervisor;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Entry point for supervision trees with Erlang/OTP semantics.
 *
 * <pre>{@code
 * SupervisorSpec spec = Supervisor.builder()
 *         .strategy(Strategy.ONE_FOR_ALL)
 *         .intensity(3, Duration.ofSeconds(60))
 *         .child(ChildSpec.worker("reader", Reader::new))
 *         .child(ChildSpec.worker("writer", Writer::new).withRestart(RestartType.TRANSIENT))
 *         .build();
 * SupervisorRef sup = Supervisor.start(system, "files", spec);
 * }</pre>
 *
 * <p>A supervisor is an actor. It starts its children in spec order, each one only after the previous
 * one's {@code preStart} returned (and, for a child supervisor, after all of its own children started);
 * if one fails to start, the started ones are stopped in reverse order and the supervisor's start fails
 * with the cause. It stops children in reverse start order.
 */
public final class Supervisor {

    private static final Props SUPERVISOR_PROPS = Props.defaults().withDispatcher(Dispatcher.virtualThreads());

    private Supervisor() {}

    /** @return a builder with OTP's defaults: ONE_FOR_ONE, intensity 1 per 5 s, no auto shutdown */
    public static SupervisorSpec.Builder builder() {
        return new SupervisorSpec.Builder();
    }

    /**
     * A factory for a supervisor actor, to spawn it yourself (e.g. as a child of an ordinary actor).
     * Prefer {@link #start} at the top and {@link ChildSpec#supervisor} inside a tree.
     *
     * @param spec what to supervise
     * @return a factory of supervisor instances
     */
    public static Supplier<Actor<SupervisorCommand>> behavior(SupervisorSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return () -> new SupervisorActor(spec, null, false);
    }

    /** @return the props supervisors run with: a virtual thread per run, since they wait for children */
    public static Props props() {
        return SUPERVISOR_PROPS;
    }

    /**
     * Starts a top-level supervisor and waits (up to 30 s) until all its children have started, like
     * Erlang's {@code supervisor:start_link}.
     *
     * @param system the system
     * @param name the supervisor's name, at {@code /user/<name>}
     * @param spec what to supervise
     * @return the running supervisor
     * @throws SupervisorException with {@code START_FAILED} if a child failed to start (the cause is
     *     attached; the started children were stopped in reverse order)
     */
    public static SupervisorRef start(ActorSystem system, String name, SupervisorSpec spec) {
        return start(system, name, spec, Duration.ofSeconds(30));
    }

    /**
     * As {@link #start(ActorSystem, String, SupervisorSpec)}, with a start timeout.
     *
     * @param system the system
     * @param name the supervisor's name
     * @param spec what to supervise
     * @param timeout how long to wait for all children to start
     * @return the running supervisor
     */
    public static SupervisorRef start(ActorSystem system, String name, SupervisorSpec spec, Duration timeout) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(spec, "spec");
        CompletableFuture<Void> started = new CompletableFuture<>();
        ActorRef<SupervisorCommand> ref = system.spawn(name, () -> new SupervisorActor(spec, started, true),
                SUPERVISOR_PROPS);
        try {
            started.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SupervisorException s ? s
                    : new SupervisorException(SupervisorException.Error.START_FAILED, name, e.getCause());
        } catch (TimeoutException e) {
            system.stop(ref);
            throw new SupervisorException(SupervisorException.Error.START_FAILED,
                    name + " did not start within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            system.stop(ref);
            throw new SupervisorException(SupervisorException.Error.START_FAILED, name + ": interrupted", e);
        }
        return new SupervisorRef(ref);
    }
}

package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A periodic health check of a child (a seed feature): every {@code interval} the supervisor sends the
 * child the message built by {@code request} and waits {@code timeout} for its {@link Health}.
 *
 * <ul>
 *   <li>{@link Health#healthy() HEALTHY}: nothing happens, and a run of failed checks ends.</li>
 *   <li>{@link Health#degraded DEGRADED(reason)}: reported, never restarted (a run of failed checks ends too).</li>
 *   <li>{@link Health#failed FAILED(reason)}, no reply within {@code timeout}, or a check that cannot be sent
 *       because {@code request} throws or returns null (logged; the supervisor itself is unaffected): a failed
 *       check. {@code failuresAllowed + 1} failed checks in a row count as a crash of the child, with cause
 *       {@link HealthCheckFailedException}, and go through the supervisor's strategy and intensity like any
 *       other crash.</li>
 * </ul>
 *
 * <p>Each change of a child's health, as its checks answer it, is published as a
 * {@link SupervisorEvent.HealthChanged} (and to the monitor); every start of the child begins healthy.
 *
 * <p>A {@linkplain ChildSpec#service service child} is checked with {@link #service}, which asks the service's
 * {@link Service#health()}.
 *
 * @param request builds the health request from the reply address; called on the supervisor's thread at each
 *     check, so it must be quick; a throw or a null counts as a failed check
 * @param interval time between checks; positive
 * @param timeout how long to wait for each reply; positive
 * @param failuresAllowed consecutive failures tolerated before the crash; at least 0
 * @param <M> the child's message type
 */
public record HealthCheck<M>(Function<ActorRef<Health>, ? extends M> request, Duration interval,
                             Duration timeout, int failuresAllowed) {

    /** Validates the fields. */
    public HealthCheck {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health check interval and timeout must be positive");
        }
        if (failuresAllowed < 0) {
            throw new IllegalArgumentException("failuresAllowed must not be negative: " + failuresAllowed);
        }
    }

    /**
     * The health check of a {@linkplain ChildSpec#service service child}: each check calls the service's
     * {@link Service#health()} on the child's thread; a {@code health()} that throws or returns null answers
     * {@link Health#failed FAILED}.
     *
     * @param interval time between checks; positive
     * @param timeout how long to wait for each answer; positive
     * @param failuresAllowed consecutive failures tolerated before the crash; at least 0
     * @return the check, for {@link ChildSpec#withHealthCheck}
     */
    public static HealthCheck<ServiceCommand> service(Duration interval, Duration timeout, int failuresAllowed) {
        return new HealthCheck<>(ServiceActor.CheckHealth::new, interval, timeout, failuresAllowed);
    }
}

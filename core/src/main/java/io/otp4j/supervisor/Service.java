package io.otp4j.supervisor;

import java.time.Duration;

/**
 * Something a supervisor keeps running that is not an actor: a connection pool, a server socket's accept loop,
 * a scheduled job, an embedded server. Supervised with {@link ChildSpec#service}, it takes part in its
 * supervisor's strategy, restart intensity, start and shutdown order and health checks exactly as an actor
 * child does.
 *
 * <pre>{@code
 * Supervisor.builder()
 *         .child(ChildSpec.service("pool", () -> new PoolService(config)))
 *         .child(ChildSpec.worker("orders", Orders::new))
 *         .build();
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * Each start (and restart) builds a fresh instance from the spec's factory and calls {@link #start}; each stop
 * calls {@link #stop} on the instance that started, with the child's shutdown timeout. The two never overlap,
 * and a restart stops the old instance before it starts the new one.
 * <ul>
 *   <li>{@code start} returns: the child has started, and the supervisor goes on with the next child.</li>
 *   <li>{@code start} throws: the start failed, exactly as an actor whose {@code preStart} throws (the
 *       supervisor's own start fails, or the restart is retried and counted against the intensity).
 *       {@code stop} is then not called, as Erlang does not call {@code terminate} after {@code init}
 *       failed: a failing {@code start} releases what it took.</li>
 *   <li>A running service that breaks reports it with {@link ServiceContext#failed}: the child crashes with that
 *       cause, {@code stop} is called, and the supervisor applies its strategy. One that has done its work calls
 *       {@link ServiceContext#finished}: a normal exit, so a {@code TRANSIENT} or {@code TEMPORARY} child is not
 *       restarted.</li>
 * </ul>
 *
 * <p>Threads: {@code start}, {@code stop} and {@code health} are called one at a time, on a thread of the child
 * (by default a virtual thread, so they may block), never on the supervisor's. The service's own threads (an
 * accept loop, say) are its business; {@code stop} ends them.
 */
public interface Service {

    /**
     * What {@link #stop} gets when the child's shutdown is {@link ChildShutdown#infinity()}: about 292 years,
     * which converts to nanoseconds without overflow.
     */
    Duration UNLIMITED = Duration.ofNanos(Long.MAX_VALUE);

    /**
     * Starts the service; return once it is started (a listening socket bound, a pool filled), so that the
     * children after it find it working.
     *
     * @param context reports a failure or the end of the service later, from any thread
     * @throws Exception if it could not start: a failed start of the child
     */
    void start(ServiceContext context) throws Exception;

    /**
     * Stops the service and releases what it holds. Called once after a start that returned, whatever ends
     * the child: its supervisor stopping it, a strategy restarting it, its own {@link ServiceContext#failed}.
     * Not called when the child is killed ({@link io.otp4j.actor.ActorSystem#kill}), as an actor's
     * {@code postStop} is not; a service child cannot have {@link ChildShutdown#brutalKill()}.
     *
     * @param timeout how long the supervisor waits: the child's {@link ChildShutdown#timeout shutdown timeout},
     *     or {@link #UNLIMITED} for {@link ChildShutdown#infinity()}. Past it, the supervisor abandons the child
     *     and goes on; this call is left to return when it can.
     * @throws Exception if stopping failed: logged, and the child is stopped all the same
     */
    void stop(Duration timeout) throws Exception;

    /**
     * The service's health, asked by the child's {@link HealthCheck#service health check}, if it has one.
     *
     * @return its health; the default is {@link Health#healthy()}. Throwing or returning null answers
     *     {@link Health#failed FAILED}.
     */
    default Health health() {
        return Health.healthy();
    }
}

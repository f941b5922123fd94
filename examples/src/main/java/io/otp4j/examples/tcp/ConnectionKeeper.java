package io.otp4j.examples.tcp;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.supervisor.ChildShutdown;
import io.otp4j.supervisor.ChildTemplate;
import io.otp4j.supervisor.RestartType;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.util.function.Consumer;

/**
 * Keeps the connections: it owns the {@code connections} supervisor, starts a {@link ConnectionHandler} under
 * it for each connection the {@link Acceptor} hands over, and watches each handler, so that a connection is
 * closed even when its handler is killed ({@code ActorSystem.kill} skips {@code postStop}).
 *
 * <pre>
 *   keeper                 this actor
 *   +-- connections        supervisor, SIMPLE_ONE_FOR_ONE, TEMPORARY children
 *       +-- $a, $b, ...    one ConnectionHandler per connection, on virtual threads
 * </pre>
 *
 * <p>Stopping: the supervisor and its handlers stop first (each handler closes its socket), then
 * {@code postStop} closes any connection handed over in the meantime, whose handler never started.
 */
final class ConnectionKeeper implements Actor<ConnectionKeeper.Msg> {

    sealed interface Msg permits Accepted, HandlerStarted, HandlerNotStarted, HandlerTerminated {}

    /** The acceptor took a connection. */
    record Accepted(Connection connection) implements Msg {}

    /** The connection's handler has started. */
    record HandlerStarted(ActorRef<?> handler, Connection connection) implements Msg {}

    /** The supervisor could not start a handler for the connection. */
    record HandlerNotStarted(Connection connection, Throwable cause) implements Msg {}

    /** The connection's handler terminated, whatever the reason. */
    record HandlerTerminated(Connection connection) implements Msg {}

    static final int HANDLER_MAILBOX = 64;

    private final OpenConnections connections;
    private final ServerCounters counters;
    private final Consumer<Started> onStart;
    private SupervisorRef handlers;

    /** What a started keeper hands its siblings and the server: where to send connections, and its handlers. */
    record Started(ActorRef<Msg> keeper, SupervisorRef handlers) {}

    ConnectionKeeper(OpenConnections connections, ServerCounters counters, Consumer<Started> onStart) {
        this.connections = connections;
        this.counters = counters;
        this.onStart = onStart;
    }

    @Override
    public void preStart(ActorContext<Msg> ctx) {
        SupervisorSpec spec = Supervisor.builder()
                .strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .template(ChildTemplate.of((Connection c) -> new ConnectionHandler(c, counters))
                        // A crashed handler has closed its socket, and its client has seen the close: a
                        // restart would have nothing to serve. TEMPORARY children are never restarted and
                        // their exits never count towards the intensity, so any number of crashes is fine.
                        .withRestart(RestartType.TEMPORARY)
                        .withShutdown(ChildShutdown.timeout(java.time.Duration.ofSeconds(1)))
                        .withProps(Props.defaults()
                                .withDispatcher(Dispatcher.virtualThreads())
                                .withMailbox(MailboxConfig.bounded(HANDLER_MAILBOX, Overflow.BLOCK))))
                .build();
        handlers = Supervisor.spawn(ctx, "connections", spec);
        onStart.accept(new Started(ctx.self(), handlers));
    }

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) {
        switch (msg) {
            case Accepted(Connection connection) -> ctx.pipeToSelf(handlers.startChild(connection),
                    (started, failure) -> failure == null
                            ? new HandlerStarted(started.orElseThrow(), connection) // a handler never ignores its start
                            : new HandlerNotStarted(connection, failure));
            case HandlerStarted(ActorRef<?> handler, Connection connection) ->
                    ctx.watchWith(handler, new HandlerTerminated(connection));
            case HandlerNotStarted(Connection connection, Throwable cause) -> {
                ctx.log().warn("no handler for {}: {}", connection, cause.toString());
                connection.close();
            }
            case HandlerTerminated(Connection connection) -> connection.close(); // a no-op unless it was killed
        }
    }

    @Override
    public void postStop(ActorContext<Msg> ctx) {
        connections.closeAll(); // handed over while the handlers were stopping: no handler will close them
    }
}

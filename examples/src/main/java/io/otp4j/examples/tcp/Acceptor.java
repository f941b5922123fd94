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
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The server's top actor: it owns the listening socket and the {@code connections} supervisor, and hands
 * each accepted connection to a new {@link ConnectionHandler} started under that supervisor.
 *
 * <pre>
 *   /user/&lt;name&gt;                acceptor: owns the listening socket; accepts on a virtual thread
 *   +-- connections            supervisor, SIMPLE_ONE_FOR_ONE, TEMPORARY children
 *       +-- $a, $b, ...        one ConnectionHandler per connection, on virtual threads
 * </pre>
 *
 * <p>Blocking {@code accept} runs on a virtual thread of the acceptor's own, which sends each new
 * connection to the acceptor as a message. The acceptor watches each handler, so that a connection is
 * closed even when its handler is killed ({@code ActorSystem.kill} skips {@code postStop}).
 *
 * <p>Stopping: the supervisor and its handlers stop first (each handler closes its socket), then
 * {@code postStop} closes the listening socket, waits for the accept thread to end, closes any connection
 * accepted in the meantime, and completes the {@code stopped} future.
 */
final class Acceptor implements Actor<Acceptor.Msg> {

    sealed interface Msg permits Accepted, HandlerStarted, HandlerNotStarted, HandlerTerminated, AcceptFailed {}

    /** The accept thread took a connection. */
    record Accepted(Connection connection) implements Msg {}

    /** The connection's handler has started. */
    record HandlerStarted(ActorRef<?> handler, Connection connection) implements Msg {}

    /** The supervisor could not start a handler for the connection. */
    record HandlerNotStarted(Connection connection, Throwable cause) implements Msg {}

    /** The connection's handler terminated, whatever the reason. */
    record HandlerTerminated(Connection connection) implements Msg {}

    /** {@code accept} failed while the listening socket was open. */
    record AcceptFailed(IOException cause) implements Msg {}

    static final int HANDLER_MAILBOX = 64;

    private final ServerSocket listener;
    private final OpenConnections connections;
    private final ServerCounters counters;
    private final CompletableFuture<SupervisorRef> supervisorReady;
    private final CompletableFuture<Void> stopped;
    private SupervisorRef handlers;
    private Thread acceptThread;

    Acceptor(ServerSocket listener, ServerCounters counters, CompletableFuture<SupervisorRef> supervisorReady,
             CompletableFuture<Void> stopped) {
        this.listener = listener;
        this.counters = counters;
        this.connections = new OpenConnections(counters);
        this.supervisorReady = supervisorReady;
        this.stopped = stopped;
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
                        .withShutdown(ChildShutdown.timeout(Duration.ofSeconds(1)))
                        .withProps(Props.defaults()
                                .withDispatcher(Dispatcher.virtualThreads())
                                .withMailbox(MailboxConfig.bounded(HANDLER_MAILBOX, Overflow.BLOCK))))
                .build();
        handlers = new SupervisorRef(ctx.spawn("connections", Supervisor.behavior(spec), Supervisor.props()));
        supervisorReady.complete(handlers);
        ActorRef<Msg> self = ctx.self();
        acceptThread = Thread.ofVirtual().name("echo-acceptor").start(() -> acceptLoop(self));
    }

    private void acceptLoop(ActorRef<Msg> self) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                self.tell(new Accepted(connections.accepted(socket)));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    self.tell(new AcceptFailed(e));
                }
                return;
            }
        }
    }

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) throws IOException {
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
            case AcceptFailed(IOException cause) -> throw cause; // let it crash: the server stops
        }
    }

    @Override
    public void postStop(ActorContext<Msg> ctx) throws InterruptedException {
        try {
            listener.close(); // ends the accept thread
        } catch (IOException e) {
            ctx.log().warn("closing the listening socket failed", e);
        }
        acceptThread.join();
        connections.closeAll(); // accepted while the handlers were stopping: no handler will close them
        stopped.complete(null);
    }
}

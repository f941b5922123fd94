package io.otp4j.examples.tcp;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.supervisor.SupervisorRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A line-protocol echo server in which every connection is served by an actor of its own:
 *
 * <pre>
 *   /user/&lt;name&gt;                acceptor: owns the listening socket; accepts on a virtual thread
 *   +-- connections            supervisor, SIMPLE_ONE_FOR_ONE, TEMPORARY children
 *       +-- $a, $b, ...        one handler per connection, on virtual threads; reads on a virtual thread
 * </pre>
 *
 * <p>Each line a client sends is echoed back, except two commands: {@code WHO} answers with the handler's
 * actor name, and {@code CRASH} makes the handler throw, which closes that client's connection and no other.
 * A handler that ends for any reason (the client left, a crash, a stop, a kill) closes its socket.
 *
 * <p>No socket IO runs on the default pool: accepting and reading block virtual threads, and the
 * handlers, which write, run on the virtual-thread dispatcher.
 *
 * <p>Threads: every method may be called from any thread.
 */
public final class EchoServer {

    private static final int BACKLOG = 4_096;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem system;
    private final ActorRef<Acceptor.Msg> acceptor;
    private final SupervisorRef connections;
    private final InetSocketAddress address;
    private final ServerCounters counters;
    private final CompletableFuture<Void> stopped;

    private EchoServer(ActorSystem system, ActorRef<Acceptor.Msg> acceptor, SupervisorRef connections,
                       InetSocketAddress address, ServerCounters counters, CompletableFuture<Void> stopped) {
        this.system = system;
        this.acceptor = acceptor;
        this.connections = connections;
        this.address = address;
        this.counters = counters;
        this.stopped = stopped;
    }

    /**
     * Binds the listening socket and starts the server's actors under {@code /user/<name>}.
     *
     * @param system the actor system
     * @param name the acceptor's name
     * @param bindTo where to listen, e.g. {@code new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)}
     *     for any free port on loopback
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound
     * @throws IllegalStateException if the server's actors did not start
     */
    public static EchoServer start(ActorSystem system, String name, InetSocketAddress bindTo) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(bindTo, "bindTo");
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.bind(bindTo, BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindTo, e);
        }
        ServerCounters counters = new ServerCounters();
        CompletableFuture<SupervisorRef> supervisorReady = new CompletableFuture<>();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        ActorRef<Acceptor.Msg> acceptor = system.spawn(name,
                () -> new Acceptor(listener, counters, supervisorReady, stopped),
                Props.defaults().withDispatcher(Dispatcher.virtualThreads()));
        SupervisorRef connections;
        try {
            connections = supervisorReady.orTimeout(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (CompletionException e) {
            system.stop(acceptor);
            closeQuietly(listener);
            throw new IllegalStateException("the echo server did not start", e.getCause());
        }
        return new EchoServer(system, acceptor, connections, (InetSocketAddress) listener.getLocalSocketAddress(),
                counters, stopped);
    }

    private static void closeQuietly(ServerSocket listener) {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one to report
        }
    }

    /** @return the address the server listens on */
    public InetSocketAddress address() {
        return address;
    }

    /** @return the supervisor of the connection handlers, e.g. to list or stop them */
    public SupervisorRef connections() {
        return connections;
    }

    /** @return the server's counters now */
    public ServerStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops the server: the handlers stop and close their connections, then the listening socket closes.
     *
     * @return completes once every socket the server opened is closed
     */
    public CompletionStage<Void> stop() {
        system.stop(acceptor);
        return stopped;
    }
}

package io.otp4j.examples.tcp;

import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.supervisor.ChildShutdown;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorException;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A line-protocol echo server in which every connection is served by an actor of its own:
 *
 * <pre>
 *   /user/&lt;name&gt;                supervisor, REST_FOR_ONE
 *   +-- keeper                 actor: hands each connection to a new handler; watches it
 *   |   +-- connections        supervisor, SIMPLE_ONE_FOR_ONE, TEMPORARY children
 *   |       +-- $a, $b, ...    one handler per connection, on virtual threads; reads on a virtual thread
 *   +-- acceptor               service (not an actor): the listening socket and its accept thread
 * </pre>
 *
 * <p>Each line a client sends is echoed back, except two commands: {@code WHO} answers with the handler's
 * actor name, and {@code CRASH} makes the handler throw, which closes that client's connection and no other.
 * A handler that ends for any reason (the client left, a crash, a stop, a kill) closes its socket.
 *
 * <p>The acceptor is a {@link io.otp4j.supervisor.Service} child next to the keeper: it starts after the
 * keeper and stops before it, so no connection is accepted that nobody would serve; if it fails, only it is
 * restarted (REST_FOR_ONE), and the connections being served are untouched; if the keeper fails, the
 * acceptor is restarted after it.
 *
 * <p>No socket IO runs on the default pool: accepting and reading block virtual threads, and the
 * handlers, which write, run on the virtual-thread dispatcher.
 *
 * <p>Threads: every method may be called from any thread.
 */
public final class EchoServer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem system;
    private final SupervisorRef server;
    private final AtomicReference<ConnectionKeeper.Started> keeper;
    private final InetSocketAddress address;
    private final ServerCounters counters;
    private final OpenConnections open;

    private EchoServer(ActorSystem system, SupervisorRef server, AtomicReference<ConnectionKeeper.Started> keeper,
                       InetSocketAddress address, ServerCounters counters, OpenConnections open) {
        this.system = system;
        this.server = server;
        this.keeper = keeper;
        this.address = address;
        this.counters = counters;
        this.open = open;
    }

    /**
     * Starts the server's supervision tree under {@code /user/<name>}; the acceptor binds the listening socket
     * as it starts.
     *
     * @param system the actor system
     * @param name the server's name
     * @param bindTo where to listen, e.g. {@code new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)}
     *     for any free port on loopback
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound
     * @throws IllegalStateException if the server's actors did not start
     */
    public static EchoServer start(ActorSystem system, String name, InetSocketAddress bindTo) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(bindTo, "bindTo");
        ServerCounters counters = new ServerCounters();
        OpenConnections open = new OpenConnections(counters);
        AtomicReference<ConnectionKeeper.Started> keeper = new AtomicReference<>();
        AtomicReference<InetSocketAddress> address = new AtomicReference<>(bindTo);
        SupervisorSpec spec = Supervisor.builder()
                .strategy(Strategy.REST_FOR_ONE)
                .child(ChildSpec.worker("keeper", () -> new ConnectionKeeper(open, counters, keeper::set))
                        .withProps(Props.defaults().withDispatcher(Dispatcher.virtualThreads())))
                // started after the keeper, whose ref it reads as it starts; stopped before it
                .child(ChildSpec.service("acceptor", () -> new Acceptor(address, () -> keeper.get().keeper(), open))
                        .withShutdown(ChildShutdown.timeout(Duration.ofSeconds(1))))
                .build();
        SupervisorRef server;
        try {
            server = Supervisor.start(system, name, spec, STARTUP_TIMEOUT);
        } catch (SupervisorException e) {
            if (e.exitReason().orElse(null) instanceof ExitReason.Failed f && f.cause() instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on " + bindTo, io);
            }
            throw new IllegalStateException("the echo server did not start", e);
        }
        return new EchoServer(system, server, keeper, address.get(), counters, open);
    }

    /** @return the address the server listens on */
    public InetSocketAddress address() {
        return address;
    }

    /** @return the supervisor of the connection handlers, e.g. to list or stop them */
    public SupervisorRef connections() {
        return keeper.get().handlers();
    }

    /** @return the server's own supervisor, whose children are the keeper and the acceptor */
    public SupervisorRef supervisor() {
        return server;
    }

    /** @return the server's counters now */
    public ServerStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops the server: the acceptor closes the listening socket, then the handlers stop and close their
     * connections.
     *
     * @return completes once every socket the server opened is closed
     */
    public CompletionStage<Void> stop() {
        return system.stop(server.ref()).thenRun(open::closeAll); // closeAll: nothing is left, unless a child was killed
    }
}

package io.otp4j.examples.tcp;

import io.otp4j.actor.ActorRef;
import io.otp4j.supervisor.Service;
import io.otp4j.supervisor.ServiceContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The server's acceptor, a supervised {@link Service} rather than an actor: it owns the listening socket and a
 * virtual thread blocked in {@code accept}, and hands each accepted connection to the {@link ConnectionKeeper}.
 *
 * <ul>
 *   <li>{@link #start} binds the socket and starts the accept thread. A bind that fails is a failed start.</li>
 *   <li>{@link #stop} closes the socket, which ends the accept thread, and waits for it, within the child's
 *       shutdown timeout.</li>
 *   <li>{@code accept} failing while the socket is open (out of file descriptors, say) is reported with
 *       {@link ServiceContext#failed}: the supervisor stops this instance and starts a new one, which binds
 *       the same address again.</li>
 * </ul>
 *
 * <p>The first start binds the address asked for (port 0: any free port) and records the address it got, so
 * that a restart listens where clients already connect.
 */
final class Acceptor implements Service {

    static final int BACKLOG = 4_096;

    private final AtomicReference<InetSocketAddress> address;
    private final Supplier<ActorRef<ConnectionKeeper.Msg>> keeper;
    private final OpenConnections connections;
    private ServerSocket listener;
    private Thread acceptThread;

    /**
     * @param address where to listen; the first start replaces it with the address actually bound
     * @param keeper the keeper to hand connections to, as it is when this acceptor starts (a sibling started
     *     before it)
     * @param connections where each accepted socket is tracked until it is closed
     */
    Acceptor(AtomicReference<InetSocketAddress> address, Supplier<ActorRef<ConnectionKeeper.Msg>> keeper,
             OpenConnections connections) {
        this.address = address;
        this.keeper = keeper;
        this.connections = connections;
    }

    @Override
    public void start(ServiceContext context) throws IOException {
        ActorRef<ConnectionKeeper.Msg> handOff = keeper.get();
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true); // a restart binds the port its predecessor just closed
            socket.bind(address.get(), BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e; // a failed start: the supervisor sees it
        }
        address.set((InetSocketAddress) socket.getLocalSocketAddress());
        listener = socket;
        acceptThread = Thread.ofVirtual().name("echo-acceptor").start(() -> acceptLoop(socket, handOff, context));
    }

    private void acceptLoop(ServerSocket socket, ActorRef<ConnectionKeeper.Msg> handOff, ServiceContext context) {
        while (!socket.isClosed()) {
            try {
                Socket accepted = socket.accept();
                handOff.tell(new ConnectionKeeper.Accepted(connections.accepted(accepted)));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    context.failed(e); // let it crash: the supervisor restarts the acceptor
                }
                return;
            }
        }
    }

    @Override
    public void stop(Duration timeout) throws IOException, InterruptedException {
        listener.close(); // ends the accept thread
        acceptThread.join(timeout);
    }
}

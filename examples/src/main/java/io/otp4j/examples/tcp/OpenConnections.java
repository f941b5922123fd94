package io.otp4j.examples.tcp;

import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every accepted connection that is not closed yet. A connection enters when it is accepted, before any
 * actor knows of it, and leaves when it is closed; so whatever is left when the server stops (a connection
 * accepted at the last moment, whose handler never started) can still be closed.
 *
 * <p>Threads: every method may be called from any thread.
 */
final class OpenConnections {

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ServerCounters counters;

    OpenConnections(ServerCounters counters) {
        this.counters = counters;
    }

    /** @return the accepted socket as a connection, counted and tracked until it is closed */
    Connection accepted(Socket socket) {
        Connection connection = new Connection(socket, this);
        open.add(connection);
        counters.accepted();
        return connection;
    }

    /** Called once by each connection as it closes. */
    void closed(Connection connection) {
        open.remove(connection);
        counters.closed();
    }

    /** Closes every connection still open. */
    void closeAll() {
        List.copyOf(open).forEach(Connection::close);
    }
}

package io.otp4j.examples.tcp;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking client for the {@link EchoServer}'s line protocol, one per connection: meant for a thread of
 * its own (a virtual thread, when there are thousands).
 *
 * <p>Threads: one thread at a time.
 */
public final class EchoClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private EchoClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to a server.
     *
     * @param address the server's address
     * @param readTimeout how long a read may wait before it fails: a safety net, not a synchronisation
     * @return the connected client
     * @throws IOException if the connection fails
     */
    public static EchoClient connect(InetSocketAddress address, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address);
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            return new EchoClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one line without waiting for a reply.
     *
     * @param line the text, without a line terminator
     * @throws IOException if the connection is closed or broken
     */
    public void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Sends one line and waits for the reply.
     *
     * @param line the text, without a line terminator
     * @return the reply line
     * @throws EOFException if the server closed the connection instead of replying
     * @throws IOException if the connection is broken or the read timed out
     */
    public String exchange(String line) throws IOException {
        send(line);
        String reply = in.readLine();
        if (reply == null) {
            throw new EOFException("the server closed the connection");
        }
        return reply;
    }

    /**
     * Waits until the server closes the connection.
     *
     * @return true if it did (end of stream, or a reset); false if a line arrived instead or the read timed out
     */
    public boolean awaitClosedByServer() {
        try {
            return in.readLine() == null;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: the server closed with unread data
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the client's side of the connection. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the socket is released either way
        }
    }
}

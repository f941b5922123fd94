package io.otp4j.examples.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One accepted client socket, speaking lines of UTF-8 text. Its lines are read by a virtual thread of its
 * own, so that a blocking read ties up no dispatcher thread; replies are written by whoever calls
 * {@link #send}. {@link #close} is idempotent and may come from any thread: it also ends the reader.
 *
 * <p>Threads: {@link #startReading} once; {@link #send} from one thread at a time (the handler actor);
 * {@link #close} from any thread.
 */
final class Connection {

    /** What the reader found: a line, the end of the stream, or a failure. */
    sealed interface Input permits Line, EndOfStream, ReadFailed {}

    /** @param text one line, without its line terminator */
    record Line(String text) implements Input {}

    /** The client closed its side. */
    record EndOfStream() implements Input {}

    /** @param cause why reading failed (a reset, say) */
    record ReadFailed(Exception cause) implements Input {}

    private final Socket socket;
    private final OpenConnections owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    Connection(Socket socket, OpenConnections owner) {
        this.socket = socket;
        this.owner = owner;
    }

    /**
     * Starts the reader thread; it hands each line, then the end of the stream or a failure, to
     * {@code sink}, and stops. After {@link #close} it stops without a word.
     *
     * @param sink receives the input, in order, on the reader thread; may block (backpressure)
     */
    void startReading(Consumer<Input> sink) {
        Thread.ofVirtual().name("echo-reader-" + socket.getPort()).start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(new Line(line));
                }
                sink.accept(new EndOfStream());
            } catch (IOException | RuntimeException e) {
                if (!closed.get()) {
                    sink.accept(new ReadFailed(e));
                }
            }
        });
    }

    /**
     * Writes one line and its terminator.
     *
     * @param line the text
     * @throws IOException if the connection is closed or broken
     */
    void send(String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Closes the socket once; later calls do nothing. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            owner.closed(this); // first: once the client sees the close, the counters already show it
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway: nothing left to do with it
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return "Connection[" + socket.getRemoteSocketAddress() + "]";
    }
}

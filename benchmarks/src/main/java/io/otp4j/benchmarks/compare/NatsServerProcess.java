package io.otp4j.benchmarks.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The NATS server of otp4j's remote workloads: the one {@code OTP4J_NATS_URL} names, or else a
 * {@code nats-server} from {@code PATH} started here with JetStream on a free loopback port and a temporary
 * store, stopped by {@link #close()} (and when this JVM ends).
 */
final class NatsServerProcess implements AutoCloseable {

    final String url;
    private final Process process; // null: a server someone else runs
    private final Path store;

    private NatsServerProcess(String url, Process process, Path store) {
        this.url = url;
        this.process = process;
        this.store = store;
    }

    /** @return the server named by {@code OTP4J_NATS_URL}, or one started now */
    static NatsServerProcess start() {
        String given = System.getenv("OTP4J_NATS_URL");
        if (given != null && !given.isBlank()) {
            return new NatsServerProcess(given, null, null);
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path store = Files.createTempDirectory("otp4j-bench-nats");
            Process server = new ProcessBuilder("nats-server", "-js", "-a", "127.0.0.1", "-p", String.valueOf(port),
                    "-sd", store.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(store.resolve("server.log").toFile())
                    .start();
            NatsServerProcess started = new NatsServerProcess("nats://127.0.0.1:" + port, server, store);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            awaitListening(server, port);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server (is it on the PATH?)", e);
        }
    }

    /** Waits until the server accepts connections; fails if it exits first. */
    private static void awaitListening(Process server, int port) throws IOException {
        while (true) {
            if (!server.isAlive()) {
                throw new IOException("nats-server exited with " + server.exitValue() + " before listening on " + port);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                try {
                    server.waitFor(50, TimeUnit.MILLISECONDS); // a pause between attempts, cut short if it exits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(store)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}

package io.otp4j.nats;

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
 * The NATS server the tests talk to: the one {@code .ci/run} started ({@code OTP4J_NATS_URL}), or else a
 * {@code nats-server} from {@code PATH} started here with JetStream on a free loopback port and a temporary
 * store, stopped when the test JVM ends. One per test JVM.
 */
final class NatsServer {

    private static NatsServer shared;

    private final String url;

    private NatsServer(String url) {
        this.url = url;
    }

    /** @return the server for this JVM's tests, started on first use */
    static synchronized NatsServer get() {
        if (shared == null) {
            String given = System.getenv("OTP4J_NATS_URL");
            shared = given != null && !given.isBlank() ? new NatsServer(given) : start();
        }
        return shared;
    }

    String url() {
        return url;
    }

    private static NatsServer start() {
        try {
            int port = freePort();
            Path store = Files.createTempDirectory("otp4j-nats-test");
            Process server = new ProcessBuilder("nats-server", "-js", "-a", "127.0.0.1", "-p", String.valueOf(port),
                    "-sd", store.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(store.resolve("server.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.destroy();
                try {
                    server.waitFor(10, TimeUnit.SECONDS);
                    try (Stream<Path> files = Files.walk(store)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                } catch (InterruptedException | IOException e) {
                    // best effort: the JVM is ending
                }
            }));
            awaitListening(server, port);
            return new NatsServer("nats://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server (is it installed? .ci/run installs it)", e);
        }
    }

    /** Waits until the server accepts connections; fails if it exits first (no wall-clock deadline needed). */
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

    /**
     * Starts a server of a test's own, with JetStream, on a free loopback port, from a configuration file made
     * of the listen address, a JetStream store and {@code config} (authorization, cluster routes, ...).
     *
     * @param config more configuration, in the server's file format
     * @return the running server; close it to stop it and delete its store
     */
    static Own startWithConfig(String config) {
        try {
            return startWithConfig(freePort(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Own startWithConfig(int port, String config) {
        try {
            Path dir = Files.createTempDirectory("otp4j-nats-own");
            Path file = dir.resolve("server.conf");
            Files.writeString(file, "listen: 127.0.0.1:" + port + "\n"
                    + "jetstream { store_dir: \"" + dir.resolve("store") + "\" }\n" + config);
            Process server = new ProcessBuilder("nats-server", "-c", file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile())
                    .start();
            Own own = new Own(server, port, dir);
            try {
                awaitListening(server, port);
            } catch (IOException e) {
                String log = Files.readString(dir.resolve("server.log"));
                own.close();
                throw new IOException(e.getMessage() + ":\n" + log, e);
            }
            return own;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server (is it installed? .ci/run installs it)", e);
        }
    }

    /** A server a test started and stops. */
    static final class Own implements AutoCloseable {
        private final Process process;
        private final int port;
        private final Path dir;

        Own(Process process, int port, Path dir) {
            this.process = process;
            this.port = port;
            this.dir = dir;
        }

        String url() {
            return "nats://127.0.0.1:" + port;
        }

        int port() {
            return port;
        }

        /** Kills it at once (SIGKILL), as a crashed machine would go. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

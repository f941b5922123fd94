package io.otp4j.nats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NodeMain} in a JVM of its own (the test JVM's {@code java} and class path), talked to through its
 * stdin and stdout. Its log (stderr) goes to a temporary file, quoted when an expectation fails.
 */
final class NodeProcess implements AutoCloseable {

    /** How long a line may take before the test fails for lack of progress: far beyond any normal run. */
    private static final long PATIENCE_SECONDS = 60;
    private static final String EOF = "\u0000EOF";

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    /** The node's address token, from its READY line. */
    final String token;

    private NodeProcess(String name, String url) throws IOException {
        this.name = name;
        this.log = Files.createTempFile("otp4j-node-" + name, ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        this.process = new ProcessBuilder(java, "-cp", classPath, NodeMain.class.getName(), url, name)
                .redirectError(log.toFile())
                .start();
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone; the EOF marker below tells the waiting test
            }
            lines.add(EOF);
        }, "node-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        this.token = expect("READY ").substring("READY ".length());
    }

    /** Starts the node and waits until it has joined. */
    static NodeProcess start(String name, String url) {
        try {
            return new NodeProcess(name, url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command line. */
    void send(String command) {
        try {
            stdin.write(command + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("node " + name + " no longer reads commands" + logTail(), e);
        }
    }

    /**
     * @return the next line starting with {@code prefix}; lines before it are skipped (kept for the message
     *     of a failure)
     * @throws AssertionError if the process ends, or says nothing for a long time, first
     */
    String expect(String prefix) {
        while (true) {
            String line;
            try {
                line = lines.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for '" + prefix + "' from node " + name, e);
            }
            if (line == null || line.equals(EOF)) {
                throw new AssertionError("node " + name + (line == null ? " went silent" : " exited")
                        + " before saying '" + prefix + "'; it said " + seen + logTail());
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** @return every line it has said and a test has read so far, in order */
    List<String> said() {
        return List.copyOf(seen);
    }

    /** Reads what it said until its output ends (it exited or was killed); @return every line it said */
    List<String> saidUntilExit() {
        try {
            expect("\u0000never said");
        } catch (AssertionError exited) {
            // the end of its output, as expected
        }
        return said();
    }

    /** Kills the JVM at once (SIGKILL): no goodbye, no shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private String logTail() {
        try {
            List<String> all = Files.readAllLines(log);
            return "\n--- node " + name + " log ---\n" + String.join("\n", all.subList(Math.max(0, all.size() - 40),
                    all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            send("quit");
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file left behind
        }
    }
}

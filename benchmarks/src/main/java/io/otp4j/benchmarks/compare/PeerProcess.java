package io.otp4j.benchmarks.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The second JVM of a remote workload: {@link RemotePeer} for one runtime, started from the same class path
 * and java binary as this JVM. It prints {@code READY <address>} once its actors are up; it lives until its
 * standard input closes, which {@link #close()} does (and the death of this JVM does too, so no peer
 * outlives a crashed driver).
 */
final class PeerProcess implements AutoCloseable {

    private final Process process;
    final String address;

    /** @param args the runtime, and what its peer needs (otp4j: the NATS server's URL) */
    PeerProcess(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-cp", classPath,
                RemotePeer.class.getName()));
        cmd.addAll(List.of(args));
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the peer JVM " + cmd, e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("peer-output").start(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(RemotePeer.READY)) {
                        ready.complete(line.substring(RemotePeer.READY.length()).trim());
                    } else if (!(line.startsWith("WARNING: ") && line.contains("Unsafe"))) {
                        System.err.println("[peer] " + line); // stderr: stdout carries the JSON result lines
                    }
                }
                ready.completeExceptionally(new IllegalStateException("the peer JVM exited before it was ready"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            address = Check.await(ready, "the peer JVM to start");
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** @return the path of the class path's benchmarks jar, for the record */
    static Path jar() {
        return Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

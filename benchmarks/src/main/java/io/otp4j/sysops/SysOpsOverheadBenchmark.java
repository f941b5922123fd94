package io.otp4j.sysops;

import io.otp4j.actor.ActorSystem;
import io.otp4j.sysops.audit.AuditSink;
import io.otp4j.sysops.audit.JsonLinesAuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what do the policy check and the audit add to a small operation? An allowed 4 KB file read
 * through sysops against a direct NIO read of the same file, and a denied read.
 *
 * <p>Method. Five scores, one thread, one read each:
 * <ul>
 *   <li>{@code directNio}: {@code Files.readAllBytes}, the baseline;</li>
 *   <li>{@code checkedRead}: the worker's own work, called directly (no actor, no audit): the check on the
 *   real path ({@code toRealPath}, the grant, the file's identity and link count), the confined open (one
 *   {@code openat} per component below the granted folder, {@code O_NOFOLLOW}) and the read. Minus
 *   {@code directNio}, this is the policy's share;</li>
 *   <li>{@code sysopsRead} with {@code audit=none}: the whole path, {@code submit} to answer, with a sink
 *   that drops records. Minus {@code checkedRead}: the actor hop (a virtual-thread worker, a future);</li>
 *   <li>{@code sysopsRead} with {@code audit=jsonl}: the same with the hash-chained file log (the record
 *   built and queued on the caller's path; SHA-256 and the batched write on the writer thread). Minus
 *   {@code audit=none}: the audit's share on the caller's path;</li>
 *   <li>{@code sysopsDenied}: a read outside the grant, answered {@code Denied} and audited.</li>
 * </ul>
 * This class sits in {@code io.otp4j.sysops} (in the benchmarks jar) to call the worker's package-private
 * executor directly; nothing else depends on that.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SysOpsOverheadBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class SysOpsOverheadBenchmark {

    private static final Principal READER = Principal.of("reader", "reader");

    /** The audit sink: {@code none} drops records, {@code jsonl} writes the hash-chained file. */
    @Param({"none", "jsonl"})
    public String audit;

    private Path root;
    private Path file;
    private Path outside;
    private ActorSystem system;
    private SysOps ops;
    private Policy policy;
    private FileExecutor executor;
    private FileOperation.ReadFile allowed;
    private FileOperation.ReadFile denied;

    /** A temp folder with a 4 KB file in a granted {@code data/} and one outside it. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("otp4j-sysops-bench").toRealPath();
        Path data = Files.createDirectories(root.resolve("data"));
        file = Files.write(data.resolve("4k.bin"), new byte[4096]);
        outside = Files.write(root.resolve("outside.bin"), new byte[4096]);
        policy = Policy.builder().allow("role:reader", Permission.Folder.of(data, FileAccess.READ)).build();
        AuditSink sink = audit.equals("jsonl") ? JsonLinesAuditLog.open(root.resolve("audit.jsonl"))
                : AuditSink.discarding();
        system = ActorSystem.create("sysops-bench");
        ops = SysOps.start(system, policy, sink);
        executor = new FileExecutor(policy, Hooks.NONE, new Watches());
        allowed = new FileOperation.ReadFile(file, 8192);
        denied = new FileOperation.ReadFile(outside, 8192);
    }

    /** Closes sysops (flushing the audit) and deletes the folder. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        ops.close();
        system.close();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** @return the file's bytes, read directly */
    @Benchmark
    public byte[] directNio() throws IOException {
        return Files.readAllBytes(file);
    }

    /** @return the answer of the checked, confined read, without actor or audit */
    @Benchmark
    public Result<FileOperation.Content> checkedRead() throws Exception {
        try {
            return executor.execute(new Job<>(READER, allowed));
        } catch (Answered answered) {
            throw new IllegalStateException("the benchmark's read must be allowed: " + answered.result());
        }
    }

    /** @return the answer of an allowed read through sysops */
    @Benchmark
    public Result<FileOperation.Content> sysopsRead() {
        return ops.submit(READER, allowed).toCompletableFuture().join();
    }

    /** @return the answer of a denied read through sysops */
    @Benchmark
    public Result<FileOperation.Content> sysopsDenied() {
        return ops.submit(READER, denied).toCompletableFuture().join();
    }
}

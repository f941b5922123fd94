package io.otp4j.examples.sysops;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorSpec;
import io.otp4j.sysops.FileAccess;
import io.otp4j.sysops.FileOperation;
import io.otp4j.sysops.Permission;
import io.otp4j.sysops.Policy;
import io.otp4j.sysops.Result;
import io.otp4j.sysops.SysOps;
import io.otp4j.sysops.audit.AuditVerifier;
import io.otp4j.sysops.audit.JsonLinesAuditLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The file processing use case rebuilt on sysops: a watcher and three processors that touch files only
 * through sysops, under a policy that allows the inbox and the outbox and nothing else. Five good CSV files
 * and a corrupt one are dropped into the inbox; the corrupt one crashes its processor, which is restarted;
 * then two attempts to step outside (the audit file, and {@code outbox/../secret.txt}) are denied. At the end
 * the hash-chained audit file is verified.
 *
 * <p>Run it with {@code ./otp4j run sysops.SecureFileProcessing}.
 */
public final class SecureFileProcessing {

    private static final int GOOD_FILES = 5;

    private SecureFileProcessing() {}

    /**
     * Runs the example in a temp folder, deleted at the end.
     *
     * @param args ignored
     * @throws IOException if the temp folder cannot be written
     * @throws InterruptedException if interrupted while waiting for the files to settle
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("otp4j-sysops-").toRealPath();
        try {
            run(root);
        } finally {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void run(Path root) throws IOException, InterruptedException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path outbox = Files.createDirectories(root.resolve("outbox"));
        Path audit = root.resolve("audit.jsonl");
        Files.writeString(root.resolve("secret.txt"), "not for the processors");
        // tag::policy[]
        Policy policy = Policy.parse("""
                allow role:intake     file watch,list        %s
                allow role:processing file read,delete       %s
                allow role:processing file write             %s
                """.formatted(inbox, inbox, outbox), "file-processing.policy");
        // end::policy[]
        System.out.println("policy: intake may watch and list the inbox; processing may read and delete there,"
                + " and write to the outbox");

        CountDownLatch settled = new CountDownLatch(GOOD_FILES + 1);
        List<String> story = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ActorSystem system = ActorSystem.create("secure-files")) {
            // tag::start[]
            SysOps ops = SysOps.start(system, policy, JsonLinesAuditLog.open(audit));
            ActorRef<SecureInboxWatcher.Msg> watcher = system.spawn("inbox-watcher",
                    () -> new SecureInboxWatcher(ops, inbox, line -> {
                        story.add(line);
                        settled.countDown();
                    }));
            SupervisorSpec.Builder processors = Supervisor.builder().strategy(Strategy.ONE_FOR_ONE)
                    .intensity(5, Duration.ofSeconds(10));
            for (int i = 1; i <= 3; i++) {
                processors.child(ChildSpec.worker("processor-" + i, () -> new SumProcessor(ops, outbox, watcher)));
            }
            Supervisor.start(system, "processors", processors.build());
            // end::start[]

            for (int i = 1; i <= GOOD_FILES; i++) {
                drop(inbox, "numbers-" + i + ".csv", "10," + i + "\n" + i * 100 + "\n");
            }
            drop(inbox, "corrupt.csv", "1,two,3\n");
            if (!settled.await(30, TimeUnit.SECONDS)) {
                System.out.println("not every file settled in 30 s");
            }
            story.stream().map(line -> line.replaceFirst("^processor-\\d: ", "")).sorted()
                    .forEach(line -> System.out.println("  " + line));

            // tag::denied[]
            Result<?> audited = ops.submit(SumProcessor.PRINCIPAL, new FileOperation.ReadFile(audit, 4096))
                    .toCompletableFuture().join();
            Result<?> escape = ops.submit(SumProcessor.PRINCIPAL, new FileOperation.WriteFile(
                    outbox.resolve("../secret.txt"), "overwritten".getBytes(StandardCharsets.UTF_8)))
                    .toCompletableFuture().join();
            // end::denied[]
            System.out.println("processor reads the audit file: " + text(audited, root));
            System.out.println("processor writes outbox/../secret.txt: " + text(escape, root));
            try (Stream<Path> results = Files.list(outbox)) {
                System.out.println("outbox: " + results.count() + " result files; inbox still holds: "
                        + Files.list(inbox).map(p -> p.getFileName().toString()).sorted().toList());
            }
            ops.close(); // writes the last audit records
        }
        switch (AuditVerifier.verify(audit)) {
            case AuditVerifier.Verification.Intact(long records, String lastHash) ->
                    System.out.println("audit: hash chain intact, " + records + " records, "
                            + Files.readAllLines(audit).stream().filter(l -> l.contains("\"decision\":\"deny\"")).count()
                            + " of them denials");
            case AuditVerifier.Verification.Broken(long line, String problem) ->
                    System.out.println("audit: BROKEN at line " + line + ": " + problem);
        }
    }

    private static String text(Result<?> result, Path root) {
        return switch (result) {
            case Result.Denied<?>(String missing, String reason) ->
                    "DENIED, missing '" + missing.replace(root.toString(), "ROOT") + "' (" + reason + ")";
            default -> result.toString();
        };
    }

    /** Writes under a hidden name, then renames into place: the watcher never sees half a file. */
    private static void drop(Path inbox, String name, String content) throws IOException {
        Path part = Files.writeString(inbox.resolve("." + name + ".part"), content);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}

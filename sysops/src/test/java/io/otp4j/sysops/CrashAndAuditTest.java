package io.otp4j.sysops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.sysops.FileOperation.ReadFile;
import io.otp4j.sysops.audit.AuditRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crashing worker is restarted alone; every request is audited once, stamped by the injected clock. */
class CrashAndAuditTest {

    private static final Principal ALICE = Principal.of("alice", "reader");
    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void aCrashedFileWorkerAnswersCrashedIsRestartedAndServesTheNextRequest() throws IOException {
        Path inbox = Files.createDirectories(tmp.toRealPath().resolve("inbox"));
        Files.writeString(inbox.resolve("a.txt"), "fine");
        AtomicBoolean crashNext = new AtomicBoolean(true);
        Hooks crashOnce = new Hooks() {
            @Override
            public void beforeOperation(Operation<?> operation) {
                if (crashNext.getAndSet(false)) {
                    throw new IllegalStateException("injected fault");
                }
            }
        };
        Policy policy = Policy.builder().allow("role:reader", Permission.Folder.of(inbox, FileAccess.READ)).build();
        try (SysOpsFixture fixture = new SysOpsFixture(policy, SysOpsSettings.defaults().withWorkersPerKind(1), crashOnce)) {
            Result<?> crashed = fixture.run(ALICE, new ReadFile(inbox.resolve("a.txt"), 100));

            assertThat(crashed).isInstanceOfSatisfying(Result.Failed.class, failed -> {
                assertThat(failed.kind()).isEqualTo(Result.Failure.CRASHED);
                assertThat(failed.message()).contains("injected fault");
            });
            Result<?> next = fixture.run(ALICE, new ReadFile(inbox.resolve("a.txt"), 100));
            assertThat(next).isInstanceOf(Result.Ok.class);
            await().atMost(SysOpsFixture.GENEROUS).until(() -> SysOpsFixture.await(
                    fixture.ops.supervisor().whichChild("file-0")).restarts() == 1);
            assertThat(SysOpsFixture.await(fixture.ops.supervisor().whichChild("process-0")).restarts()).isZero();
            assertThat(fixture.audit.records).extracting(AuditRecord::outcome).containsExactly("failed:crashed", "ok");
        }
    }

    @Test
    void everyRequestIsAuditedOnceWithTheInjectedClock() throws IOException {
        Path inbox = Files.createDirectories(tmp.toRealPath().resolve("inbox"));
        Policy policy = Policy.builder().allow("role:reader", Permission.Folder.of(inbox, FileAccess.WRITE)).build();
        SysOpsSettings settings = SysOpsSettings.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        try (SysOpsFixture fixture = new SysOpsFixture(policy, settings, Hooks.NONE)) {
            fixture.run(ALICE, new FileOperation.WriteFile(inbox.resolve("out.txt"), "12345".getBytes(UTF_8)));
            fixture.run(ALICE, new FileOperation.WriteFile(tmp.resolve("elsewhere.txt"), "x".getBytes(UTF_8)));

            List<AuditRecord> records = fixture.audit.records;
            assertThat(records).hasSize(2);
            assertThat(records).extracting(AuditRecord::time).containsOnly(NOW);
            assertThat(records.get(0)).extracting(AuditRecord::operation, AuditRecord::decision, AuditRecord::rule,
                    AuditRecord::outcome, AuditRecord::bytes).containsExactly("file.write", "allow", "grant#1", "ok", 5L);
            assertThat(records.get(1)).extracting(AuditRecord::decision, AuditRecord::outcome)
                    .containsExactly("deny", "denied");
        }
    }

    @Test
    void aWatchReportsNewFilesAndEndsWithClose() throws Exception {
        Path inbox = Files.createDirectories(tmp.toRealPath().resolve("inbox"));
        Policy policy = Policy.builder().allow("role:reader", Permission.Folder.of(inbox, FileAccess.WATCH)).build();
        LinkedBlockingQueue<FileOperation.DirectoryChanged> changes = new LinkedBlockingQueue<>();
        SysOpsFixture fixture = new SysOpsFixture(policy);
        try {
            var subscriber = fixture.system.<FileOperation.DirectoryChanged>spawn("subscriber",
                    () -> (msg, ctx) -> changes.add(msg));
            Result<?> watching = fixture.run(ALICE, new FileOperation.WatchDirectory(inbox, subscriber));
            assertThat(watching).isInstanceOf(Result.Ok.class);
            assertThat(fixture.ops.liveWatches()).isEqualTo(1);

            Files.writeString(inbox.resolve("new.csv"), "1");

            FileOperation.DirectoryChanged change = changes.poll(30, TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(change.name()).isEqualTo("new.csv");
            Result<?> outside = fixture.run(ALICE, new FileOperation.WatchDirectory(tmp, subscriber));
            assertThat(outside).isInstanceOf(Result.Denied.class);
        } finally {
            fixture.close();
        }
        assertThat(fixture.ops.liveWatches()).isZero();
    }
}

package io.otp4j.sysops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash-chained audit file: nothing lost at close, the chain continued on reopen, tampering found. */
class JsonLinesAuditLogTest {

    @TempDir
    Path tmp;

    private static AuditRecord record(int i) {
        return new AuditRecord(Instant.parse("2026-12-07T00:00:00Z").plusSeconds(i), "alice", "file.read",
                "/srv/inbox/\"quoted\"\n" + i, "allow", "grant#1", "ok", Duration.ofNanos(1000 + i), i);
    }

    private Path logOf(int records) throws IOException {
        Path file = tmp.resolve("audit.jsonl");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.open(file)) {
            for (int i = 1; i <= records; i++) {
                log.record(record(i));
            }
        }
        return file;
    }

    @Test
    void recordsFromManyThreadsAreAllWrittenByCloseAndChainIntact() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        int threads = 4;
        int each = 500;
        JsonLinesAuditLog log = JsonLinesAuditLog.open(file);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) {
                    log.record(record(i));
                }
                done.countDown();
            });
        }
        done.await();
        log.close();

        assertThat(AuditVerifier.verify(file)).isInstanceOfSatisfying(AuditVerifier.Verification.Intact.class,
                intact -> assertThat(intact.records()).isEqualTo(threads * each));
    }

    @Test
    void reopeningContinuesTheChain() throws IOException {
        Path file = logOf(3);
        try (JsonLinesAuditLog log = JsonLinesAuditLog.open(file)) {
            log.record(record(4));
        }

        assertThat(AuditVerifier.verify(file)).isInstanceOfSatisfying(AuditVerifier.Verification.Intact.class,
                intact -> assertThat(intact.records()).isEqualTo(4));
    }

    @Test
    void anEditedRecordIsFoundAtItsLine() throws IOException {
        Path file = logOf(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"principal\":\"alice\"", "\"principal\":\"mallory\""));
        Files.write(file, lines);

        assertThat(AuditVerifier.verify(file)).isEqualTo(new AuditVerifier.Verification.Broken(3,
                "its content does not match its hash: the record was edited"));
    }

    @Test
    void aRemovedRecordIsFoundWhereItWas() throws IOException {
        Path file = logOf(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(2);
        Files.write(file, lines);

        assertThat(AuditVerifier.verify(file)).isInstanceOfSatisfying(AuditVerifier.Verification.Broken.class,
                broken -> {
                    assertThat(broken.line()).isEqualTo(3);
                    assertThat(broken.problem()).contains("missing");
                });
    }

    @Test
    void reorderedRecordsAreFoundAtTheFirstOutOfPlace() throws IOException {
        Path file = logOf(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        Collections.swap(lines, 1, 3);
        Files.write(file, lines);

        assertThat(AuditVerifier.verify(file)).isInstanceOfSatisfying(AuditVerifier.Verification.Broken.class,
                broken -> assertThat(broken.line()).isEqualTo(2));
    }

    @Test
    void anEditWithAFreshSequenceNumberStillBreaksTheHashOfTheNextLine() throws IOException {
        Path file = logOf(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        // a forger who recomputes line 3's own hash after editing it is caught by line 4's prev
        String edited = lines.get(2).replace("\"bytes\":3", "\"bytes\":0");
        String body = edited.substring(0, edited.lastIndexOf(HashChain.HASH_FIELD));
        lines.set(2, HashChain.line(body, HashChain.sha256(HashChain.newDigest(), body)));
        Files.write(file, lines);

        assertThat(AuditVerifier.verify(file)).isInstanceOfSatisfying(AuditVerifier.Verification.Broken.class,
                broken -> {
                    assertThat(broken.line()).isEqualTo(4);
                    assertThat(broken.problem()).contains("prev");
                });
    }

    @Test
    void theCommandReportsTheFirstBrokenLineAndExitsWithOne() throws IOException {
        Path file = logOf(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(0);
        Files.write(file, lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = AuditVerifier.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("BROKEN at line 1: ");
        Files.delete(file);
        assertThat(AuditVerifier.run(new String[] {logOf(2).toString()}, new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8))).isZero();
    }

    @Test
    void aRecordAfterCloseIsRefused() throws IOException {
        JsonLinesAuditLog log = JsonLinesAuditLog.open(tmp.resolve("audit.jsonl"));
        log.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> log.record(record(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}

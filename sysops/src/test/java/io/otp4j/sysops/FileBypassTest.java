package io.otp4j.sysops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.sysops.FileOperation.ReadFile;
import io.otp4j.sysops.FileOperation.WriteFile;
import io.otp4j.sysops.audit.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attempts to reach a file outside the grant: each is denied (never answered with the secret) and audited as
 * a denial naming the missing permission.
 */
class FileBypassTest {

    private static final Principal ALICE = Principal.of("alice", "reader");
    private static final String SECRET = "the secret outside the grant";

    @TempDir
    Path tmp;
    private Path root;
    private Path inbox;
    private Path secret;
    private SysOpsFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.toRealPath();
        inbox = Files.createDirectories(root.resolve("inbox"));
        secret = Files.writeString(root.resolve("secret.txt"), SECRET);
        Files.writeString(inbox.resolve("a.txt"), "inside");
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private SysOpsFixture start(Hooks hooks) {
        Policy policy = Policy.builder()
                .allow("role:reader", Permission.Folder.of(inbox, FileAccess.READ, FileAccess.WRITE, FileAccess.LIST,
                        FileAccess.STAT))
                .build();
        fixture = new SysOpsFixture(policy, SysOpsSettings.defaults(), hooks);
        return fixture;
    }

    private Result<FileOperation.Content> read(Path path) {
        return start(Hooks.NONE).run(ALICE, new ReadFile(path, 1024));
    }

    private void assertDeniedAndAudited(Result<?> result, String missingPart) {
        assertThat(result).isInstanceOf(Result.Denied.class);
        Result.Denied<?> denied = (Result.Denied<?>) result;
        assertThat(denied.missingPermission()).startsWith("user:alice file ").contains(missingPart);
        AuditRecord record = fixture.audit.last();
        assertThat(record.decision()).isEqualTo("deny");
        assertThat(record.outcome()).isEqualTo("denied");
        assertThat(record.principal()).isEqualTo("alice");
        assertThat(record.rule()).isEqualTo(denied.missingPermission());
    }

    @Test
    void aFileInsideTheGrantIsReadAndAuditedWithItsRule() {
        Result<FileOperation.Content> result = read(inbox.resolve("a.txt"));

        assertThat(result).isInstanceOfSatisfying(Result.Ok.class,
                ok -> assertThat(((FileOperation.Content) ok.value()).text()).isEqualTo("inside"));
        AuditRecord record = fixture.audit.last();
        assertThat(record.decision()).isEqualTo("allow");
        assertThat(record.rule()).isEqualTo("grant#1");
        assertThat(record.outcome()).isEqualTo("ok");
        assertThat(record.bytes()).isEqualTo(6);
        assertThat(record.target()).isEqualTo(inbox.resolve("a.txt").toString());
    }

    @Test
    void dotDotTraversalIsCheckedOnTheRealPathAndDenied() {
        assertDeniedAndAudited(read(inbox.resolve("../secret.txt")), "read " + secret);
    }

    @Test
    void anAbsolutePathOutsideTheGrantIsDenied() {
        assertDeniedAndAudited(read(secret), "read " + secret);
    }

    @Test
    void aFolderThatOnlySharesThePrefixIsNotCovered() throws IOException {
        Path sibling = Files.createDirectories(root.resolve("inbox-evil"));
        Files.writeString(sibling.resolve("x.txt"), SECRET);

        assertDeniedAndAudited(read(sibling.resolve("x.txt")), "read " + sibling.resolve("x.txt"));
    }

    @Test
    void aMissingFileOutsideTheGrantIsDeniedNotReportedMissing() {
        assertDeniedAndAudited(read(root.resolve("nothing-here.txt")), "read " + root.resolve("nothing-here.txt"));
    }

    @Test
    void aSymlinkInsideThatPointsOutsideIsDenied() throws IOException {
        Path link = Files.createSymbolicLink(inbox.resolve("link.txt"), secret);

        assertDeniedAndAudited(read(link), "read " + secret);
    }

    @Test
    void writingThroughASymlinkThatPointsOutsideIsDeniedAndTheOutsideFileUntouched() throws IOException {
        Path link = Files.createSymbolicLink(inbox.resolve("link.txt"), secret);

        Result<?> result = start(Hooks.NONE).run(ALICE, new WriteFile(link, "overwritten".getBytes(UTF_8)));

        assertDeniedAndAudited(result, "write " + link);
        assertThat(Files.readString(secret)).isEqualTo(SECRET);
    }

    @Test
    void aDirectorySwappedForASymlinkBetweenCheckAndOpenIsDenied() throws IOException {
        Path sub = Files.createDirectories(inbox.resolve("sub"));
        Files.writeString(sub.resolve("doc.txt"), "inside");
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("doc.txt"), SECRET);
        Hooks swapSubForSymlink = new Hooks() {
            @Override
            public void betweenCheckAndOpen(Path realPath) {
                try {
                    Files.move(sub, inbox.resolve("sub-before"));
                    Files.createSymbolicLink(sub, outside);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };

        Result<?> result = start(swapSubForSymlink).run(ALICE, new ReadFile(sub.resolve("doc.txt"), 1024));

        assertDeniedAndAudited(result, "read " + sub.resolve("doc.txt"));
        assertThat(((Result.Denied<?>) result).reason()).contains("changed between the check and the open");
    }

    @Test
    void aFileSwappedForASymlinkBetweenCheckAndOpenIsDenied() throws IOException {
        Path doc = inbox.resolve("a.txt");
        Hooks swapFileForSymlink = new Hooks() {
            @Override
            public void betweenCheckAndOpen(Path realPath) {
                try {
                    Files.delete(doc);
                    Files.createSymbolicLink(doc, secret);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };

        Result<?> result = start(swapFileForSymlink).run(ALICE, new ReadFile(doc, 1024));

        assertDeniedAndAudited(result, "read " + doc);
        assertThat(((Result.Denied<?>) result).reason()).contains("changed between the check and the open");
    }

    @Test
    void aHardLinkToAnOutsideFileIsDeniedForReadAndWrite() throws IOException {
        Path hardLink = Files.createLink(inbox.resolve("hard.txt"), secret);

        assertDeniedAndAudited(read(hardLink), "read " + hardLink);
        Result<?> write = fixture.run(ALICE, new WriteFile(hardLink, "overwritten".getBytes(UTF_8)));
        assertDeniedAndAudited(write, "write " + hardLink);
        assertThat(((Result.Denied<?>) write).reason()).contains("hard links");
        assertThat(Files.readString(secret)).isEqualTo(SECRET);
    }

    @Test
    void caseAndUnicodeLookalikesOfTheGrantedFolderAreOtherFoldersAndDenied() throws IOException {
        Path upper = Files.createDirectories(root.resolve("INBOX"));
        Files.writeString(upper.resolve("a.txt"), SECRET);
        String decomposed = Normalizer.normalize("caf\u00e9", Normalizer.Form.NFD);
        Path cafeGranted = Files.createDirectories(root.resolve("caf\u00e9"));
        Path cafeLookalike = Files.createDirectories(root.resolve(decomposed));
        Files.writeString(cafeLookalike.resolve("a.txt"), SECRET);
        Policy policy = Policy.builder()
                .allow("role:reader", Permission.Folder.of(inbox, FileAccess.READ))
                .allow("role:reader", Permission.Folder.of(cafeGranted, FileAccess.READ))
                .build();
        fixture = new SysOpsFixture(policy);

        assertDeniedAndAudited(fixture.run(ALICE, new ReadFile(upper.resolve("a.txt"), 1024)), "INBOX");
        assertDeniedAndAudited(fixture.run(ALICE, new ReadFile(cafeLookalike.resolve("a.txt"), 1024)), decomposed);
        // a division slash (U+2215) is not a separator: one odd name beside the inbox, not a way up
        Path slashLookalike = root.resolve("inbox\u2215..\u2215secret.txt");
        assertDeniedAndAudited(fixture.run(ALICE, new ReadFile(slashLookalike, 1024)), "read " + slashLookalike);
        // fullwidth dots (U+FF0E) are a name inside the inbox, not a way up: no such file, never the secret
        Result<?> fullwidth = fixture.run(ALICE, new ReadFile(inbox.resolve("\uff0e\uff0e").resolve("secret.txt"), 1024));
        assertThat(fullwidth).isInstanceOfSatisfying(Result.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(Result.Failure.IO));
    }

    @Test
    void aRelativePathIsRefusedAsInvalid() {
        Result<?> result = read(Path.of("inbox/a.txt"));

        assertThat(result).isInstanceOfSatisfying(Result.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(Result.Failure.INVALID));
    }

    @Test
    void aPrincipalWithoutTheRoleIsDeniedEverything() {
        start(Hooks.NONE);
        Result<?> result = fixture.run(Principal.of("mallory", "writer"), new ReadFile(inbox.resolve("a.txt"), 1024));

        assertThat(result).isInstanceOfSatisfying(Result.Denied.class,
                denied -> assertThat(denied.missingPermission()).isEqualTo("user:mallory file read " + inbox.resolve("a.txt")));
    }

    @Test
    void aFileLargerThanTheLimitIsRefused() throws IOException {
        Files.write(inbox.resolve("big.bin"), new byte[4096]);

        Result<?> result = start(Hooks.NONE).run(ALICE, new ReadFile(inbox.resolve("big.bin"), 1024));

        assertThat(result).isInstanceOfSatisfying(Result.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(Result.Failure.TOO_LARGE));
    }
}

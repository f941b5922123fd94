package io.otp4j.sysops.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the hash chain of a {@link JsonLinesAuditLog} file and reports the first line that breaks it: an
 * edited line (its hash no longer matches its content), a removed or inserted line (a gap in the sequence
 * numbers, or a {@code prev} that is not the previous line's hash), a reordered one (both).
 *
 * <p>As a command: {@code java -cp ... io.otp4j.sysops.audit.AuditVerifier FILE}, which prints the verdict and
 * exits with 0 if the chain is intact, 1 if it is broken, 2 if the file cannot be read.
 */
public final class AuditVerifier {

    private static final Pattern LINE = Pattern.compile(
            "^\\{\"seq\":(\\d+),.*,\"prev\":\"([0-9a-f]{64})\",\"hash\":\"([0-9a-f]{64})\"}$");

    private AuditVerifier() {}

    /** The verdict on a file. */
    public sealed interface Verification permits Verification.Intact, Verification.Broken {

        /**
         * Every line is in place.
         *
         * @param records how many lines
         * @param lastHash the hash of the last line (64 zeros for an empty file): keep it elsewhere to detect a
         *     file cut short or rewritten whole
         */
        record Intact(long records, String lastHash) implements Verification {}

        /**
         * The first line that breaks the chain.
         *
         * @param line its number, from 1
         * @param problem what is wrong with it
         */
        record Broken(long line, String problem) implements Verification {}
    }

    /**
     * @param file an audit file
     * @return the verdict
     * @throws IOException if the file cannot be read
     */
    public static Verification verify(Path file) throws IOException {
        MessageDigest digest = HashChain.newDigest();
        String previousHash = HashChain.GENESIS;
        long lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    return new Verification.Broken(lineNumber, "not an audit line");
                }
                long seq = Long.parseLong(m.group(1));
                if (seq != lineNumber) {
                    return new Verification.Broken(lineNumber, "sequence number " + seq + " where " + lineNumber
                            + " belongs: a record is " + (seq > lineNumber ? "missing before it" : "out of order")
                            + " (or one was inserted)");
                }
                if (!m.group(2).equals(previousHash)) {
                    return new Verification.Broken(lineNumber,
                            "its prev is not the hash of line " + (lineNumber - 1) + ": a record before it was changed, removed or moved");
                }
                String body = line.substring(0, line.lastIndexOf(HashChain.HASH_FIELD));
                String hash = HashChain.sha256(digest, body);
                if (!hash.equals(m.group(3))) {
                    return new Verification.Broken(lineNumber, "its content does not match its hash: the record was edited");
                }
                previousHash = hash;
            }
        }
        return new Verification.Intact(lineNumber, previousHash);
    }

    /**
     * Verifies the file named by the one argument, prints the verdict and exits: 0 intact, 1 broken, 2 usage or
     * unreadable.
     *
     * @param args the file
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, java.io.PrintStream out) {
        if (args.length != 1) {
            out.println("usage: AuditVerifier AUDIT_FILE");
            return 2;
        }
        try {
            return switch (verify(Path.of(args[0]))) {
                case Verification.Intact(long records, String lastHash) -> {
                    out.println("intact: " + records + " records, last hash " + lastHash);
                    yield 0;
                }
                case Verification.Broken(long line, String problem) -> {
                    out.println("BROKEN at line " + line + ": " + problem);
                    yield 1;
                }
            };
        } catch (IOException e) {
            out.println("cannot read " + args[0] + ": " + e);
            return 2;
        }
    }
}

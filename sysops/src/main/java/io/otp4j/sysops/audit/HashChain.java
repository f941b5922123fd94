package io.otp4j.sysops.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The line format of the audit file and its hash chain, shared by the writer and the verifier.
 *
 * <p>A line is {@code {"seq":N,FIELDS,"prev":"P","hash":"H"}} where P is the previous line's H (64 zeros for
 * the first line) and H is the SHA-256, in lower-case hex, of the line's UTF-8 bytes up to, not including,
 * {@code ,"hash":"}. A JSON string escapes its quotes, so that sequence only occurs where the hash starts.
 */
final class HashChain {

    static final String GENESIS = "0".repeat(64);
    static final String HASH_FIELD = ",\"hash\":\"";
    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {}

    static String body(long seq, AuditRecord record, String previousHash) {
        StringBuilder line = new StringBuilder(320);
        line.append("{\"seq\":").append(seq).append(',');
        record.appendFields(line);
        line.append(",\"prev\":\"").append(previousHash).append('"');
        return line.toString();
    }

    static String line(String body, String hash) {
        return body + HASH_FIELD + hash + "\"}";
    }

    static String sha256(MessageDigest digest, String text) {
        return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

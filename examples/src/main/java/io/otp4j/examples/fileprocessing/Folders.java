package io.otp4j.examples.fileprocessing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * The folders of the file processing service. A file's folder is its state, so the state survives the
 * actors: {@code inbox/} holds files waiting to be processed, {@code out/} one result file per processed
 * input, {@code processed/} the inputs that have a result, and {@code failed/} the inputs that crashed
 * their processor.
 *
 * <p>Producers must make a file appear in the inbox in one step (write it elsewhere, then move it in),
 * so that the service never reads half a file: {@link #dropIntoInbox} does exactly that. Names starting
 * with a dot are ignored, so a producer may also write {@code .name.part} in the inbox and rename it.
 *
 * @param inbox where producers drop files
 * @param out where processors write one {@code <name>.stats} file per input
 * @param processed where inputs go once their result is written
 * @param failed where inputs go when they crashed their processor
 */
public record Folders(Path inbox, Path out, Path processed, Path failed) {

    /** Validates the fields. */
    public Folders {
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(processed, "processed");
        Objects.requireNonNull(failed, "failed");
    }

    /**
     * Creates the four folders under {@code root} (if missing).
     *
     * @param root the service's root folder
     * @return the folders
     * @throws IOException if a folder cannot be created
     */
    public static Folders createUnder(Path root) throws IOException {
        Folders folders = new Folders(root.resolve("inbox"), root.resolve("out"), root.resolve("processed"),
                root.resolve("failed"));
        for (Path dir : new Path[] {folders.inbox, folders.out, folders.processed, folders.failed}) {
            Files.createDirectories(dir);
        }
        return folders;
    }

    /**
     * Drops a file into the inbox the way producers must: written under a hidden name, then renamed in
     * one atomic step.
     *
     * @param name the file's name, e.g. {@code numbers-1.csv}
     * @param content its content, written as UTF-8
     * @return the file in the inbox
     * @throws IOException if writing or renaming fails
     */
    public Path dropIntoInbox(String name, String content) throws IOException {
        Path part = inbox.resolve("." + name + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        return Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @param input an input file's name
     * @return where its result is written
     */
    public Path resultOf(String input) {
        return out.resolve(input + ".stats");
    }
}

package io.otp4j.examples.fileprocessing;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ErrorAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Processes one file at a time: reads a CSV of integers from the inbox and writes its
 * {@link NumberStats} to {@code out/<name>.stats}. It blocks on file IO, so it runs on the
 * virtual-thread dispatcher.
 *
 * <p>Pull, not push: each instance announces itself to the {@link InboxWatcher} with
 * {@link InboxWatcher.Ready} in {@code preStart}, and gets its next file only after it reported the
 * previous one {@link InboxWatcher.Processed}. So its mailbox holds at most one file, and when a corrupt
 * file makes it throw, the only thing lost with the crashed message is that one file, which the watcher
 * knows about.
 *
 * <p>Let it crash: a corrupt file throws {@link MalformedCsvException} out of {@code receive};
 * {@link #onFailure} tells the story and escalates, and the supervisor restarts the processor with a
 * fresh instance (same ref), whose {@code preStart} says {@code Ready} again.
 *
 * <p>Commit point: the result is written under a hidden name and renamed into place, the last thing that
 * can fail; the {@code Processed} report after it is a plain {@code tell}. So a processor that crashed
 * has written no result for that file.
 */
public final class FileProcessor implements Actor<FileProcessor.Msg> {

    /** What a processor accepts. */
    public sealed interface Msg permits Process {}

    /**
     * Process this file from the inbox and report it to the watcher.
     *
     * @param file the input file
     */
    public record Process(Path file) implements Msg {}

    private final Folders folders;
    private final ActorRef<InboxWatcher.Msg> watcher;
    private final Consumer<String> story;
    private Path current; // the file being processed, for the crash story

    /**
     * @param folders where results go
     * @param watcher whom to ask for work and report to
     * @param story where to tell what happens, one line at a time; called from this actor's thread
     */
    public FileProcessor(Folders folders, ActorRef<InboxWatcher.Msg> watcher, Consumer<String> story) {
        this.folders = Objects.requireNonNull(folders, "folders");
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        this.story = Objects.requireNonNull(story, "story");
    }

    @Override
    public void preStart(ActorContext<Msg> ctx) {
        watcher.tell(new InboxWatcher.Ready(ctx.self()));
    }

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) throws IOException {
        switch (msg) {
            case Process(Path file) -> {
                current = file;
                String name = file.getFileName().toString();
                NumberStats stats = NumberStats.read(file); // a corrupt file throws here: let it crash
                Path result = writeAtomically(folders.resultOf(name), stats.render());
                story.accept(ctx.self().path().name() + ": " + name + " -> " + stats);
                current = null;
                watcher.tell(new InboxWatcher.Processed(ctx.self(), file, stats, result));
            }
        }
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
        story.accept(ctx.self().path().name() + ": CRASH on " + (current == null ? "?" : current.getFileName())
                + ": " + cause.getMessage());
        return ErrorAction.ESCALATE; // the supervisor decides: it restarts this processor
    }

    private static Path writeAtomically(Path target, String content) throws IOException {
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

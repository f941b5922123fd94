package io.otp4j.examples.fileprocessing;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watches the inbox, queues the files that appear and hands them out, one at a time, to the
 * {@link FileProcessor}s that ask for work; it is also the ledger that says which file is where.
 *
 * <p>Watching: a {@link java.nio.file.WatchService} (inotify on Linux) reports created files as they
 * appear, through {@link InboxEvents}, so nothing waits on a polling period. It does not report the files
 * that were already there, and it may drop events ({@code OVERFLOW}); both are covered by a full scan of
 * the inbox, at start (after registering, so no file falls between the two) and on overflow. A file
 * reported twice (by the scan and by an event) is queued once. On macOS the JDK's watch service is
 * itself a poller with a period of several seconds: the service still works there, only slower.
 *
 * <p>Bookkeeping, so that every good file is processed exactly once and no file is lost to a crash:
 * <ul>
 *   <li>The queue lives here, not in the processors' mailboxes. A processor gets its next file only when
 *       it says {@link Ready} (from {@code preStart}) or reports {@link Processed}; so each processor
 *       holds at most one file, recorded in {@code inFlight}.</li>
 *   <li>After a crash the runtime does not redeliver the message that crashed the processor. The
 *       restarted processor's {@code preStart} says {@code Ready} again: a {@code Ready} from a processor
 *       that still holds a file means that file crashed it. The file is moved to {@code failed/} and
 *       reported, and not retried (a corrupt file would only crash it again).</li>
 *   <li>A file is queued only if it is neither queued nor in flight, and leaves the inbox (to
 *       {@code processed/} or {@code failed/}) exactly when it is settled.</li>
 * </ul>
 *
 * <p>Not covered: a crash of the watcher itself (it is a plain top-level actor here; its state could be
 * rebuilt from the folders), and a processors' supervisor that gives up after too many crashes.
 */
public final class InboxWatcher implements Actor<InboxWatcher.Msg> {

    /** What the watcher accepts. */
    public sealed interface Msg permits FilesAppeared, Rescan, Ready, Processed, AwaitSettled {}

    /**
     * Files were created in the inbox (from the watch service).
     *
     * @param files the files
     */
    public record FilesAppeared(List<Path> files) implements Msg {}

    /** The watch service lost events: scan the whole inbox. */
    public record Rescan() implements Msg {}

    /**
     * A processor instance is ready for a file: sent by each new instance, so after each restart too.
     *
     * @param processor the processor
     */
    public record Ready(ActorRef<FileProcessor.Msg> processor) implements Msg {}

    /**
     * A processor wrote the result of a file and is ready for the next one.
     *
     * @param processor the processor
     * @param file the input
     * @param stats what it computed
     * @param result the result file
     */
    public record Processed(ActorRef<FileProcessor.Msg> processor, Path file, NumberStats stats, Path result)
            implements Msg {}

    /**
     * Reply with the summary once at least {@code files} files are settled (processed or failed).
     *
     * @param files how many settled files to wait for
     * @param replyTo who gets the summary
     */
    public record AwaitSettled(int files, ActorRef<ProcessingSummary> replyTo) implements Msg {}

    private final Folders folders;
    private final Consumer<String> story;
    private final Deque<Path> queue = new ArrayDeque<>();
    private final Set<Path> queuedOrInFlight = new HashSet<>();
    private final Map<ActorRef<FileProcessor.Msg>, Path> inFlight = new HashMap<>();
    private final Deque<ActorRef<FileProcessor.Msg>> idle = new ArrayDeque<>();
    private final List<ProcessingSummary.ProcessedFile> processed = new ArrayList<>();
    private final List<ProcessingSummary.FailedFile> failed = new ArrayList<>();
    private final List<AwaitSettled> waiting = new ArrayList<>();
    private InboxEvents events;

    /**
     * @param folders the service's folders
     * @param story where to tell what happens, one line at a time; called from this actor's thread
     */
    public InboxWatcher(Folders folders, Consumer<String> story) {
        this.folders = Objects.requireNonNull(folders, "folders");
        this.story = Objects.requireNonNull(story, "story");
    }

    @Override
    public void preStart(ActorContext<Msg> ctx) throws IOException {
        events = InboxEvents.start(folders.inbox(), ctx.self());
        scanInbox();
    }

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) throws IOException {
        switch (msg) {
            case FilesAppeared(var files) -> files.forEach(this::enqueue);
            case Rescan() -> scanInbox();
            case Ready(var processor) -> {
                Path crashed = inFlight.remove(processor);
                if (crashed != null) {
                    putAside(crashed, processor);
                }
                idle.add(processor);
            }
            case Processed(var processor, Path file, NumberStats stats, Path result) -> {
                inFlight.remove(processor);
                queuedOrInFlight.remove(file);
                Files.move(file, folders.processed().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                processed.add(new ProcessingSummary.ProcessedFile(file.getFileName().toString(),
                        processor.path().name(), stats, result));
                idle.add(processor);
            }
            case AwaitSettled request -> waiting.add(request);
        }
        handOut();
        answerWaiting();
    }

    @Override
    public void postStop(ActorContext<Msg> ctx) throws IOException {
        if (events != null) {
            events.close();
        }
    }

    private void scanInbox() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folders.inbox())) {
            files.forEach(this::enqueue);
        }
    }

    private void enqueue(Path file) {
        String name = file.getFileName().toString();
        // hidden names are files still being written; a file already settled is no longer in the inbox
        if (name.startsWith(".") || !Files.isRegularFile(file) || !queuedOrInFlight.add(file)) {
            return;
        }
        queue.add(file);
        story.accept("watcher: found " + name);
    }

    private void handOut() {
        while (!queue.isEmpty() && !idle.isEmpty()) {
            ActorRef<FileProcessor.Msg> processor = idle.poll();
            Path file = queue.poll();
            inFlight.put(processor, file);
            processor.tell(new FileProcessor.Process(file));
        }
    }

    private void putAside(Path file, ActorRef<FileProcessor.Msg> processor) throws IOException {
        queuedOrInFlight.remove(file);
        Path movedTo = Files.move(file, folders.failed().resolve(file.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        String reason = "crashed " + processor.path().name() + "; not retried";
        failed.add(new ProcessingSummary.FailedFile(file.getFileName().toString(), reason, movedTo));
        story.accept("watcher: " + processor.path().name() + " is back after a restart; " + file.getFileName()
                + " crashed it -> failed/");
    }

    private void answerWaiting() {
        int settled = processed.size() + failed.size();
        for (Iterator<AwaitSettled> it = waiting.iterator(); it.hasNext(); ) {
            AwaitSettled request = it.next();
            if (settled >= request.files()) {
                request.replyTo().tell(new ProcessingSummary(processed, failed));
                it.remove();
            }
        }
    }
}

package io.otp4j.examples.sysops;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.sysops.FileOperation;
import io.otp4j.sysops.FileOperation.DirectoryChanged;
import io.otp4j.sysops.Principal;
import io.otp4j.sysops.Result;
import io.otp4j.sysops.SysOps;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watches the inbox through sysops (as the principal {@code watcher}, allowed to watch and list the inbox and
 * nothing else), queues the files that appear, and hands them out one at a time to the processors that say
 * they are {@link Ready}. Each settled file is told to {@code story}.
 */
public final class SecureInboxWatcher implements Actor<SecureInboxWatcher.Msg> {

    /** What the watcher accepts. */
    public sealed interface Msg permits Changed, Listed, Watching, Ready, Settled {}

    record Changed(DirectoryChanged change) implements Msg {}

    record Listed(Result<FileOperation.Listing> result) implements Msg {}

    record Watching(Result<FileOperation.Watching> result) implements Msg {}

    /**
     * A processor is free for a file.
     *
     * @param processor the processor
     */
    public record Ready(ActorRef<SumProcessor.Msg> processor) implements Msg {}

    /**
     * A file is done with, well or not.
     *
     * @param name the file's name
     * @param line what happened to it
     */
    public record Settled(String name, String line) implements Msg {}

    /** The principal of the watcher. */
    public static final Principal PRINCIPAL = Principal.of("watcher", "intake");

    private final SysOps ops;
    private final Path inbox;
    private final Consumer<String> story;
    private final Deque<Path> queue = new ArrayDeque<>();
    private final Set<String> seen = new HashSet<>();
    private final SequencedSet<ActorRef<SumProcessor.Msg>> idle = new LinkedHashSet<>();

    /**
     * @param ops sysops
     * @param inbox the inbox
     * @param story told one line per settled file, from this actor's thread
     */
    public SecureInboxWatcher(SysOps ops, Path inbox, Consumer<String> story) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.story = Objects.requireNonNull(story, "story");
    }

    @Override
    public void preStart(ActorContext<Msg> ctx) {
        ActorRef<Msg> self = ctx.self();
        ActorRef<DirectoryChanged> changes = ctx.spawn("changes", () -> (change, c) -> self.tell(new Changed(change)));
        ctx.pipeToSelf(ops.submit(PRINCIPAL, new FileOperation.WatchDirectory(inbox, changes)),
                (result, never) -> new Watching(result));
    }

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) {
        switch (msg) {
            case Watching(Result.Ok<FileOperation.Watching> ok) -> // then list what was there before the watch
                    ctx.pipeToSelf(ops.submit(PRINCIPAL, new FileOperation.ListDirectory(inbox)),
                            (result, never) -> new Listed(result));
            case Watching(var refused) -> story.accept("watcher: cannot watch the inbox: " + refused);
            case Listed(Result.Ok<FileOperation.Listing>(var listing)) -> listing.names().forEach(this::enqueue);
            case Listed(var refused) -> story.accept("watcher: cannot list the inbox: " + refused);
            case Changed(DirectoryChanged change) when change.kind().equals("ENTRY_CREATE") -> enqueue(change.name());
            case Changed(DirectoryChanged change) -> { } // modifications and deletions are ours
            case Ready(var processor) -> idle.add(processor);
            case Settled(String name, String line) -> story.accept(line);
        }
        while (!queue.isEmpty() && !idle.isEmpty()) {
            idle.removeFirst().tell(new SumProcessor.Process(queue.poll()));
        }
    }

    private void enqueue(String name) {
        // hidden names are files still being written
        if (!name.startsWith(".") && seen.add(name)) {
            queue.add(inbox.resolve(name));
        }
    }
}

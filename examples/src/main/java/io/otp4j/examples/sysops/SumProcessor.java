package io.otp4j.examples.sysops;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ErrorAction;
import io.otp4j.sysops.FileOperation;
import io.otp4j.sysops.Principal;
import io.otp4j.sysops.Result;
import io.otp4j.sysops.SysOps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Sums the numbers of one CSV file at a time, every file access through sysops as the principal
 * {@code processor}: read the input from the inbox, write {@code NAME.sum} to the outbox, delete the input.
 * A number that does not parse crashes it (let it crash); its supervisor restarts it, and it tells the watcher
 * which file it was holding.
 *
 * <p>It never blocks on sysops: each answer comes back as a message ({@code pipeToSelf}).
 */
public final class SumProcessor implements Actor<SumProcessor.Msg> {

    /** What a processor accepts. */
    public sealed interface Msg permits Process, Read, Stored {}

    /**
     * Process this file.
     *
     * @param file a file in the inbox
     */
    public record Process(Path file) implements Msg {}

    record Read(Path file, Result<FileOperation.Content> result) implements Msg {}

    record Stored(Path file, long sum, Result<FileOperation.Deleted> result) implements Msg {}

    /** The principal of every processor. */
    public static final Principal PRINCIPAL = Principal.of("processor", "processing");

    private final SysOps ops;
    private final Path outbox;
    private final ActorRef<SecureInboxWatcher.Msg> watcher;
    private Path holding;

    /**
     * @param ops sysops
     * @param outbox where results go
     * @param watcher who hands out the files
     */
    public SumProcessor(SysOps ops, Path outbox, ActorRef<SecureInboxWatcher.Msg> watcher) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.watcher = Objects.requireNonNull(watcher, "watcher");
    }

    @Override
    public void preStart(ActorContext<Msg> ctx) {
        watcher.tell(new SecureInboxWatcher.Ready(ctx.self()));
    }

    @Override
    public void receive(Msg msg, ActorContext<Msg> ctx) {
        switch (msg) {
            case Process(Path file) -> {
                holding = file;
                ctx.pipeToSelf(ops.submit(PRINCIPAL, new FileOperation.ReadFile(file, 64 * 1024)),
                        (result, never) -> new Read(file, result));
            }
            case Read(Path file, Result.Ok<FileOperation.Content>(var content)) -> {
                long sum = sum(content.text()); // a corrupt file throws here: the supervisor restarts us
                byte[] line = (sum + "\n").getBytes(StandardCharsets.UTF_8);
                Path result = outbox.resolve(file.getFileName() + ".sum");
                ctx.pipeToSelf(ops.submit(PRINCIPAL, new FileOperation.WriteFile(result, line))
                                .thenCompose(written -> ops.submit(PRINCIPAL, new FileOperation.DeleteFile(file))),
                        (deleted, never) -> new Stored(file, sum, deleted));
            }
            case Read(Path file, Result<FileOperation.Content> refused) -> settle(file, "not read: " + refused, ctx);
            case Stored(Path file, long sum, Result.Ok<FileOperation.Deleted> deleted) ->
                    settle(file, "sum " + sum + " -> outbox/" + file.getFileName() + ".sum", ctx);
            case Stored(Path file, long sum, Result<FileOperation.Deleted> refused) ->
                    settle(file, "stored but not deleted: " + refused, ctx);
        }
    }

    private void settle(Path file, String what, ActorContext<Msg> ctx) {
        holding = null;
        watcher.tell(new SecureInboxWatcher.Settled(file.getFileName().toString(), ctx.self().path().name() + ": " + what));
        watcher.tell(new SecureInboxWatcher.Ready(ctx.self()));
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
        if (holding != null) {
            watcher.tell(new SecureInboxWatcher.Settled(holding.getFileName().toString(),
                    ctx.self().path().name() + ": CRASHED (" + cause.getMessage() + "); left in the inbox"));
        }
        return ErrorAction.ESCALATE; // the supervisor restarts this processor alone
    }

    static long sum(String csv) {
        long sum = 0;
        for (String field : csv.split("[,\\s]+")) {
            if (!field.isEmpty()) {
                sum += Long.parseLong(field);
            }
        }
        return sum;
    }
}

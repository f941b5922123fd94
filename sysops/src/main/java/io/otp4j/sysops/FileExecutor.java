package io.otp4j.sysops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Set;

/**
 * Does file operations for a worker: the policy check on the real path, then the confined open
 * ({@link Confined}), then the work.
 *
 * <p>The checks, in order, for a path that exists: absolute; real path ({@code toRealPath}: {@code ..} and
 * every symlink resolved) under a folder granting the access; then at open time, walking down from that
 * folder without following symlinks, the same file (device and inode) as at check time, and for a regular
 * file a single link (a hard link inside the grant may name a file outside it). For a path to create, the
 * parent's real path stands in, and the new name must be neither {@code .} nor {@code ..}. A path that does not
 * resolve is denied if its best-effort real path is outside every grant, so that a denial and a
 * "no such file" do not tell what exists outside the grant.
 */
final class FileExecutor {

    private record Target(Path real, Path root, Object fileKey) {}

    private final Policy policy;
    private final Hooks hooks;
    private final Watches watches;

    FileExecutor(Policy policy, Hooks hooks, Watches watches) {
        this.policy = policy;
        this.hooks = hooks;
        this.watches = watches;
    }

    @SuppressWarnings("unchecked")
    <R> Result<R> execute(Job<R> job) throws Answered, IOException {
        FileOperation<R> operation = (FileOperation<R>) job.operation;
        return (Result<R>) switch (operation) {
            case FileOperation.ReadFile read -> read((Job<FileOperation.Content>) job, read);
            case FileOperation.WriteFile write -> write(job, write.path(), write.data(), false);
            case FileOperation.AppendFile append -> write(job, append.path(), append.data(), true);
            case FileOperation.ListDirectory list -> list(job, list);
            case FileOperation.StatFile stat -> stat(job, stat);
            case FileOperation.DeleteFile delete -> delete(job, delete);
            case FileOperation.MoveFile move -> move(job, move);
            case FileOperation.WatchDirectory watch -> watch(job, watch);
        };
    }

    private Result<FileOperation.Content> read(Job<FileOperation.Content> job, FileOperation.ReadFile op)
            throws Answered, IOException {
        Target target = existing(job, op.path(), FileAccess.READ);
        notTheGrantedFolder(target);
        hooks.betweenCheckAndOpen(target.real);
        try (Confined confined = confine(job, target, FileAccess.READ)) {
            BasicFileAttributes attributes = confined.attributes();
            sameFile(job, target, attributes, FileAccess.READ);
            if (!attributes.isRegularFile()) {
                throw Answered.failed(Result.Failure.INVALID, target.real + " is not a regular file");
            }
            singleLink(job, target.real, FileAccess.READ);
            try (SeekableByteChannel channel = open(job, confined, target, FileAccess.READ, Confined.READ)) {
                job.onStop(channel);
                sameFile(job, target, confined.attributes(), FileAccess.READ);
                long size = channel.size();
                if (size > op.maxBytes()) {
                    throw Answered.failed(Result.Failure.TOO_LARGE,
                            target.real + " has " + size + " bytes, more than the " + op.maxBytes() + " asked for");
                }
                ByteBuffer buffer = ByteBuffer.allocate((int) size + 1); // one more: a file that grew shows it
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // read until end of file or the buffer is full
                }
                if (buffer.position() > op.maxBytes()) {
                    throw Answered.failed(Result.Failure.TOO_LARGE,
                            target.real + " grew past the " + op.maxBytes() + " bytes asked for");
                }
                job.released();
                byte[] bytes = new byte[buffer.position()];
                buffer.flip().get(bytes);
                job.bytes = bytes.length;
                return new Result.Ok<>(new FileOperation.Content(bytes));
            }
        }
    }

    private <R> Result<R> write(Job<R> job, Path path, byte[] data, boolean append) throws Answered, IOException {
        FileAccess access = append ? FileAccess.APPEND : FileAccess.WRITE;
        Target target = toCreate(job, path, access);
        hooks.betweenCheckAndOpen(target.real);
        try (Confined confined = confine(job, target, access)) {
            Set<StandardOpenOption> options = append
                    ? Set.of(StandardOpenOption.APPEND, StandardOpenOption.CREATE)
                    : Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE); // truncated after the checks
            try (SeekableByteChannel channel = open(job, confined, target, access, options)) {
                job.onStop(channel);
                BasicFileAttributes attributes = confined.attributes();
                if (target.fileKey != null) {
                    sameFile(job, target, attributes, access);
                }
                if (!attributes.isRegularFile()) {
                    throw Answered.failed(Result.Failure.INVALID, target.real + " is not a regular file");
                }
                singleLink(job, target.real, access);
                if (!append) {
                    channel.truncate(0);
                }
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                job.released();
                job.bytes = data.length;
                @SuppressWarnings("unchecked")
                Result<R> ok = (Result<R>) new Result.Ok<>(new FileOperation.Written(target.real, data.length));
                return ok;
            }
        }
    }

    private <R> Result<R> list(Job<R> job, FileOperation.ListDirectory op) throws Answered, IOException {
        Target target = existing(job, op.path(), FileAccess.LIST);
        hooks.betweenCheckAndOpen(target.real);
        java.util.List<String> names;
        if (target.real.equals(target.root)) {
            names = new java.util.ArrayList<>();
            try (var entries = Files.newDirectoryStream(target.root)) {
                for (Path entry : entries) {
                    names.add(entry.getFileName().toString());
                }
            }
            names.sort(null);
        } else {
            try (Confined confined = confine(job, target, FileAccess.LIST)) {
                sameFile(job, target, confined.attributes(), FileAccess.LIST);
                try {
                    names = confined.list();
                } catch (Confined.PathChanged e) {
                    throw changed(job, target, FileAccess.LIST, e);
                }
            }
        }
        return cast(new Result.Ok<>(new FileOperation.Listing(names)));
    }

    private <R> Result<R> stat(Job<R> job, FileOperation.StatFile op) throws Answered, IOException {
        Target target = existing(job, op.path(), FileAccess.STAT);
        hooks.betweenCheckAndOpen(target.real);
        BasicFileAttributes attributes;
        if (target.real.equals(target.root)) {
            attributes = Files.readAttributes(target.root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } else {
            try (Confined confined = confine(job, target, FileAccess.STAT)) {
                attributes = confined.attributes();
                sameFile(job, target, attributes, FileAccess.STAT);
            }
        }
        return cast(new Result.Ok<>(new FileOperation.Stat(target.real, attributes.size(),
                attributes.lastModifiedTime().toInstant(), attributes.isDirectory(), attributes.isRegularFile(),
                attributes.isSymbolicLink())));
    }

    private <R> Result<R> delete(Job<R> job, FileOperation.DeleteFile op) throws Answered, IOException {
        Target target = existing(job, op.path(), FileAccess.DELETE);
        notTheGrantedFolder(target);
        hooks.betweenCheckAndOpen(target.real);
        try (Confined confined = confine(job, target, FileAccess.DELETE)) {
            BasicFileAttributes attributes = confined.attributes();
            sameFile(job, target, attributes, FileAccess.DELETE);
            confined.delete(attributes.isDirectory());
        }
        return cast(new Result.Ok<>(new FileOperation.Deleted(target.real)));
    }

    private <R> Result<R> move(Job<R> job, FileOperation.MoveFile op) throws Answered, IOException {
        Target source = existing(job, op.path(), FileAccess.DELETE);
        notTheGrantedFolder(source);
        String sourceRule = job.rule;
        Target target = toCreate(job, op.destination(), FileAccess.WRITE);
        job.rule = sourceRule + " & " + job.rule;
        job.target = source.real + " -> " + target.real;
        hooks.betweenCheckAndOpen(source.real);
        try (Confined from = confine(job, source, FileAccess.DELETE);
                Confined to = confine(job, target, FileAccess.WRITE)) {
            BasicFileAttributes attributes = from.attributes();
            sameFile(job, source, attributes, FileAccess.DELETE);
            if (attributes.isRegularFile()) {
                singleLink(job, source.real, FileAccess.DELETE);
            }
            from.moveTo(to);
            job.bytes = attributes.size();
        }
        return cast(new Result.Ok<>(new FileOperation.Moved(source.real, target.real)));
    }

    private <R> Result<R> watch(Job<R> job, FileOperation.WatchDirectory op) throws Answered, IOException {
        Target target = existing(job, op.path(), FileAccess.WATCH);
        hooks.betweenCheckAndOpen(target.real);
        if (!target.real.equals(target.root)) {
            try (Confined confined = confine(job, target, FileAccess.WATCH)) {
                BasicFileAttributes attributes = confined.attributes();
                sameFile(job, target, attributes, FileAccess.WATCH);
                if (!attributes.isDirectory()) {
                    throw Answered.failed(Result.Failure.INVALID, target.real + " is not a directory");
                }
            }
        }
        return cast(new Result.Ok<>(watches.start(target.real, op.subscriber())));
    }

    // --- the checks ---

    private Target existing(Job<?> job, Path requested, FileAccess access) throws Answered {
        requireAbsolute(requested);
        Path real;
        try {
            real = requested.toRealPath();
        } catch (IOException e) {
            throw unresolved(job, requested, access, e);
        }
        return allowed(job, access, real);
    }

    private Target toCreate(Job<?> job, Path requested, FileAccess access) throws Answered {
        requireAbsolute(requested);
        Path name = requested.getFileName();
        Path parent = requested.getParent();
        if (name == null || parent == null || name.toString().equals(".") || name.toString().equals("..")) {
            throw Answered.failed(Result.Failure.INVALID, requested + " does not name a file");
        }
        Path realParent;
        try {
            realParent = parent.toRealPath();
        } catch (IOException e) {
            throw unresolved(job, requested, access, e);
        }
        Target target = allowed(job, access, realParent.resolve(name));
        notTheGrantedFolder(target);
        return target;
    }

    private Target allowed(Job<?> job, FileAccess access, Path real) throws Answered {
        Decision decision = policy.checkFile(job.principal, access, real);
        job.decided(decision);
        job.target = real.toString();
        return switch (decision) {
            case Decision.Refused refused -> throw Answered.denied(job, refused);
            case Decision.Allowed(Grant grant) ->
                    new Target(real, ((Permission.Folder) grant.permission()).folder(), fileKey(real));
        };
    }

    /** A path that does not resolve: denied if outside every grant, else the I/O error. */
    private Answered unresolved(Job<?> job, Path requested, FileAccess access, IOException cause) {
        Decision decision = policy.checkFile(job.principal, access, bestEffortRealPath(requested));
        if (decision instanceof Decision.Refused refused) {
            return Answered.denied(job, refused);
        }
        job.decided(decision);
        String what = cause instanceof NoSuchFileException ? "no such file" : cause.toString();
        return Answered.failed(Result.Failure.IO, requested + ": " + what);
    }

    private static Path bestEffortRealPath(Path requested) {
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = requested;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path base;
        try {
            base = existing == null ? requested.getRoot() : existing.toRealPath();
        } catch (IOException e) {
            base = existing.normalize();
        }
        for (Path name : missing) {
            base = base.resolve(name);
        }
        return base.normalize();
    }

    private static void requireAbsolute(Path requested) throws Answered {
        if (!requested.isAbsolute()) {
            throw Answered.failed(Result.Failure.INVALID, "a path must be absolute: " + requested);
        }
    }

    private static void notTheGrantedFolder(Target target) throws Answered {
        if (target.real.equals(target.root)) {
            throw Answered.failed(Result.Failure.INVALID, target.real + " is the granted folder itself");
        }
    }

    private static Object fileKey(Path real) {
        try {
            return Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null; // not there (yet): a file to create
        }
    }

    private Confined confine(Job<?> job, Target target, FileAccess access) throws Answered, IOException {
        try {
            return Confined.parentOf(target.root, target.real);
        } catch (Confined.PathChanged e) {
            throw changed(job, target, access, e);
        }
    }

    private SeekableByteChannel open(Job<?> job, Confined confined, Target target, FileAccess access,
            Set<? extends java.nio.file.OpenOption> options) throws Answered, IOException {
        try {
            return confined.open(options);
        } catch (Confined.PathChanged e) {
            throw changed(job, target, access, e);
        }
    }

    private static void sameFile(Job<?> job, Target target, BasicFileAttributes now, FileAccess access)
            throws Answered {
        // a symlink first: one created just after the file's deletion may get the freed inode number
        if (now.isSymbolicLink() || target.fileKey != null && !Objects.equals(target.fileKey, now.fileKey())) {
            throw changed(job, target, access,
                    new Confined.PathChanged(target.real + " is another file than the one checked"));
        }
    }

    private static void singleLink(Job<?> job, Path real, FileAccess access) throws Answered, IOException {
        int links;
        try {
            links = ((Number) Files.getAttribute(real, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return; // no link count on this file system
        } catch (NoSuchFileException e) {
            throw changed(job, new Target(real, real, null), access, new Confined.PathChanged(real + " vanished"));
        }
        if (links > 1) {
            throw Answered.denied(job, new Decision.Refused(
                    Policy.subjectOf(job.principal) + " file " + access.word() + " " + real,
                    "a file with " + links + " hard links: its other names may be outside the grant"));
        }
    }

    private static Answered changed(Job<?> job, Target target, FileAccess access, Confined.PathChanged e) {
        return Answered.denied(job, new Decision.Refused(
                Policy.subjectOf(job.principal) + " file " + access.word() + " " + target.real,
                "the path changed between the check and the open: " + e.getMessage()));
    }

    @SuppressWarnings("unchecked")
    private static <R> Result<R> cast(Result<?> result) {
        return (Result<R>) result;
    }
}

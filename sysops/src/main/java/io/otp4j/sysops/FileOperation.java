package io.otp4j.sysops;

import io.otp4j.actor.ActorRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * File operations. Paths must be absolute; each is checked against the policy on its real path (symlinks
 * and {@code ..} resolved; for an operation that creates, the real path of its parent) and opened without
 * following any symlink below the granted folder, so that a path swapped after the check cannot escape.
 *
 * <p>Permissions needed ({@link FileAccess}): read, write, append, list, stat, delete, watch; a move needs
 * {@code delete} on its source and {@code write} on its target.
 *
 * @param <R> what a success answers
 */
public sealed interface FileOperation<R> extends Operation<R>
        permits FileOperation.ReadFile, FileOperation.WriteFile, FileOperation.AppendFile,
                FileOperation.ListDirectory, FileOperation.StatFile, FileOperation.DeleteFile,
                FileOperation.MoveFile, FileOperation.WatchDirectory {

    /** @return the path the operation is checked against (for a move, its source) */
    Path path();

    @Override
    default String target() {
        return path().toString();
    }

    /**
     * Reads a whole regular file; a file larger than {@code maxBytes} is refused ({@link Result.Failure#TOO_LARGE}).
     *
     * @param path the file
     * @param maxBytes the largest size read; positive
     */
    record ReadFile(Path path, int maxBytes) implements FileOperation<Content> {
        /** @throws IllegalArgumentException if {@code maxBytes} is not positive */
        public ReadFile {
            Objects.requireNonNull(path, "path");
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
            }
        }

        @Override
        public String name() {
            return "file.read";
        }
    }

    /**
     * Creates or replaces a regular file with {@code data}.
     *
     * @param path the file
     * @param data its new content (copied)
     */
    record WriteFile(Path path, byte[] data) implements FileOperation<Written> {
        /** @throws NullPointerException if an argument is null */
        public WriteFile {
            Objects.requireNonNull(path, "path");
            data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String name() {
            return "file.write";
        }
    }

    /**
     * Appends {@code data} to a regular file, creating it if needed.
     *
     * @param path the file
     * @param data what to append (copied)
     */
    record AppendFile(Path path, byte[] data) implements FileOperation<Written> {
        /** @throws NullPointerException if an argument is null */
        public AppendFile {
            Objects.requireNonNull(path, "path");
            data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String name() {
            return "file.append";
        }
    }

    /**
     * Lists the names in a directory, sorted.
     *
     * @param path the directory
     */
    record ListDirectory(Path path) implements FileOperation<Listing> {
        /** @throws NullPointerException if the path is null */
        public ListDirectory {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return "file.list";
        }
    }

    /**
     * Reads a file's attributes, without following a symlink.
     *
     * @param path the file
     */
    record StatFile(Path path) implements FileOperation<Stat> {
        /** @throws NullPointerException if the path is null */
        public StatFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return "file.stat";
        }
    }

    /**
     * Deletes a file or an empty directory.
     *
     * @param path the file
     */
    record DeleteFile(Path path) implements FileOperation<Deleted> {
        /** @throws NullPointerException if the path is null */
        public DeleteFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return "file.delete";
        }
    }

    /**
     * Moves (renames) a file, replacing the target if it exists; both must be on one file system.
     *
     * @param path the source
     * @param destination where it goes
     */
    record MoveFile(Path path, Path destination) implements FileOperation<Moved> {
        /** @throws NullPointerException if an argument is null */
        public MoveFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public String name() {
            return "file.move";
        }

        @Override
        public String target() {
            return path + " -> " + destination;
        }
    }

    /**
     * Watches a directory: {@code subscriber} is told a {@link DirectoryChanged} for each entry created,
     * modified or deleted in it, until the {@link Watching} answered is cancelled or sysops closes.
     * Only the watch is checked and audited; a subscriber that wants to read a changed file submits a
     * {@link ReadFile}, which is checked in its turn.
     *
     * @param path the directory
     * @param subscriber who is told of the changes
     */
    record WatchDirectory(Path path, ActorRef<DirectoryChanged> subscriber) implements FileOperation<Watching> {
        /** @throws NullPointerException if an argument is null */
        public WatchDirectory {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(subscriber, "subscriber");
        }

        @Override
        public String name() {
            return "file.watch";
        }
    }

    /**
     * A file's content.
     *
     * @param bytes the content (copied)
     */
    record Content(byte[] bytes) {
        /** @throws NullPointerException if the bytes are null */
        public Content {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** @return the content decoded as UTF-8 */
        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * What a write or an append wrote.
     *
     * @param path the real path written
     * @param bytes how many bytes
     */
    record Written(Path path, long bytes) {}

    /**
     * A directory's entries.
     *
     * @param names the entries' names, sorted
     */
    record Listing(List<String> names) {
        /** @throws NullPointerException if the list is null */
        public Listing {
            names = List.copyOf(names);
        }
    }

    /**
     * A file's attributes.
     *
     * @param path the real path
     * @param size its size in bytes
     * @param modified when it was last modified
     * @param directory whether it is a directory
     * @param regularFile whether it is a regular file
     * @param symbolicLink whether it is a symbolic link (not followed)
     */
    record Stat(Path path, long size, Instant modified, boolean directory, boolean regularFile,
            boolean symbolicLink) {}

    /**
     * A deletion done.
     *
     * @param path the real path deleted
     */
    record Deleted(Path path) {}

    /**
     * A move done.
     *
     * @param from the real source path
     * @param to the real target path
     */
    record Moved(Path from, Path to) {}

    /**
     * A change in a watched directory.
     *
     * @param directory the real path of the watched directory
     * @param kind {@code ENTRY_CREATE}, {@code ENTRY_MODIFY}, {@code ENTRY_DELETE} or {@code OVERFLOW}
     *     (events were lost: list the directory again)
     * @param name the entry's name; empty for {@code OVERFLOW}
     */
    record DirectoryChanged(Path directory, String kind, String name) {}

    /** A running watch; cancel it to stop the events. Safe to use from any thread. */
    interface Watching {
        /** @return the real path of the watched directory */
        Path directory();

        /** Stops the watch; idempotent. */
        void cancel();
    }
}

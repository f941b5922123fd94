package io.otp4j.sysops;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The directory holding a checked path, opened from the granted folder down without following a single
 * symlink, and the path's last name in it: the open-time half of the path check.
 *
 * <p>Design. The policy check compares a real path (symlinks resolved) with the grant; between that check and
 * the open, someone able to write under the granted folder could replace a directory on the way by a symlink
 * to {@code /etc}. Opening by path would follow it. So the open walks the path again, one component at a time,
 * each opened relative to its parent's open descriptor with {@code O_NOFOLLOW} ({@link SecureDirectoryStream},
 * {@code openat} on Linux and macOS): a component that has become a symlink fails the open, and nothing is
 * resolved by name outside the walk. The granted folder itself is opened by path: it belongs to whoever wrote
 * the policy.
 *
 * <p>Where the file system has no {@link SecureDirectoryStream}, the fallback opens by path with
 * {@code NOFOLLOW_LINKS} (guarding only the last component) and checks the parent's real path again after the
 * open; a swap during the open itself is not caught there.
 */
final class Confined implements AutoCloseable {

    /** A component on the way changed (a symlink now, or not a directory) since the check. */
    static final class PathChanged extends Exception {
        private static final long serialVersionUID = 1L;

        PathChanged(String message) {
            super(message, null, false, false);
        }
    }

    private final SecureDirectoryStream<Path> directory; // null in the fallback
    private final Path parentRealPath;
    private final Path name;

    private Confined(SecureDirectoryStream<Path> directory, Path parentRealPath, Path name) {
        this.directory = directory;
        this.parentRealPath = parentRealPath;
        this.name = name;
    }

    /**
     * @param root the granted folder (real)
     * @param realPath a real path strictly below it
     * @return its parent directory, opened without following symlinks, and its last name
     * @throws PathChanged if a directory on the way is now a symlink or not a directory
     */
    static Confined parentOf(Path root, Path realPath) throws IOException, PathChanged {
        Path relative = root.relativize(realPath);
        if (relative.toString().isEmpty() || relative.startsWith("..")) {
            throw new IllegalArgumentException(realPath + " is not strictly below " + root);
        }
        Path name = relative.getFileName();
        DirectoryStream<Path> opened = Files.newDirectoryStream(root);
        if (!(opened instanceof SecureDirectoryStream<Path> current)) {
            opened.close();
            Path parent = realPath.getParent();
            if (!parent.toRealPath().equals(parent)) {
                throw new PathChanged(parent + " is no longer its own real path");
            }
            return new Confined(null, parent, name);
        }
        try {
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                Path component = relative.getName(i);
                SecureDirectoryStream<Path> next;
                try {
                    next = current.newDirectoryStream(component, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    if (isSymlinkOrNotDirectory(current, component)) {
                        throw new PathChanged(root.resolve(relative.subpath(0, i + 1))
                                + " is now a symlink or not a directory");
                    }
                    throw e;
                }
                current.close();
                current = next;
            }
            return new Confined(current, realPath.getParent(), name);
        } catch (IOException | PathChanged | RuntimeException e) {
            current.close();
            throw e;
        }
    }

    private static boolean isSymlinkOrNotDirectory(SecureDirectoryStream<Path> dir, Path component) {
        try {
            BasicFileAttributes attributes = dir.getFileAttributeView(component, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            return attributes.isSymbolicLink() || !attributes.isDirectory();
        } catch (IOException e) {
            return false;
        }
    }

    Path realPath() {
        return parentRealPath.resolve(name);
    }

    /** @return the last name's attributes, not following a symlink */
    BasicFileAttributes attributes() throws IOException {
        if (directory == null) {
            return Files.readAttributes(realPath(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        return directory.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    /**
     * Opens the last name, never following a symlink there.
     *
     * @throws PathChanged if it is a symlink
     */
    SeekableByteChannel open(Set<? extends OpenOption> options) throws IOException, PathChanged {
        Set<OpenOption> noFollow = new HashSet<>(options);
        noFollow.add(LinkOption.NOFOLLOW_LINKS);
        try {
            if (directory == null) {
                SeekableByteChannel channel = Files.newByteChannel(realPath(), noFollow);
                if (!parentRealPath.toRealPath().equals(parentRealPath)) {
                    channel.close();
                    throw new PathChanged(parentRealPath + " changed during the open");
                }
                return channel;
            }
            return directory.newByteChannel(name, noFollow);
        } catch (IOException e) { // ELOOP comes as a plain IOException

            if (isSymlink()) {
                throw new PathChanged(realPath() + " is a symlink");
            }
            throw e;
        }
    }

    private boolean isSymlink() {
        try {
            return attributes().isSymbolicLink();
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the names in the last name, a directory opened without following a symlink, sorted */
    List<String> list() throws IOException, PathChanged {
        List<String> names = new ArrayList<>();
        if (directory == null) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(realPath())) {
                entries.forEach(entry -> names.add(entry.getFileName().toString()));
            }
        } else {
            SecureDirectoryStream<Path> entries;
            try {
                entries = directory.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                if (isSymlink()) {
                    throw new PathChanged(realPath() + " is a symlink");
                }
                throw e;
            }
            try (entries) {
                entries.forEach(entry -> names.add(entry.getFileName().toString()));
            }
        }
        names.sort(null);
        return names;
    }

    void delete(boolean isDirectory) throws IOException {
        if (directory == null) {
            Files.delete(realPath());
        } else if (isDirectory) {
            directory.deleteDirectory(name);
        } else {
            directory.deleteFile(name); // unlinks a symlink itself, never what it points to
        }
    }

    void moveTo(Confined target) throws IOException {
        if (directory == null || target.directory == null) {
            Files.move(realPath(), target.realPath(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } else {
            directory.move(name, target.directory, target.name);
        }
    }

    @Override
    public void close() throws IOException {
        if (directory != null) {
            directory.close();
        }
    }

    static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
}

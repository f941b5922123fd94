package io.otp4j.sysops;

import io.otp4j.actor.ActorRef;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directory watches sysops runs: one {@link WatchService} and one virtual thread per watch, blocked in
 * {@code take()}, telling the subscriber each change. Cancelling a watch closes its service, which ends its
 * thread; {@link #closeAll()} cancels every watch (at {@link SysOps#close}).
 *
 * <p>Threads: {@link #start} from the file workers, {@code cancel} from anyone, {@link #closeAll} once.
 */
final class Watches {

    private final Set<Watch> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    FileOperation.Watching start(Path realDirectory, ActorRef<FileOperation.DirectoryChanged> subscriber)
            throws IOException {
        WatchService service = realDirectory.getFileSystem().newWatchService();
        try {
            realDirectory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        Watch watch = new Watch(realDirectory, service, subscriber);
        live.add(watch);
        if (closed) {
            watch.cancel();
            throw new IllegalStateException("sysops is closed");
        }
        watch.thread = Thread.ofVirtual().name("otp4j-sysops-watch " + realDirectory).start(watch::run);
        return watch;
    }

    int liveCount() {
        return live.size();
    }

    void closeAll() {
        closed = true;
        for (Watch watch : live) {
            watch.cancel();
        }
    }

    private final class Watch implements FileOperation.Watching {
        private final Path directory;
        private final WatchService service;
        private final ActorRef<FileOperation.DirectoryChanged> subscriber;
        volatile Thread thread;

        Watch(Path directory, WatchService service, ActorRef<FileOperation.DirectoryChanged> subscriber) {
            this.directory = directory;
            this.service = service;
            this.subscriber = subscriber;
        }

        @Override
        public Path directory() {
            return directory;
        }

        @Override
        public void cancel() {
            live.remove(this);
            try {
                service.close(); // wakes the thread blocked in take()
            } catch (IOException ignored) {
                // closing a watch service only fails if it is broken; the watch is over either way
            }
        }

        void run() {
            try {
                while (true) {
                    WatchKey key = service.take();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        String name = event.context() instanceof Path p ? p.toString() : "";
                        subscriber.tell(new FileOperation.DirectoryChanged(directory, event.kind().name(), name));
                    }
                    if (!key.reset()) {
                        cancel(); // the directory is gone
                        return;
                    }
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                // cancelled
            } finally {
                live.remove(this);
            }
        }

        @Override
        public String toString() {
            return "Watching[" + directory + "]";
        }
    }
}

package io.otp4j.examples.fileprocessing;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.otp4j.actor.ActorRef;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link WatchService} on one directory into messages for the {@link InboxWatcher}: a virtual
 * thread blocks in {@link WatchService#take()} and tells the watcher {@link InboxWatcher.FilesAppeared}
 * for each batch of created files, or {@link InboxWatcher.Rescan} when the OS dropped events
 * ({@code OVERFLOW}). The actor itself never blocks.
 *
 * <p>Threads: {@link #start} and {@link #close} are called by the watcher actor; the pump runs on its own
 * virtual thread and ends when the watch service is closed or the directory becomes unwatchable.
 */
final class InboxEvents implements AutoCloseable {

    private final WatchService service;

    private InboxEvents(WatchService service) {
        this.service = service;
    }

    /**
     * Registers {@code dir} for created entries and starts the pump. Files created from now on are
     * reported; files already there are not (the watcher scans for those after this returns).
     */
    static InboxEvents start(Path dir, ActorRef<InboxWatcher.Msg> watcher) throws IOException {
        WatchService service = dir.getFileSystem().newWatchService();
        dir.register(service, ENTRY_CREATE);
        Thread.ofVirtual().name("inbox-events").start(() -> pump(service, dir, watcher));
        return new InboxEvents(service);
    }

    private static void pump(WatchService service, Path dir, ActorRef<InboxWatcher.Msg> watcher) {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return; // closed by the watcher's postStop
            }
            List<Path> created = new ArrayList<>();
            boolean overflow = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW) {
                    overflow = true;
                } else if (event.context() instanceof Path name) {
                    created.add(dir.resolve(name));
                }
            }
            watcher.tell(overflow ? new InboxWatcher.Rescan() : new InboxWatcher.FilesAppeared(created));
            if (!key.reset()) {
                return; // the directory is gone
            }
        }
    }

    /** Stops the pump. */
    @Override
    public void close() throws IOException {
        service.close();
    }
}

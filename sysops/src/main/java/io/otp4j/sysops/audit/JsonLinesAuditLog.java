package io.otp4j.sysops.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * An append-only JSON Lines audit file, tamper-evident: each line carries a sequence number, the SHA-256 of
 * the previous line and its own, so that an edited, removed, inserted or reordered line breaks the chain
 * ({@link AuditVerifier} finds the first break). Opening an existing file continues its chain.
 *
 * <p>What it does not prevent: someone able to write the file can rewrite it whole with a fresh chain, or cut
 * its end. Keep the last hash ({@link AuditVerifier.Verification.Intact#lastHash()}) somewhere else (a
 * ticket, another host) to detect that.
 *
 * <p>Threads: {@link #record} from any thread; it only queues. One writer thread takes what is queued, in
 * batches of up to {@value #MAX_BATCH}, hashes and writes each batch with one {@code write} call (and, if
 * asked, one {@code fsync}), so that a burst of small operations costs one system call per batch, not per
 * record. {@link #close()} writes everything recorded before it, then stops the writer.
 *
 * <p>Ordering: records are written, and chained, in the order {@link #record} accepted them.
 */
public final class JsonLinesAuditLog implements AuditSink {

    static final int MAX_BATCH = 512;
    private static final Pattern SEQ_AND_HASH =
            Pattern.compile("^\\{\"seq\":(\\d+),.*,\"hash\":\"([0-9a-f]{64})\"}$");

    private final Path file;
    private final FileChannel channel;
    private final boolean syncEachBatch;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private final Thread writer;
    private final MessageDigest digest = HashChain.newDigest();
    private static final Object STOP = new Object();

    // guarded by lock
    private boolean closed;
    private long accepted;
    private long written;
    private IOException failure;

    // writer thread only
    private long seq;
    private String previousHash;

    private JsonLinesAuditLog(Path file, boolean syncEachBatch) throws IOException {
        this.file = file;
        this.syncEachBatch = syncEachBatch;
        String[] last = lastLine(file);
        this.seq = last == null ? 0 : Long.parseLong(last[0]);
        this.previousHash = last == null ? HashChain.GENESIS : last[1];
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.writer = Thread.ofPlatform().name("otp4j-sysops-audit-" + file.getFileName()).daemon().unstarted(this::run);
        writer.start();
    }

    /**
     * Opens (creating it if needed) an audit file, written in batches without {@code fsync}: a record is in
     * the operating system's hands once its batch is written, which survives a crash of the JVM but not of
     * the machine.
     *
     * @param file the file
     * @return the log
     * @throws IOException if the file cannot be opened, or its last line is not an audit line
     */
    public static JsonLinesAuditLog open(Path file) throws IOException {
        return new JsonLinesAuditLog(file, false);
    }

    /**
     * @param file the file
     * @param syncEachBatch whether each batch is forced to the disk ({@code fsync}) before the next
     * @return the log
     * @throws IOException if the file cannot be opened, or its last line is not an audit line
     */
    public static JsonLinesAuditLog open(Path file, boolean syncEachBatch) throws IOException {
        return new JsonLinesAuditLog(file, syncEachBatch);
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /**
     * Queues a record for the writer.
     *
     * @throws IllegalStateException if the log is closed
     * @throws UncheckedIOException if the writer has failed to write the file
     */
    @Override
    public void record(AuditRecord record) {
        lock.lock();
        try {
            checkUsable();
            accepted++;
            queue.add(record);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every record accepted before this call is written to the file.
     *
     * @throws UncheckedIOException if the writer has failed
     */
    public void flush() {
        lock.lock();
        try {
            long target = accepted;
            while (written < target && failure == null && writer.isAlive()) {
                progress.awaitUninterruptibly();
            }
            if (failure != null) {
                throw new UncheckedIOException("audit log " + file + " failed", failure);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the writer must finish: records accepted before close are never dropped
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            if (failure != null) {
                throw new UncheckedIOException("audit log " + file + " failed", failure);
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("audit log " + file + " is closed");
        }
        if (failure != null) {
            throw new UncheckedIOException("audit log " + file + " failed", failure);
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        StringBuilder text = new StringBuilder(64 * 1024);
        boolean stop = false;
        while (!stop) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the writer
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            text.setLength(0);
            int records = 0;
            for (Object item : batch) {
                if (item == STOP) {
                    stop = true; // STOP is queued last: nothing follows it
                    continue;
                }
                seq++;
                String body = HashChain.body(seq, (AuditRecord) item, previousHash);
                previousHash = HashChain.sha256(digest, body);
                text.append(HashChain.line(body, previousHash)).append('\n');
                records++;
            }
            IOException error = write(text);
            lock.lock();
            try {
                if (error != null && failure == null) {
                    failure = error;
                    LoggerFactory.getLogger(JsonLinesAuditLog.class).error("audit log {} failed", file, error);
                }
                written += records;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private IOException write(CharSequence text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (syncEachBatch) {
                channel.force(false);
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** @return the sequence number and hash of the file's last line, or null for an empty or absent file */
    private static String[] lastLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return null;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            if (readByte(raf, end - 1) != '\n') {
                throw new IOException(file + " does not end with a complete line: not an audit file, or cut");
            }
            long start = end - 1;
            while (start > 0 && readByte(raf, start - 1) != '\n') {
                start--;
            }
            byte[] bytes = new byte[(int) (end - 1 - start)];
            raf.seek(start);
            raf.readFully(bytes);
            Matcher m = SEQ_AND_HASH.matcher(new String(bytes, StandardCharsets.UTF_8));
            if (!m.matches()) {
                throw new IOException(file + " does not end with an audit line");
            }
            return new String[] {m.group(1), m.group(2)};
        }
    }

    private static int readByte(RandomAccessFile raf, long position) throws IOException {
        raf.seek(position);
        return raf.read();
    }
}

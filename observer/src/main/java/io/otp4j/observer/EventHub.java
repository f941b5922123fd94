package io.otp4j.observer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The live side of the page: keeps the recent samples and feed lines, and streams new ones to every open
 * page as server-sent events.
 *
 * <p>Threads: {@link #publishSample} from the sampler, {@link #publishFeed} from the feed actor and action
 * handlers, {@link #stream} from one HTTP thread per open page; all may overlap. Each page has its own
 * bounded queue, so a slow page never slows the sampler: when its queue is full it is dropped, and the
 * browser's {@code EventSource} reconnects and reloads.
 *
 * <p>States: open until {@link #close}, which ends every stream.
 */
final class EventHub {

    static final int FEED_LINES = 200;
    private static final int QUEUE_PER_PAGE = 1_000;
    private static final long KEEPALIVE_SECONDS = 15;
    private static final String END = "";

    private final int historySamples;
    private final ArrayDeque<String> samples = new ArrayDeque<>();
    private final ArrayDeque<String> feed = new ArrayDeque<>();
    private long feedSeq;
    private final Set<BlockingQueue<String>> pages = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EventHub(int historySamples) {
        this.historySamples = historySamples;
    }

    void publishSample(Sample sample) {
        Json json = new Json();
        sample.writeTo(json);
        String data = json.toString();
        synchronized (samples) {
            samples.addLast(data);
            while (samples.size() > historySamples) {
                samples.removeFirst();
            }
        }
        broadcast("sample", data);
    }

    /**
     * Numbers a feed line, keeps it and sends it to every open page.
     *
     * @param kind as {@link FeedEntry#kind()}
     * @param path as {@link FeedEntry#path()}
     * @param text as {@link FeedEntry#text()}
     */
    void publishFeed(String kind, String path, String text) {
        // numbered, kept and broadcast under one lock, so that pages see the numbers in order
        synchronized (feed) {
            Json json = new Json();
            new FeedEntry(++feedSeq, System.currentTimeMillis(), kind, path, text).writeTo(json);
            String data = json.toString();
            feed.addLast(data);
            while (feed.size() > FEED_LINES) {
                feed.removeFirst();
            }
            broadcast("feed", data);
        }
    }

    /** Tells open pages to reload what they show of the tree (no data: they fetch what they need). */
    void publishTreeChanged() {
        broadcast("tree", "{}");
    }

    /** @return the kept samples, oldest first, as a JSON array */
    String samplesJson() {
        synchronized (samples) {
            return "[" + String.join(",", samples) + "]";
        }
    }

    /** @return the kept feed lines, oldest first, as a JSON array */
    String feedJson() {
        synchronized (feed) {
            return "[" + String.join(",", feed) + "]";
        }
    }

    private void broadcast(String event, String data) {
        // data is one line: Json escapes newlines, so no event can be split or forged by a message's text
        String frame = "event: " + event + "\ndata: " + data + "\n\n";
        for (BlockingQueue<String> q : pages) {
            if (!q.offer(frame)) {
                pages.remove(q);
                q.clear();
                q.offer(END);
            }
        }
    }

    /**
     * Opens a page's queue: from now on every event is kept for it. Called before the response headers go
     * out, since the page treats their arrival as "connected" and then loads the recent history; an event
     * in between would otherwise reach neither.
     *
     * @return the queue to hand to {@link #stream}
     */
    BlockingQueue<String> register() {
        BlockingQueue<String> q = new LinkedBlockingQueue<>(QUEUE_PER_PAGE);
        pages.add(q);
        if (closed) {
            q.offer(END);
        }
        return q;
    }

    /**
     * Streams a registered page's events until it goes away or the hub closes; blocks the calling thread.
     *
     * @param q the page's queue, from {@link #register}
     * @param out the response body, headers already sent
     * @throws IOException when the page has gone
     */
    void stream(BlockingQueue<String> q, OutputStream out) throws IOException {
        try {
            write(out, "retry: 1000\n: connected\n\n");
            while (!closed) {
                String frame = q.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (frame == null) {
                    write(out, ": keepalive\n\n"); // finds a page that went away, and keeps proxies open
                } else if (frame.equals(END)) {
                    return;
                } else {
                    write(out, frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes a page's queue; events are no longer kept for it. */
    void unregister(BlockingQueue<String> q) {
        pages.remove(q);
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    int historySamples() {
        return historySamples;
    }

    int openPages() {
        return pages.size();
    }

    void close() {
        closed = true;
        List<BlockingQueue<String>> open = new ArrayList<>(pages);
        for (BlockingQueue<String> q : open) {
            q.clear();
            q.offer(END);
        }
    }
}

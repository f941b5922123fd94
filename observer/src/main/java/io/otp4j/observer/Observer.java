package io.otp4j.observer;

import com.sun.net.httpserver.HttpServer;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadLetter;
import io.otp4j.supervisor.SupervisorEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live web view of a running {@link ActorSystem}, Erlang's {@code observer} for otp4j: the supervision
 * tree with each actor's counters, charts of the load over the last minutes, a feed of dead letters and
 * supervision events, and (when enabled, behind a token) stop, kill and restart.
 *
 * <pre>{@code
 * try (Observer observer = Observer.start(system, ObserverSettings.defaults())) {
 *     System.out.println("observer at " + observer.uri());
 *     ...
 * }
 * }</pre>
 *
 * <p>It is served by the JDK's own HTTP server ({@code com.sun.net.httpserver}, module
 * {@code jdk.httpserver}): no dependency, and server-sent events are a chunked response kept open. Each
 * request runs on a virtual thread, so an open page costs a parked virtual thread, not a platform one.
 *
 * <p>Cost: one {@link ActorSystem#snapshot()} per sample interval (1 s by default) on a thread of its own,
 * whatever the number of open pages, and one more shortly after a supervision event (at most one per
 * 100 ms), so that a restart shows at once; requests read the latest one. It spawns one anonymous top-level actor
 * that receives the system's dead letters and supervision events from the event stream.
 *
 * <p>Lifecycle: runs until {@link #close()} or until the system terminates, whichever comes first.
 * Threads: all methods may be called from any thread; {@code close} is idempotent.
 */
public final class Observer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Observer.class);

    /** How long after a supervision event the tree is re-read: long enough for a restart to finish. */
    static final Duration REINDEX_DELAY = Duration.ofMillis(100);

    private final ActorSystem system;
    private final HttpServer server;
    private final ExecutorService requests;
    private final ScheduledExecutorService sampling;
    private final EventHub hub;
    private final ActorRef<Object> feed;
    private final URI uri;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean reindexPending = new AtomicBoolean();

    private Observer(ActorSystem system, ObserverSettings settings) throws IOException {
        this.system = system;
        long historySamples = settings.history().toMillis() / settings.sampleInterval().toMillis();
        this.hub = new EventHub((int) Math.max(1, historySamples));
        Sampler sampler = new Sampler(system, hub);
        InetAddress address = InetAddress.getByName(settings.host());
        this.server = HttpServer.create(new InetSocketAddress(address, settings.port()), 0);
        this.requests = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("otp4j-" + system.name() + "-observer-", 0).factory());
        server.setExecutor(requests);
        server.createContext("/", new HttpApi(system, settings, sampler, hub, address.isLoopbackAddress()));
        this.sampling = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "otp4j-" + system.name() + "-observer-sampler");
            t.setDaemon(true);
            return t;
        });
        this.feed = system.spawnAnonymous(() -> new FeedActor(hub, () -> reindexSoon(sampler)));
        system.eventStream().subscribe(DeadLetter.class, feed);
        system.eventStream().subscribe(SupervisorEvent.class, feed);
        long every = settings.sampleInterval().toMillis();
        sampling.scheduleWithFixedDelay(() -> {
            try {
                sampler.sample();
            } catch (RuntimeException e) { // one failed sample must not end the charts
                LOG.warn("observer: sampling {} failed", system.name(), e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        server.start();
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    /**
     * Rebuilds the tree's index shortly after a supervision event, on the sampling thread (which owns the
     * sampler), so that open pages show a restart without waiting for the next sample. Events within
     * {@link #REINDEX_DELAY} share one rebuild: a restart is a handful of events, and a crash storm must
     * not turn into a snapshot per event.
     */
    private void reindexSoon(Sampler sampler) {
        if (reindexPending.compareAndSet(false, true)) {
            try {
                sampling.schedule(() -> {
                    reindexPending.set(false);
                    try {
                        sampler.reindex();
                    } catch (RuntimeException e) {
                        LOG.warn("observer: indexing {} failed", system.name(), e);
                    }
                }, REINDEX_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                reindexPending.set(false);
            }
        }
    }

    /**
     * Starts observing a running system.
     *
     * @param system the system; it must not have terminated
     * @param settings where to listen and what to allow
     * @return the running observer; it stops when the system terminates or when closed
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the system has terminated
     * @throws UncheckedIOException if the address cannot be bound (the port is taken, the host unknown)
     */
    public static Observer start(ActorSystem system, ObserverSettings settings) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(settings, "settings");
        if (system.whenTerminated().toCompletableFuture().isDone()) {
            throw new IllegalStateException("actor system " + system.name() + " has terminated");
        }
        Observer observer;
        try {
            observer = new Observer(system, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("observer: cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        // closing waits up to 1 s for open pages' streams to end: not on the thread that ends the system
        system.whenTerminated().whenCompleteAsync((report, failure) -> observer.close(),
                task -> Thread.ofVirtual().name("otp4j-" + system.name() + "-observer-close").start(task));
        LOG.info("observer for {} at {} (actions {})", system.name(), observer.uri,
                settings.actionToken().isPresent() ? "on" : "off");
        return observer;
    }

    /** @return where the page is, e.g. {@code http://127.0.0.1:41234/} */
    public URI uri() {
        return uri;
    }

    /** Stops serving: open pages lose their connection; the system goes on. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sampling.shutdownNow();
        hub.close();
        // the event streams end at once on hub.close(); waiting for them (at most 1 s) lets each page see
        // its stream end cleanly instead of a reset connection
        server.stop(1);
        requests.shutdownNow();
        if (!system.whenTerminated().toCompletableFuture().isDone()) {
            try {
                system.eventStream().unsubscribe(feed);
                system.stop(feed);
            } catch (RuntimeException e) { // the system began shutting down meanwhile: it stops the actor itself
                LOG.debug("observer: could not stop its feed actor", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Observer[" + system.name() + " at " + uri + "]";
    }
}

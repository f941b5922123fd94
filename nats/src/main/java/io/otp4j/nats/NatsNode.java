package io.otp4j.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.AskTimeoutException;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.InvalidActorNameException;
import io.otp4j.mailbox.Delivery;
import io.otp4j.nats.serialization.MessageCodec;
import io.otp4j.nats.serialization.MessageCodecException;
import io.otp4j.nats.serialization.RefCodec;
import io.otp4j.timer.Cancellable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An actor system's membership in a cluster of nodes that talk over NATS.
 *
 * <pre>{@code
 * try (var system = ActorSystem.create("shop");
 *      var node = NatsNode.join(system, NatsNodeSettings.of("orders-1", "nats://127.0.0.1:4222", codec))) {
 *     node.expose("orders", system.spawn("orders", Orders::new));
 *     ActorRef<Stock.Msg> stock = node.<Stock.Msg>lookup("stock-1", "stock", Duration.ofSeconds(2))
 *             .toCompletableFuture().join();
 *     stock.tell(new Stock.Reserve("sku-1", 2));          // a remote tell, like a local one
 * }
 * }</pre>
 *
 * <p>Or from the system's settings, so that the same code runs with and without a cluster:
 * {@code ActorSystem.create("shop", ActorSystemSettings.defaults().with(NatsDistribution.of(settings)))}, then
 * {@link #of(ActorSystem) NatsNode.of(system)}.
 *
 * <h2>Design</h2>
 * <b>Addresses.</b> Each join draws a new incarnation id; the node subscribes to
 * {@code <prefix>.node.<name>.<incarnation>} (tells and the watch protocol) and {@code ...ask} (asks, as NATS
 * requests), so a message for an earlier incarnation reaches no one: a tell is lost like one to a dead actor,
 * an ask fails at once with {@link NodeUnreachableException} (NATS "no responders").
 *
 * <p><b>Refs.</b> A ref inside a message is written as an address ({@code name.incarnation/system/path#id})
 * by the node's {@link RefCodec}; decoding makes a remote ref, which implements {@code ActorRef}
 * and sends through this node, or gives back the local actor if the address is this node's. A local actor
 * becomes reachable from other nodes only once exported: sent inside a message, or {@link #expose exposed}
 * under a name. A node refuses (logs and drops, or answers an ask with {@link DeadActorException}) a message
 * for any path it has not exported, or for an exported actor that has terminated.
 *
 * <p><b>Order.</b> One connection, one subscriber thread: the messages one sender tells to actors of one
 * other node arrive in the order sent.
 *
 * <p><b>Failure detection.</b> Every node publishes a heartbeat on {@code <prefix>.heartbeat} each
 * {@link NatsNodeSettings#heartbeatInterval()}; a node not heard for {@link NatsNodeSettings#failureTimeout()},
 * or superseded by a new incarnation of the same name, or that said it leaves, is down for good. Watches of
 * its actors end with {@code ExitReason.Custom(new NodeDown(node))}, and links propagate that reason.
 *
 * <p><b>Watch and link.</b> A watch or link of a remote ref attaches to a local stand-in actor
 * ({@link io.otp4j.actor.ForeignRef}); the stand-in asks the remote node to tell it when the actor ends
 * (answered "no such actor" at once if it is already gone) and stops with the actor's reason. A local actor
 * linked to a remote one that exits sends it an exit signal, which arrives naming the local actor (a one-off
 * courier presented as its remote ref sends it there). The runtime tells the remote ref of the link
 * ({@link io.otp4j.actor.ForeignRef#linked}), and this node tells the remote actor's node, whose agent keeps
 * the link: when this node goes down (or leaves), that node sends the remote actor the exit signal
 * with {@link NodeDown}, so a link across nodes ends on both sides whichever side is lost.
 *
 * <p><b>Durable mailboxes.</b> {@link #spawnDurable} gives an actor a mailbox that is a JetStream stream, sent
 * to through {@link #durableRef}: its messages survive this node's crash and are handled at least once, each
 * acknowledged when the handler returns ({@link DurableMailbox} says what is guaranteed). Plain remote tells
 * stay at most once.
 *
 * <p><b>Lifecycle.</b> {@link #close()} (also run when the system terminates) says goodbye, so other nodes
 * take this incarnation down at once instead of after the timeout, ends the local stand-ins with
 * {@link NodeDown} of their nodes, and closes the connection. Idempotent.
 *
 * <p>Threads: every method may be called from any thread.
 */
public final class NatsNode implements AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger(NatsNode.class);
    private static final SecureRandom INCARNATIONS = new SecureRandom();
    /** The node of each system that has joined and not left, for {@link #of(ActorSystem)}. */
    private static final ConcurrentHashMap<ActorSystem, NatsNode> NODES = new ConcurrentHashMap<>();
    /** Bytes kept free of the server's payload limit for a frame's own fields (a path is at most a few KB). */
    private static final int FRAME_HEADROOM = 8 * 1024;

    private final ActorSystem system;
    private final NatsNodeSettings settings;
    private final NodeAddress address;
    private final MessageCodec codec;
    private final Connection connection;
    private final Dispatcher messages;
    private final Dispatcher membership;
    private final FailureDetector detector;
    private final LongSupplier clock = System::nanoTime;
    /** Exported local actors by path: the only ones other nodes can reach. */
    private final ConcurrentHashMap<String, ActorRef<?>> exports = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ActorRef<?>> names = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RemoteRef<?>, ActorRef<StandIn.Down>> standIns = new ConcurrentHashMap<>();
    private final NodeRefs refs = new NodeRefs();
    /** The pool and topic subscriptions of each local actor, ended when it terminates. */
    private final ConcurrentHashMap<ActorRef<?>, java.util.List<io.nats.client.Subscription>> subscriptions =
            new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    /** Local actors some other node watches, as the agent records them; read by tests. */
    final java.util.Set<ActorRef<?>> remotelyWatched = ConcurrentHashMap.newKeySet();
    /** Local actors that actors of other nodes link to, with how many, as the agent records them; read by tests. */
    final ConcurrentHashMap<ActorRef<?>, Integer> remotelyLinked = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ActorRef<Agent.Msg> agent;
    private final Cancellable heartbeats;
    private volatile ClusterRegistry registry;
    private volatile ClusterGroups groups;
    /** The subject other nodes look this node's names up on. */
    private final String lookupSubject;
    /** The wire addresses of exported local actors, so that a ref sent again and again is not formatted each time. */
    private final ConcurrentHashMap<ActorRef<?>, String> wires = new ConcurrentHashMap<>();
    private volatile DurableStreams durables;

    private NatsNode(ActorSystem system, NatsNodeSettings settings) {
        this.system = system;
        this.settings = settings;
        this.address = new NodeAddress(settings.nodeName(), Long.toHexString(INCARNATIONS.nextLong() >>> 1));
        this.detector = new FailureDetector(settings.failureTimeout().toNanos());
        try {
            this.agent = system.spawn("otp4j-nats", () -> new Agent(this));
        } catch (InvalidActorNameException e) {
            throw new IllegalStateException(system + " has already joined a cluster as a node", e);
        }
        Options.Builder options = new Options.Builder()
                .servers(settings.servers().split(","))
                .connectionName(settings.nodeName())
                .reportNoResponders() // an ask to a gone node fails with 503 at once, not at its timeout
                .maxReconnects(-1);
        try {
            this.connection = Nats.connect(settings.connectionOptions().apply(options).build());
        } catch (IOException e) {
            stopAgentBeforeThrowing();
            if (refusedCredentials(e)) {
                throw new NatsAuthenticationException("the NATS servers at " + settings.servers() + " refused the "
                        + "credentials of node " + settings.nodeName() + " (or it gave none): " + e.getMessage(), e);
            }
            throw new UncheckedIOException("cannot connect to NATS at " + settings.servers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            system.stop(agent);
            throw new IllegalStateException("interrupted while connecting to NATS at " + settings.servers(), e);
        }
        // headroom for the frame around the message (kind, path, id), which the codec does not count
        int limit = (int) Math.max(1024, Math.min(Integer.MAX_VALUE, connection.getMaxPayload()) - FRAME_HEADROOM);
        this.codec = settings.codec().map(factory -> factory.apply(refs))
                .orElseGet(() -> MessageCodec.compact(settings.types(), refs, limit));
        // membership on a thread of its own: a slow actor delivery must not delay heartbeats into a false down
        this.messages = connection.createDispatcher(this::onMessage);
        this.membership = connection.createDispatcher(this::onMembership);
        messages.subscribe(nodeSubject(address));
        messages.subscribe(askSubject(address));
        this.lookupSubject = prefix() + ".lookup." + address.name();
        messages.subscribe(lookupSubject);
        membership.subscribe(prefix() + ".heartbeat");
        membership.subscribe(prefix() + ".leave");
        try {
            connection.flush(Duration.ofSeconds(5)); // subscribed at the server before anyone learns the address
        } catch (Exception e) {
            LOG.warn("node {}: NATS did not confirm the subscriptions: {}", address, e.toString());
        }
        try {
            registry(); // opened now, so that this node takes part in releasing the names of nodes that go down
        } catch (IllegalStateException e) {
            LOG.info("node {}: no cluster registry: {}", address, e.getMessage());
        }
        try {
            groups(); // opened now too: this node takes part in releasing the memberships of nodes that go down
        } catch (IllegalStateException e) {
            LOG.info("node {}: no cluster groups: {}", address, e.getMessage());
        }
        beat();
        Duration interval = settings.heartbeatInterval();
        this.heartbeats = system.scheduler().scheduleAtFixedRate(interval, interval, this::beat);
        system.whenTerminated().thenRun(this::close);
        LOG.info("node {} joined through {}", address, settings.servers());
    }

    /**
     * A join that failed stops its agent, and waits for it: the system may join again at once (with other
     * credentials, say), and the agent's name must be free by then.
     */
    private void stopAgentBeforeThrowing() {
        try {
            system.stop(agent).toCompletableFuture().join();
        } catch (RuntimeException e) {
            LOG.debug("node {}: agent already gone: {}", address, e.toString());
        }
    }

    /** @return whether the server said no to the credentials (jnats reports it as an IOException, or in its text) */
    private static boolean refusedCredentials(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof io.nats.client.AuthenticationException || text.contains("authorization violation")
                    || text.contains("authentication")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Joins {@code system} to the cluster of nodes that share the settings' subject prefix on the NATS
     * servers named there. One node per system.
     *
     * @param system the actor system; the node leaves when it terminates
     * @param settings the node's name, servers, codec and failure detection
     * @return the node, connected and subscribed
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the system has already joined
     * @throws NatsAuthenticationException if the servers refuse the node's credentials, or it gave none
     * @throws UncheckedIOException if no NATS server can be reached
     */
    public static NatsNode join(ActorSystem system, NatsNodeSettings settings) {
        Objects.requireNonNull(system, "system must not be null");
        Objects.requireNonNull(settings, "settings must not be null");
        NatsNode node = new NatsNode(system, settings);
        NODES.put(system, node); // one node per system: a second join failed above, on the agent's name
        if (node.isClosed()) { // the system terminated meanwhile and closed it, maybe before the put
            NODES.remove(system, node);
        }
        return node;
    }

    /**
     * The node a system has joined as, whether through {@link NatsDistribution} in its settings or through
     * {@link #join}: how code that runs on one JVM or on many reaches the cluster when there is one.
     *
     * @param system an actor system
     * @return its node, until it leaves ({@link #close()}, or the system's termination); empty if the system
     *     has not joined a cluster
     * @throws NullPointerException if {@code system} is null
     */
    public static Optional<NatsNode> of(ActorSystem system) {
        return Optional.ofNullable(NODES.get(Objects.requireNonNull(system, "system must not be null")));
    }

    /** @return this incarnation's address */
    public NodeAddress address() {
        return address;
    }

    /** @return the system this node serves */
    public ActorSystem system() {
        return system;
    }

    /**
     * Makes a local actor reachable from other nodes under a name ({@link #lookup}); the name is released
     * when the actor terminates.
     *
     * @param name any non-empty name, unique on this node
     * @param ref a live actor of this node's system
     * @param <M> its message type
     * @throws IllegalArgumentException if the name is empty or taken, or the ref is not of this system
     */
    public <M> void expose(String name, ActorRef<M> ref) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(ref, "ref must not be null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        export(ref);
        ActorRef<?> previous = names.putIfAbsent(name, ref);
        if (previous != null && !previous.equals(ref)) {
            throw new IllegalArgumentException("name '" + name + "' is taken on node " + address + " by " + previous);
        }
    }

    /**
     * Finds the actor another node exposes under a name.
     *
     * @param nodeName the node's name (whichever incarnation is live answers)
     * @param name the name the actor was exposed under
     * @param timeout how long to wait for the answer
     * @param <M> the actor's message type, as the caller expects it
     * @return a stage completing with the remote ref; or exceptionally with {@link NodeUnreachableException}
     *     at once if no such node is up, {@link NoSuchElementException} if it exposes no such name, or
     *     {@link AskTimeoutException}-like {@link java.util.concurrent.CancellationException} on timeout
     */
    public <M> CompletionStage<ActorRef<M>> lookup(String nodeName, String name, Duration timeout) {
        Objects.requireNonNull(nodeName, "nodeName must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (!NodeAddress.isValidName(nodeName)) {
            throw new IllegalArgumentException("invalid node name '" + nodeName + "'");
        }
        byte[] request = new Frames.Writer(Frames.ASK).utf(name).bytes();
        return connection.requestWithTimeout(prefix() + ".lookup." + nodeName, request, timeout)
                .handle((reply, failure) -> {
                    if (failure != null) {
                        throw translate(failure, "node " + nodeName, () -> new CancellationException(
                                "no answer from node " + nodeName + " within " + timeout));
                    }
                    try {
                        Frames.Reader in = new Frames.Reader(reply.getData());
                        if (in.kind() != Frames.OK) {
                            throw new NoSuchElementException("node " + nodeName + " exposes no actor named '" + name + "'");
                        }
                        @SuppressWarnings("unchecked")
                        ActorRef<M> ref = (ActorRef<M>) refs.resolve(in.utf());
                        return ref;
                    } catch (IOException e) {
                        throw new IllegalStateException("malformed lookup answer from node " + nodeName, e);
                    }
                });
    }

    /**
     * @return the cluster-wide registry of unique names, on a JetStream key-value bucket (created on first
     *     use; the server must run with JetStream)
     * @throws IllegalStateException if the server has no JetStream, or the bucket cannot be created
     */
    public ClusterRegistry registry() {
        ClusterRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                r = registry;
                if (r == null) {
                    try {
                        r = new ClusterRegistry(this, connection.keyValueManagement(),
                                "otp4j-registry-" + prefix().replace('.', '_'));
                    } catch (IOException | io.nats.client.JetStreamApiException e) {
                        throw new IllegalStateException("cannot open the registry bucket (does the NATS server run "
                                + "with JetStream, -js?): " + e.getMessage(), e);
                    }
                    registry = r;
                }
            }
        }
        return r;
    }

    /**
     * @return the cluster-wide process groups, on a JetStream key-value bucket (created on first use; the
     *     server must run with JetStream)
     * @throws IllegalStateException if the server has no JetStream, or the bucket cannot be created
     */
    public ClusterGroups groups() {
        ClusterGroups g = groups;
        if (g == null) {
            synchronized (this) {
                g = groups;
                if (g == null) {
                    try {
                        g = new ClusterGroups(this, connection.keyValueManagement(),
                                "otp4j-groups-" + prefix().replace('.', '_'));
                    } catch (IOException | io.nats.client.JetStreamApiException e) {
                        throw new IllegalStateException("cannot open the groups bucket (does the NATS server run "
                                + "with JetStream, -js?): " + e.getMessage(), e);
                    }
                    groups = g;
                }
            }
        }
        return g;
    }

    /**
     * Makes a local actor a member of a cluster-wide pool: each message sent to the pool ({@link #pool}) from
     * any node goes to one member, on whichever node (a NATS queue group). Returns once the server has the
     * membership. The actor leaves the pool when it terminates.
     *
     * @param pool the pool's name: subject tokens ({@code A-Z a-z 0-9 - _}) separated by {@code .}
     * @param worker a live actor of this node's system
     * @param <M> its message type
     * @throws IllegalArgumentException if the name is malformed or the worker is not of this system
     */
    public <M> void joinPool(String pool, ActorRef<M> worker) {
        Objects.requireNonNull(worker, "worker must not be null");
        String subject = prefix() + ".pool." + checkTokens(pool, "pool name", false);
        export(worker);
        subscribe(worker, messages.subscribe(subject, subject, msg -> deliver(worker, msg)));
    }

    /**
     * @param pool a pool's name, as in {@link #joinPool}
     * @param <M> the message type of its members
     * @return a ref whose messages go each to one member of the pool, on any node; an ask with no member
     *     anywhere fails at once with {@link NodeUnreachableException}
     * @throws IllegalArgumentException if the name is malformed
     */
    public <M> ActorRef<M> pool(String pool) {
        return new PoolRef<>(this, checkTokens(pool, "pool name", false));
    }

    /**
     * Subscribes a local actor to a topic across the cluster: it gets every message {@link #publish published}
     * on a matching topic by any node. Topics are NATS subjects under the node's prefix, with the same
     * wildcards: {@code *} matches one token, a final {@code >} the rest. Returns once the server has the
     * subscription. The subscription ends when the actor terminates.
     *
     * @param topic tokens ({@code A-Z a-z 0-9 - _}, or a wildcard) separated by {@code .}
     * @param subscriber a live actor of this node's system
     * @param <M> its message type
     * @throws IllegalArgumentException if the topic is malformed or the subscriber is not of this system
     */
    public <M> void subscribe(String topic, ActorRef<M> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        String subject = prefix() + ".topic." + checkTokens(topic, "topic", true);
        export(subscriber);
        subscribe(subscriber, messages.subscribe(subject, msg -> deliver(subscriber, msg)));
    }

    /**
     * Publishes a message to every actor subscribed, on any node, to a topic that matches.
     *
     * @param topic tokens without wildcards
     * @param message the message
     * @throws IllegalArgumentException if the topic is malformed
     * @throws MessageCodecException if the message cannot be encoded (a type not allowed, over the payload limit)
     */
    public void publish(String topic, Object message) {
        Objects.requireNonNull(message, "message must not be null");
        String subject = prefix() + ".topic." + checkTokens(topic, "topic", false);
        connection.publish(subject, codec.encode(message));
    }

    /**
     * Spawns an actor whose mailbox is a JetStream stream, named {@code name} in the whole cluster: messages sent
     * to it through {@link #durableRef} from any node are stored by the NATS servers, survive the crash of this
     * node, and are handled after it restarts and spawns the actor again. Each message is acknowledged when the
     * actor's handler returns for it: one that is not (the handler threw, the node crashed) is delivered again,
     * so every message is handled <em>at least once</em>, and a duplicate carries the same {@link Durable#id()}.
     * Guarantees and settings: {@link DurableMailbox}.
     *
     * <p>The actor sees each message wrapped in a {@link Durable}. Its factory must return the actor itself,
     * not an {@code Actor.setup} placeholder. When it terminates, delivery stops; the messages wait in the
     * stream for the next spawn. Spawning the same name on two nodes at once shares the messages between them
     * (a NATS queue group), and order is then per node only.
     *
     * @param name the mailbox's name and the actor's: letters, digits, {@code -} or {@code _}
     * @param factory builds the actor (at start and at each restart)
     * @param mailbox the stream's settings
     * @param <M> the type of the messages it is sent
     * @return the local actor; other nodes send to it through {@link #durableRef}
     * @throws IllegalArgumentException if the name is malformed or taken in this system
     * @throws IllegalStateException if the server has no JetStream, or cannot keep that many replicas
     */
    public <M> ActorRef<Durable<M>> spawnDurable(String name, Supplier<? extends Actor<Durable<M>>> factory,
                                                DurableMailbox mailbox) {
        Objects.requireNonNull(factory, "factory must not be null");
        Objects.requireNonNull(mailbox, "mailbox must not be null");
        checkTokens(name, "durable mailbox name", false);
        if (name.contains(".")) {
            throw new IllegalArgumentException("invalid durable mailbox name '" + name + "': one token, no '.'");
        }
        DurableStreams streams = durables();
        streams.ensure(name, mailbox);
        ActorRef<Durable<M>> actor = system.spawn(name, () -> new DurableActor<M>(factory.get()));
        @SuppressWarnings("unchecked")
        ActorRef<Durable<Object>> untyped = (ActorRef<Durable<Object>>) (ActorRef<?>) actor;
        subscriptions.computeIfAbsent(actor, a -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(streams.deliverTo(name, mailbox, untyped));
        agent.tell(new Agent.Export(actor)); // its end stops the delivery (the agent watches it)
        return actor;
    }

    /**
     * A ref that sends to the durable mailbox {@code name} ({@link #spawnDurable}), wherever and whenever its
     * actor runs: each tell is stored in the mailbox's stream under a fresh message id; a tell the servers do
     * not confirm is dead-lettered here. An ask fails with {@link UnsupportedOperationException}: put a ref
     * in the message instead.
     *
     * @param name the mailbox's name
     * @param mailbox the stream's settings, used if this call creates it
     * @param <M> the type of its messages
     * @return the ref
     * @throws IllegalArgumentException if the name is malformed
     * @throws IllegalStateException if the server has no JetStream
     */
    public <M> ActorRef<M> durableRef(String name, DurableMailbox mailbox) {
        Objects.requireNonNull(mailbox, "mailbox must not be null");
        checkTokens(name, "durable mailbox name", false);
        if (name.contains(".")) {
            throw new IllegalArgumentException("invalid durable mailbox name '" + name + "': one token, no '.'");
        }
        durables().ensure(name, mailbox);
        return new DurableRef<>(this, name);
    }

    private DurableStreams durables() {
        DurableStreams d = durables;
        if (d == null) {
            synchronized (this) {
                d = durables;
                if (d == null) {
                    try {
                        d = new DurableStreams(this);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open JetStream", e);
                    }
                    durables = d;
                }
            }
        }
        return d;
    }

    void tellDurable(ActorRef<?> ref, String name, Object message) {
        durables().publish(ref, name, message);
    }

    boolean isClosed() {
        return closed.get();
    }

    NatsNodeSettings settings() {
        return settings;
    }

    Dispatcher messageDispatcher() {
        return messages;
    }

    byte[] encode(Object message) {
        return codec.encode(message);
    }

    /** Decodes a message that came without a reply subject: a topic's publication. */
    Object decode(byte[] payload) {
        return decode(payload, null);
    }

    Object decodeDurable(byte[] payload) {
        return decode(payload, null);
    }

    /**
     * Leaves the cluster: other nodes are told at once, local watchers of remote actors get
     * {@link NodeDown}, the connection closes. Local actors go on running. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        NODES.remove(system, this);
        heartbeats.cancel();
        ClusterRegistry r = registry;
        if (r != null) {
            r.releaseAll();
        }
        ClusterGroups g = groups;
        if (g != null) {
            g.closeAll();
        }
        try {
            // Unsubscribe the pools, topics and this node's own subjects first: the flush below then also
            // confirms the server has dropped them, so a request sent after close() returns (to a pool this
            // node was in) is routed to a member that is still there, never to this closing connection.
            connection.closeDispatcher(messages);
        } catch (RuntimeException e) {
            LOG.debug("node {}: subscriptions not closed: {}", address, e.toString());
        }
        try {
            connection.publish(prefix() + ".leave", address.token().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            connection.flush(Duration.ofSeconds(2));
        } catch (Exception e) {
            LOG.debug("node {}: goodbye not confirmed: {}", address, e.toString());
        }
        standIns.forEach((remote, standIn) -> standIn.tell(
                new StandIn.Down(new ExitReason.Custom(new NodeDown(remote.address)))));
        try {
            system.stop(agent);
        } catch (RuntimeException e) {
            LOG.debug("node {}: agent already gone: {}", address, e.toString());
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("node {} left", address);
    }

    @Override
    public String toString() {
        return "NatsNode[" + address + "]";
    }

    // ------------------------------------------------------------------ sending

    /** A tell to a remote actor; refused at the call if the message cannot be encoded. */
    <M> Delivery tell(RemoteRef<M> to, M message) {
        if (detector.isDown(to.address) || closed.get()) {
            system.eventStream().publish(new DeadLetter(message, to, DeadLetter.Reason.RECIPIENT_TERMINATED));
            return Delivery.DEAD_LETTER;
        }
        RemoteRef.Route route = to.route();
        byte[] body = codec.encode(message);
        byte[] frame = java.util.Arrays.copyOf(route.tellHeader(), route.tellHeader().length + body.length);
        System.arraycopy(body, 0, frame, route.tellHeader().length, body.length);
        connection.publish(route.subject(), frame); // no flush: the client's writer thread batches what is queued
        return Delivery.ENQUEUED;
    }

    <M, R> CompletionStage<R> ask(RemoteRef<M> to, Function<ActorRef<R>, ? extends M> request, Duration timeout) {
        if (detector.isDown(to.address) || closed.get()) {
            return CompletableFuture.failedFuture(new NodeUnreachableException(to.toString()));
        }
        M message = Objects.requireNonNull(request.apply(new ReplyRef<>(this, null)), "request built null");
        byte[] frame = new Frames.Writer(Frames.ASK).utf(to.path).id(to.id).with(codec.encode(message));
        return connection.requestWithTimeout(to.route().askSubject(), frame, timeout).handle((reply, failure) -> {
            if (failure != null) {
                throw translate(failure, to.toString(), () -> new AskTimeoutException(to, timeout));
            }
            try {
                Frames.Reader in = new Frames.Reader(reply.getData());
                byte status = in.kind();
                if (status == Frames.NOT_HOSTED) {
                    throw new DeadActorException(to);
                }
                if (status != Frames.OK) {
                    throw new RemoteCodecException(in.utf());
                }
                @SuppressWarnings("unchecked")
                R value = (R) codec.decode(in.rest());
                return value;
            } catch (IOException e) {
                throw new IllegalStateException("malformed reply from " + to, e);
            }
        });
    }

    void tellPool(String pool, Object message) {
        connection.publish(prefix() + ".pool." + pool, codec.encode(message));
    }

    <M, R> CompletionStage<R> askPool(ActorRef<M> poolRef, String pool, Function<ActorRef<R>, ? extends M> request,
                                      Duration timeout) {
        M message = Objects.requireNonNull(request.apply(new ReplyRef<>(this, null)), "request built null");
        byte[] body = codec.encode(message);
        return connection.requestWithTimeout(prefix() + ".pool." + pool, body, timeout).handle((reply, failure) -> {
            if (failure != null) {
                throw translate(failure, "pool " + pool, () -> new AskTimeoutException(poolRef, timeout));
            }
            try {
                Frames.Reader in = new Frames.Reader(reply.getData());
                if (in.kind() != Frames.OK) {
                    throw new RemoteCodecException(in.utf());
                }
                @SuppressWarnings("unchecked")
                R value = (R) codec.decode(in.rest());
                return value;
            } catch (IOException e) {
                throw new IllegalStateException("malformed reply from pool " + pool, e);
            }
        });
    }

    /** A pool or topic message for {@code target}: the codec's bytes alone. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deliver(ActorRef target, Message msg) {
        Object message;
        try {
            message = decode(msg.getData(), msg.getReplyTo());
        } catch (RuntimeException e) {
            refuse(msg, e.toString());
            if (msg.getReplyTo() != null) {
                connection.publish(msg.getReplyTo(), new Frames.Writer(Frames.UNDECODABLE).utf("node " + address
                        + " could not decode the request: " + e.getMessage()).bytes());
            }
            return;
        }
        target.tell(message);
    }

    private void subscribe(ActorRef<?> actor, io.nats.client.Subscription subscription) {
        subscriptions.computeIfAbsent(actor, a -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(subscription);
        try {
            // the server has the subscription when the call returns: a message another node publishes right
            // after (on its own connection, which NATS does not order with this one) reaches it
            connection.flush(Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("node {}: NATS did not confirm a subscription within 5 s; it may miss early messages", address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!hosts(actor)) { // it terminated meanwhile and its unexport may have missed this subscription
            unexport(actor);
        }
    }

    private static String checkTokens(String name, String what, boolean wildcards) {
        Objects.requireNonNull(name, what + " must not be null");
        String token = wildcards ? "([A-Za-z0-9_-]+|\\*)" : "[A-Za-z0-9_-]+";
        String pattern = token + "(\\." + token + ")*" + (wildcards ? "(\\.>)?|>" : "");
        if (!name.matches(pattern)) {
            throw new IllegalArgumentException("invalid " + what + " '" + name + "': tokens of letters, digits, '-' "
                    + "or '_' separated by '.'" + (wildcards ? ", '*' for one token, a final '>' for the rest" : ""));
        }
        return name;
    }

    /** Maps a NATS request failure to the error the caller should see. */
    private static RuntimeException translate(Throwable failure, String target,
                                              Supplier<RuntimeException> onTimeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof JetStreamStatusException status && status.getStatus().getCode() == 503) {
            return new NodeUnreachableException(target);
        }
        if (cause instanceof CancellationException) {
            return onTimeout.get();
        }
        return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }

    void reply(String subject, Object value) {
        byte[] frame;
        try {
            frame = new Frames.Writer(Frames.OK).with(codec.encode(value));
        } catch (MessageCodecException e) {
            // the asker fails at once with the reason instead of waiting for its timeout; the replier sees it too
            connection.publish(subject, new Frames.Writer(Frames.UNDECODABLE).utf("node " + address
                    + " could not encode the reply: " + e.getMessage()).bytes());
            throw e;
        }
        connection.publish(subject, frame);
    }

    /** Decodes a message that arrived with {@code replySubject} (null for none): its reply refs answer there. */
    private Object decode(byte[] payload, String replySubject) {
        refs.replySubject.set(replySubject);
        try {
            return codec.decode(payload);
        } finally {
            refs.replySubject.remove();
        }
    }

    // ------------------------------------------------------------------ watch and link

    ActorRef<?> standIn(RemoteRef<?> remote) {
        return standIns.computeIfAbsent(remote, r -> system.spawnAnonymous(() -> new StandIn(this, r)));
    }

    void standInEnded(RemoteRef<?> remote, ActorRef<StandIn.Down> standIn) {
        standIns.remove(remote, standIn);
    }

    /** A stand-in starts: ask the remote node to tell it of the actor's end. */
    void watchRemote(RemoteRef<?> remote, ActorRef<StandIn.Down> standIn) {
        ExitReason nodeDown = new ExitReason.Custom(new NodeDown(remote.address));
        if (closed.get() || !detector.expect(remote.address, clock.getAsLong())) {
            standIn.tell(new StandIn.Down(nodeDown));
            return;
        }
        byte[] frame = new Frames.Writer(Frames.WATCH).utf(remote.path).id(remote.id).utf(address.token()).bytes();
        connection.requestWithTimeout(nodeSubject(remote.address), frame, settings.failureTimeout())
                .whenComplete((reply, failure) -> {
                    if (failure != null) {
                        RuntimeException e = translate(failure, remote.toString(), () -> null);
                        if (e instanceof NodeUnreachableException) {
                            standIn.tell(new StandIn.Down(nodeDown));
                        } // else: no answer in time; the failure detector decides
                    } else if (reply.getData().length > 0 && reply.getData()[0] != Frames.OK) {
                        standIn.tell(new StandIn.Down(ExitReason.NO_PROC));
                    }
                });
    }

    /** A local actor linked to {@code remote} exited: pass the exit signal on. */
    void linkExit(RemoteRef<?> remote, ActorRef<?> from, ExitReason reason) {
        if (closed.get() || detector.isDown(remote.address)) {
            return;
        }
        byte[] frame = new Frames.Writer(Frames.LINK_EXIT).utf(remote.path).id(remote.id)
                .utf(refs.address(from)).reason(reason).bytes();
        connection.publish(nodeSubject(remote.address), frame);
    }

    /**
     * A local actor linked to {@code remote} ({@code made}) or undid that link: its node keeps the link, to end
     * it if this node goes down. Sent on the linking actor's thread, so before any exit signal of that actor.
     */
    void linkFrom(RemoteRef<?> remote, ActorRef<?> local, boolean made) {
        if (closed.get() || detector.isDown(remote.address)) {
            return; // the stand-in ends the link on this side
        }
        byte[] frame = new Frames.Writer(made ? Frames.LINK : Frames.UNLINK).utf(remote.path).id(remote.id)
                .utf(refs.address(local)).bytes();
        try {
            connection.publish(nodeSubject(remote.address), frame);
        } catch (IllegalStateException e) { // the connection closed under us: this node is leaving
            LOG.debug("node {}: link of {} to {} not sent: {}", address, local, remote, e.toString());
        }
    }

    /** A local actor that {@code watcher} watches terminated. */
    void tellDown(NodeAddress watcher, ActorRef<?> ref, ExitReason reason) {
        if (closed.get() || detector.isDown(watcher)) {
            return;
        }
        byte[] frame = new Frames.Writer(Frames.DOWN).utf(RemoteRef.wire(address, system.name(), ref.path().toString(),
                ref.id())).reason(reason).bytes();
        connection.publish(nodeSubject(watcher), frame);
    }

    /**
     * This node now depends on {@code remote} (it lists one of its actors as a group member, or found one by
     * name): from now on its silence counts, even if none of its heartbeats was heard yet, so that its names
     * and memberships are released when it dies.
     */
    void dependOn(NodeAddress remote) {
        if (!remote.equals(address)) {
            detector.expect(remote, clock.getAsLong());
        }
    }

    private void nodeDown(NodeAddress node) {
        LOG.warn("node {}: node {} is down (silent for longer than {}, or replaced by a new incarnation)",
                address, node, settings.failureTimeout());
        endStandIns(node);
    }

    private void nodeLeft(NodeAddress node) {
        LOG.info("node {}: node {} left", address, node);
        endStandIns(node);
    }

    /**
     * Runs a release of a down node's names or memberships until it completes: one attempt can time out on a
     * busy server, and a name left behind would stay taken for good. Waits 100 ms after the first failure,
     * doubling up to 5 s, for as long as this node is open.
     */
    private void untilDone(BooleanSupplier release) {
        long pauseMillis = 100;
        while (!closed.get() && !release.getAsBoolean()) {
            try {
                Thread.sleep(pauseMillis); // a back-off between attempts, on this release's own virtual thread
            } catch (InterruptedException e) {
                return;
            }
            pauseMillis = Math.min(pauseMillis * 2, 5_000);
        }
    }

    private void endStandIns(NodeAddress node) {
        ClusterRegistry names = registry;
        if (names != null) {
            Thread.ofVirtual().name("otp4j-nats-release").start(() -> untilDone(() -> names.nodeDown(node)));
        }
        ClusterGroups memberships = groups;
        if (memberships != null) {
            Thread.ofVirtual().name("otp4j-nats-release").start(() -> untilDone(() -> memberships.nodeDown(node)));
        }
        ExitReason reason = new ExitReason.Custom(new NodeDown(node));
        standIns.forEach((remote, standIn) -> {
            if (remote.address.equals(node)) {
                standIn.tell(new StandIn.Down(reason));
            }
        });
        agent.tell(new Agent.Forget(node));
    }

    // ------------------------------------------------------------------ exports

    private void export(ActorRef<?> ref) {
        if (!ref.path().system().equals(system.name())) {
            throw new IllegalArgumentException(ref + " is not an actor of " + system);
        }
        String path = ref.path().toString();
        ActorRef<?> previous = exports.put(path, ref);
        if (!ref.equals(previous)) {
            agent.tell(new Agent.Export(ref));
        }
    }

    void unexport(ActorRef<?> ref) {
        exports.remove(ref.path().toString(), ref);
        wires.remove(ref);
        names.values().removeIf(ref::equals);
        ClusterRegistry names = registry;
        if (names != null && names.holdsNames(ref)) { // a round trip to the server: not on the agent's thread
            Thread.ofVirtual().name("otp4j-nats-release").start(() -> names.released(ref));
        }
        ClusterGroups memberships = groups;
        if (memberships != null && memberships.involves(ref)) {
            Thread.ofVirtual().name("otp4j-nats-release").start(() -> memberships.ended(ref));
        }
        var ended = subscriptions.remove(ref);
        if (ended != null) {
            ended.forEach(subscription -> {
                try {
                    messages.unsubscribe(subscription);
                } catch (IllegalStateException e) {
                    LOG.debug("node {}: subscription already closed: {}", address, e.toString());
                }
            });
        }
    }

    /** @return the exported live actor at {@code path} with {@code id}, or null: the node does not host it */
    private ActorRef<?> hosted(String path, long id) {
        ActorRef<?> ref = exports.get(path);
        return ref != null && ref.id() == id ? ref : null;
    }

    Connection connection() {
        return connection;
    }

    /** Exports {@code ref} and gives its address, as a message carrying it would. */
    String exportedAddress(ActorRef<?> ref) {
        return refs.address(ref);
    }

    /** @return the ref at an address, as a message carrying it would give it */
    ActorRef<?> refAt(String wire) {
        return refs.resolve(wire);
    }

    /** @return whether {@code ref} is exported and live: other nodes can reach it */
    boolean hosts(ActorRef<?> ref) {
        return hosted(ref.path().toString(), ref.id()) != null;
    }

    /** @return whether an actor of another node is linked to {@code ref}, as the agent records it; for tests */
    boolean linkedFromOthers(ActorRef<?> ref) {
        return remotelyLinked.containsKey(ref);
    }

    /** @return whether another node watches (or links to) {@code ref}; for tests */
    boolean watchedByOthers(ActorRef<?> ref) {
        return remotelyWatched.contains(ref);
    }

    /** @return how many messages this node refused (not hosted, or undecodable) */
    long refusedCount() {
        return refused.get();
    }

    // ------------------------------------------------------------------ receiving

    private void onMessage(Message msg) {
        try {
            if (msg.getSubject().equals(lookupSubject)) {
                onLookup(msg);
                return;
            }
            Frames.Reader in = new Frames.Reader(msg.getData());
            switch (in.kind()) {
                case Frames.TELL -> onTell(in, msg);
                case Frames.ASK -> onAsk(in, msg);
                case Frames.WATCH -> onWatch(in, msg);
                case Frames.DOWN -> onDown(in);
                case Frames.LINK_EXIT -> onLinkExit(in);
                case Frames.LINK -> onLink(in, true);
                case Frames.UNLINK -> onLink(in, false);
                default -> refuse(msg, "an unknown frame kind");
            }
        } catch (IOException | RuntimeException e) {
            refuse(msg, e.toString());
        }
    }

    void refuse(Message msg, String why) {
        refused.incrementAndGet();
        LOG.warn("node {} refused a message on {}: {}", address, msg.getSubject(), why);
        system.eventStream().publish(new RefusedMessage(address, msg.getSubject(), why));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void onTell(Frames.Reader in, Message msg) throws IOException {
        String path = in.utf();
        long id = in.id();
        ActorRef target = hosted(path, id);
        if (target == null) {
            refuse(msg, "no exported actor " + path + "#" + id + " here");
            return;
        }
        target.tell(decode(in.rest(), msg.getReplyTo()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void onAsk(Frames.Reader in, Message msg) throws IOException {
        String path = in.utf();
        long id = in.id();
        ActorRef target = hosted(path, id);
        if (target == null) {
            refuse(msg, "an ask for " + path + "#" + id + ", not exported here");
            connection.publish(msg.getReplyTo(), new Frames.Writer(Frames.NOT_HOSTED).bytes());
            return;
        }
        Object request;
        try {
            request = decode(in.rest(), msg.getReplyTo());
        } catch (MessageCodecException e) {
            refuse(msg, "an ask that cannot be decoded: " + e.getMessage());
            connection.publish(msg.getReplyTo(), new Frames.Writer(Frames.UNDECODABLE).utf("node " + address
                    + " could not decode the request: " + e.getMessage()).bytes());
            return;
        }
        target.tell(request);
    }

    private void onWatch(Frames.Reader in, Message msg) throws IOException {
        ActorRef<?> target = hosted(in.utf(), in.id());
        NodeAddress watcher = NodeAddress.parse(in.utf());
        if (target == null) {
            connection.publish(msg.getReplyTo(), new Frames.Writer(Frames.NOT_HOSTED).bytes());
            return;
        }
        agent.tell(new Agent.WatchedBy(target, watcher));
        connection.publish(msg.getReplyTo(), new Frames.Writer(Frames.OK).bytes());
    }

    private void onDown(Frames.Reader in) throws IOException {
        RemoteRef<?> dead = RemoteRef.parse(this, in.utf());
        ExitReason reason = in.reason();
        ActorRef<StandIn.Down> standIn = standIns.get(dead);
        if (standIn != null) {
            standIn.tell(new StandIn.Down(reason));
        }
    }

    private void onLinkExit(Frames.Reader in) throws IOException {
        ActorRef<?> target = hosted(in.utf(), in.id());
        RemoteRef<?> from = RemoteRef.parse(this, in.utf());
        ExitReason reason = in.reason();
        if (target != null) {
            agent.tell(new Agent.LinkExit(target, from, reason));
        }
    }

    private void onLink(Frames.Reader in, boolean made) throws IOException {
        ActorRef<?> target = hosted(in.utf(), in.id());
        RemoteRef<?> from = RemoteRef.parse(this, in.utf());
        if (target == null) {
            return; // gone: the linking side's stand-in hears "no such actor" and ends the link there
        }
        if (!made) {
            agent.tell(new Agent.UnlinkedFrom(target, from));
        } else if (from.address.equals(address) || detector.expect(from.address, clock.getAsLong())) {
            agent.tell(new Agent.LinkedFrom(target, from));
        } else { // its node is already down: the link ends at once, as it would have a moment later
            agent.tell(new Agent.LinkExit(target, from, new ExitReason.Custom(new NodeDown(from.address))));
        }
    }

    private void onLookup(Message msg) throws IOException {
        String name = new Frames.Reader(msg.getData()).skipKind().utf();
        ActorRef<?> ref = names.get(name);
        byte[] answer = ref == null ? new Frames.Writer(Frames.NOT_HOSTED).bytes()
                : new Frames.Writer(Frames.OK).utf(refs.address(ref)).bytes();
        connection.publish(msg.getReplyTo(), answer);
    }

    private void onMembership(Message msg) {
        NodeAddress node;
        try {
            node = NodeAddress.parse(new String(msg.getData(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            LOG.warn("node {}: malformed membership message on {}", address, msg.getSubject());
            return;
        }
        if (node.equals(address)) {
            return;
        }
        if (msg.getSubject().endsWith(".leave")) {
            if (detector.left(node)) {
                nodeLeft(node);
            }
        } else {
            detector.heard(node, clock.getAsLong()).forEach(this::nodeDown);
        }
    }

    /** Says this node is alive, and takes down the nodes not heard for too long. */
    private void beat() {
        if (closed.get()) {
            return;
        }
        try {
            connection.publish(prefix() + ".heartbeat", address.token().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            LOG.debug("node {}: heartbeat not sent: {}", address, e.toString());
        }
        detector.expired(clock.getAsLong()).forEach(this::nodeDown);
    }

    // ------------------------------------------------------------------ subjects and refs

    private String prefix() {
        return settings.subjectPrefix();
    }

    String nodeSubject(NodeAddress node) {
        return prefix() + ".node." + node.name() + "." + node.incarnation();
    }

    private String askSubject(NodeAddress node) {
        return nodeSubject(node) + ".ask";
    }

    /**
     * How refs inside messages become addresses and back, for the codec. The reply subject of the message being
     * decoded, if any, is set around the decode on the receiving thread: a request's reply address resolves to it.
     */
    private final class NodeRefs implements RefCodec {
        final ThreadLocal<String> replySubject = new ThreadLocal<>();

        @Override
        public String address(ActorRef<?> ref) {
            return switch (ref) {
                case RemoteRef<?> remote -> remote.wire();
                case ReplyRef<?> reply -> reply.wire();
                default -> {
                    String wire = wires.get(ref);
                    if (wire == null) {
                        export(ref);
                        wire = RemoteRef.wire(address, system.name(), ref.path().toString(), ref.id());
                        wires.put(ref, wire);
                        if (!hosts(ref)) {
                            wires.remove(ref); // it terminated meanwhile: its unexport may have run before the put
                        }
                    }
                    yield wire;
                }
            };
        }

        @Override
        public ActorRef<?> resolve(String wire) {
            if (wire.startsWith(ReplyRef.PREFIX)) {
                String subject = wire.substring(ReplyRef.PREFIX.length());
                String request = replySubject.get();
                if (subject.isEmpty() && request == null) {
                    throw new IllegalArgumentException("a request's reply address in a message that is no request");
                }
                return new ReplyRef<>(NatsNode.this, subject.isEmpty() ? request : subject);
            }
            RemoteRef<?> remote = RemoteRef.parse(NatsNode.this, wire);
            if (remote.address.equals(address)) {
                ActorRef<?> local = hosted(remote.path, remote.id);
                if (local != null) {
                    return local; // a ref that came home is the local actor itself
                }
            }
            return remote;
        }
    }
}

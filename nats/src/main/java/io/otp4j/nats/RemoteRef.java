package io.otp4j.nats;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ForeignRef;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A ref to an actor of another node, as a node makes it when it decodes an address. Sends go through the
 * node that made it; watches and links through its stand-in ({@link StandIn}).
 *
 * <p>Equal to another ref to the same incarnation of the same node, path and actor id, whichever node object
 * made it. Its wire address is {@code name.incarnation/system/path#id}.
 */
final class RemoteRef<M> implements ForeignRef<M> {

    private final NatsNode node;
    final NodeAddress address;
    final String system;
    final String path;
    final long id;
    /**
     * The subject and TELL frame header ({@code kind path id}) of this ref, made on the first tell and reused:
     * a remote tell then costs the codec's bytes and one copy, not a subject string and a header per message.
     * Racy but idempotent: each thread sees either null or a complete value (a final field's holder).
     */
    private volatile Route route;

    /** Where tells to this ref go: its node's subjects for tells and asks, and the TELL frame header naming the actor. */
    record Route(String subject, String askSubject, byte[] tellHeader) {}

    /** The local actor that stands for this ref instead of the node's stand-in; null for the node's. */
    private final ActorRef<?> courier;

    RemoteRef(NatsNode node, NodeAddress address, String system, String path, long id) {
        this(node, address, system, path, id, null);
    }

    private RemoteRef(NatsNode node, NodeAddress address, String system, String path, long id, ActorRef<?> courier) {
        this.node = node;
        this.address = address;
        this.system = system;
        this.path = path;
        this.id = id;
        this.courier = courier;
    }

    /**
     * @return an equal ref whose stand-in is {@code courier}: a watch of it makes the runtime present the courier
     *     as this ref, so that the signals the courier sends name the remote actor
     */
    RemoteRef<M> standingIn(ActorRef<?> courier) {
        return new RemoteRef<>(node, address, system, path, id, courier);
    }

    /**
     * @param wire {@code name.incarnation/system/path#id}
     * @return its parts, in a ref that sends through {@code node}
     * @throws IllegalArgumentException if it is malformed (the codec reports it as malformed input)
     */
    static <M> RemoteRef<M> parse(NatsNode node, String wire) {
        int firstSlash = wire.indexOf('/');
        int secondSlash = firstSlash < 0 ? -1 : wire.indexOf('/', firstSlash + 1);
        int hash = wire.lastIndexOf('#');
        if (secondSlash < 0 || hash < secondSlash) {
            throw new IllegalArgumentException("malformed remote address '" + wire + "'");
        }
        try {
            return new RemoteRef<>(node, NodeAddress.parse(wire.substring(0, firstSlash)),
                    wire.substring(firstSlash + 1, secondSlash), wire.substring(secondSlash, hash),
                    Long.parseLong(wire.substring(hash + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed remote address '" + wire + "'", e);
        }
    }

    static String wire(NodeAddress address, String system, String path, long id) {
        return address.token() + "/" + system + path + "#" + id;
    }

    /** @return this ref's route, made once by {@code node} */
    Route route() {
        Route r = route;
        if (r == null) {
            r = new Route(node.nodeSubject(address), node.nodeSubject(address) + ".ask", new Frames.Writer(Frames.TELL).utf(path).id(id).bytes());
            route = r;
        }
        return r;
    }

    String wire() {
        return wire(address, system, path, id);
    }

    @Override
    public void tell(M message) {
        node.tell(this, Objects.requireNonNull(message, "message must not be null"));
    }

    /** {@inheritDoc} The priority and time to live of {@code options} are not carried to the other node. */
    @Override
    public void tell(M message, SendOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        tell(message);
    }

    /**
     * {@inheritDoc} {@link Delivery#ENQUEUED} means handed to NATS: the remote mailbox's answer is not awaited.
     */
    @Override
    public Delivery offer(M message, SendOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        return node.tell(this, Objects.requireNonNull(message, "message must not be null"));
    }

    @Override
    public <R> CompletionStage<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout,
                                      SendOptions options) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(options, "options must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return node.ask(this, request, timeout);
    }

    @Override
    public ActorPath path() {
        ActorPath p = ActorPath.root(system);
        for (String element : path.substring(1).split("/")) {
            p = p.child(element);
        }
        return p;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public ActorRef<?> standIn() {
        return courier != null ? courier : node.standIn(this);
    }

    /** {@inheritDoc} Its node tells the remote actor's node, which ends the link if this node goes down. */
    @Override
    public void linked(ActorRef<?> local) {
        node.linkFrom(this, local, true);
    }

    @Override
    public void unlinked(ActorRef<?> local) {
        node.linkFrom(this, local, false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteRef<?> r && r.id == id && r.address.equals(address) && r.path.equals(path)
                && r.system.equals(system);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, path, id);
    }

    @Override
    public String toString() {
        return "otp4j://" + system + path + "#" + id + "@" + address;
    }
}

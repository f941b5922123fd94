package io.otp4j.nats;

import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.SystemExtension;
import io.otp4j.actor.SystemSetting;
import io.otp4j.broker.MessageBroker;
import io.otp4j.registry.Registry;
import java.util.Objects;
import java.util.Optional;

/**
 * Distribution as a setting of the actor system: a system created with it joins the cluster as a node when
 * {@link ActorSystem#create(String, ActorSystemSettings)} runs, and leaves when it terminates. The
 * application's code is then the same on one JVM and on many; only the settings differ.
 *
 * <pre>{@code
 * ActorSystemSettings settings = ActorSystemSettings.defaults();
 * if (natsUrl != null) {                                                   // many JVMs: join the cluster
 *     settings = settings.with(NatsDistribution.of(NatsNodeSettings.of("shop-1", natsUrl, TYPES)));
 * }
 * ActorSystem system = ActorSystem.create("shop", settings);
 * Registry.of(system).register(STOCK, stock);                 // a name unique in the whole cluster
 * Registry.of(system).lookup(STOCK).ifPresent(s -> s.tell(m)); // found on whichever node holds it
 * MessageBroker.of(system).publish(ORDER_PLACED, event);       // to subscribers on every node
 * }</pre>
 *
 * <p>The node is {@link NatsNode#of(ActorSystem)}; it is joined as {@link NatsNode#join} would, and a join
 * that fails (no server, credentials refused) fails {@code ActorSystem.create} with the same exception,
 * leaving nothing running.
 *
 * <h2>The system's registry and broker span the cluster</h2>
 * This setting {@linkplain #provide provides} the system's {@code Registry.of(system)} and
 * {@code MessageBroker.of(system)}: the same interfaces as on one JVM, backed by the node's
 * {@link ClusterRegistry}, {@link ClusterGroups} and topics. A name registered on one node is looked up on any
 * node; a group lists its members on every node; a publication reaches the topic's subscribers on every node;
 * a send or request by name reaches the holder wherever it runs; a group router ({@code Routers.group(key)})
 * routes to the group's members on every node. The actors of this node stay in a local
 * registry too, so looking them up remains a lock-free read; a name or group no actor of this node holds is a
 * round trip to the NATS server (block-tolerant threads, not inside a hot {@code receive}). The server must
 * run with JetStream (the names and groups are key-value buckets).
 *
 * <p>What a network cannot keep of the one-JVM contracts, and what these implementations do instead:
 * <ul>
 *   <li><b>Name and group ids</b> must be valid bucket keys (names: letters, digits, {@code - _ = . /}; groups:
 *       tokens of letters, digits, {@code - _ =} separated by {@code .}); another id fails the call with {@link IllegalArgumentException}. Messages that cross nodes
 *       must be types the node's codec allows, or the call fails with
 *       {@link io.otp4j.nats.serialization.MessageCodecException} before anything is delivered.</li>
 *   <li><b>Registration is synchronous cluster-wide</b>: when {@code register} returns, a lookup on any node
 *       finds the actor. <b>Release is not</b>: the local registry frees the name before the actor's watchers
 *       hear of its end, as on one JVM, but the cluster's entry is deleted a round trip later (and a node that
 *       dies keeps its names until the failure detector declares it down). Meanwhile a {@code register} of the
 *       name on another node throws {@link io.otp4j.registry.AlreadyRegisteredException}; a {@code lookup}
 *       there may return the ref of the terminated actor, whose messages are then dead letters. On the holder's
 *       own node the name is free at once.</li>
 *   <li><b>{@code unregister}</b> of a name held by an actor of another node throws
 *       {@link NameHeldElsewhereException}: only the holder's node can release it.</li>
 *   <li><b>Group members</b> are listed in the order of the joins across the cluster (the bucket's revisions);
 *       a member of a dead node is listed until its node is declared down. Subscribers get the
 *       {@link io.otp4j.registry.GroupEvent}s of every node.</li>
 *   <li><b>{@code publish} returns this node's part only</b>: the {@code PublishResult} counts this node's
 *       subscribers (the same object, delivered as on one JVM); subscribers on other nodes get a copy, at most
 *       once, and are not counted. {@code PublishResult.NO_SUBSCRIBERS} thus means "none on this node", and no
 *       {@code NO_SUBSCRIBERS} dead letter is published, since a subscriber elsewhere cannot be ruled out.
 *       {@code subscriberCount} counts this node's subscribers. Send options (priority, time to live) apply to
 *       this node's subscribers; other nodes deliver with the defaults.</li>
 *   <li><b>Topic types</b> are checked against this node's subscriptions at the publish, as on one JVM; a
 *       subscriber on another node whose exact subscription cannot accept the message's class does not get it
 *       (its node logs why): the publisher cannot be told.</li>
 *   <li><b>Before the node has joined and after it has left</b> (the system's termination), both are this
 *       JVM's registry and broker.</li>
 * </ul>
 *
 * <p>Immutable.
 */
public final class NatsDistribution implements SystemExtension {

    private final NatsNodeSettings node;

    private NatsDistribution(NatsNodeSettings node) {
        this.node = node;
    }

    /**
     * @param node how the system joins: its node name, the servers, the message types, failure detection
     * @return the setting, for {@link ActorSystemSettings#with(SystemSetting)}
     * @throws NullPointerException if {@code node} is null
     */
    public static NatsDistribution of(NatsNodeSettings node) {
        return new NatsDistribution(Objects.requireNonNull(node, "node must not be null"));
    }

    /** @return how the system joins */
    public NatsNodeSettings nodeSettings() {
        return node;
    }

    /** @return {@code NatsDistribution.class}: one distribution per system */
    @Override
    public Class<? extends SystemSetting> settingType() {
        return NatsDistribution.class;
    }

    /**
     * Joins {@code system} to the cluster; called by {@code ActorSystem.create}, not by applications.
     *
     * @param system the system just created
     * @return the node, which the system closes (leaves the cluster) once it has terminated
     * @throws NatsAuthenticationException if the servers refuse the node's credentials
     * @throws java.io.UncheckedIOException if no NATS server can be reached
     */
    @Override
    public AutoCloseable start(ActorSystem system) {
        return NatsNode.join(system, node);
    }

    /**
     * Provides the system's {@code Registry.of(system)} and {@code MessageBroker.of(system)}: the cluster-backed
     * ones this class's Javadoc describes; called by the runtime, not by applications.
     *
     * @param system the system
     * @param feature the feature's type
     * @param <T> that type
     * @return the cluster-backed registry or broker; empty for any other feature
     */
    @Override
    public <T> Optional<T> provide(ActorSystem system, Class<T> feature) {
        if (feature == Registry.class) {
            return Optional.of(feature.cast(new DistributedRegistry(system)));
        }
        if (feature == MessageBroker.class) {
            return Optional.of(feature.cast(new DistributedBroker(system)));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "NatsDistribution[node " + node.nodeName() + " on " + node.servers() + "]";
    }
}

package io.otp4j.nats;

import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.SystemExtension;
import io.otp4j.actor.SystemSetting;
import java.util.Objects;

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
 * NatsNode.of(system).ifPresent(node -> node.joinPool("resize", resizer)); // empty on one JVM
 * }</pre>
 *
 * <p>The node is {@link NatsNode#of(ActorSystem)}; it is joined as {@link NatsNode#join} would, and a join
 * that fails (no server, credentials refused) fails {@code ActorSystem.create} with the same exception,
 * leaving nothing running. The system's own {@code Registry.of(system)} and {@code MessageBroker.of(system)}
 * stay local to the JVM: their contracts (lock-free lookups, a count of deliveries per publication, dead
 * letters for no subscriber) are not ones a network can keep; the cluster's names, groups, pools and topics
 * are the node's ({@link NatsNode#registry()}, {@link NatsNode#groups()}, {@link NatsNode#pool},
 * {@link NatsNode#publish}).
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

    @Override
    public String toString() {
        return "NatsDistribution[node " + node.nodeName() + " on " + node.servers() + "]";
    }
}

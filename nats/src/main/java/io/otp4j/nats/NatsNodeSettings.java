package io.otp4j.nats;

import io.nats.client.Options;
import io.otp4j.nats.serialization.MessageCodec;
import io.otp4j.nats.serialization.MessageTypes;
import io.otp4j.nats.serialization.RefCodec;
import java.util.Optional;
import java.util.function.Function;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How a node joins: its name, the NATS servers, the message types it exchanges, and the failure detector's
 * timing.
 * Immutable; start from {@link #of} and refine with the {@code with} methods. No argument may be null
 * ({@link NullPointerException} naming it, at the call).
 *
 * <pre>{@code
 * NatsNodeSettings settings = NatsNodeSettings.of("orders-1", "nats://127.0.0.1:4222",
 *                 MessageTypes.builder().add(1, PlaceOrder.class).add(2, OrderPlaced.class).build())
 *         .withFailureDetection(Duration.ofMillis(200), Duration.ofSeconds(2));
 * }</pre>
 */
public final class NatsNodeSettings {

    private final String nodeName;
    private final String servers;
    private final MessageTypes types;
    private final Optional<Function<RefCodec, MessageCodec>> codec;
    private final String subjectPrefix;
    private final Duration heartbeatInterval;
    private final Duration failureTimeout;
    private final UnaryOperator<Options.Builder> connection;

    private NatsNodeSettings(String nodeName, String servers, MessageTypes types,
                             Optional<Function<RefCodec, MessageCodec>> codec, String subjectPrefix,
                             Duration heartbeatInterval, Duration failureTimeout,
                             UnaryOperator<Options.Builder> connection) {
        this.nodeName = nodeName;
        this.servers = servers;
        this.types = types;
        this.codec = codec;
        this.subjectPrefix = subjectPrefix;
        this.heartbeatInterval = heartbeatInterval;
        this.failureTimeout = failureTimeout;
        this.connection = connection;
    }

    /**
     * @param nodeName the node's name, unique among live nodes: 1 to 64 letters, digits, {@code -} or {@code _}
     * @param servers the NATS server URL, or several separated by commas
     * @param types the message types this node sends and accepts, with their stable ids (the allow-list)
     * @return settings with the default codec ({@link MessageCodec#compact}, up to the server's payload
     *     limit), the subject prefix {@code otp4j}, a heartbeat every second and a node declared down
     *     after 5 seconds without one
     * @throws IllegalArgumentException if the node name is malformed or {@code servers} is blank
     */
    public static NatsNodeSettings of(String nodeName, String servers, MessageTypes types) {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(servers, "servers");
        Objects.requireNonNull(types, "types");
        if (!NodeAddress.isValidName(nodeName)) {
            throw new IllegalArgumentException("invalid node name '" + nodeName + "': 1 to 64 letters, digits, "
                    + "'-' or '_'");
        }
        if (servers.isBlank()) {
            throw new IllegalArgumentException("servers must name at least one NATS server URL");
        }
        return new NatsNodeSettings(nodeName, servers, types, Optional.empty(), "otp4j", Duration.ofSeconds(1), Duration.ofSeconds(5),
                UnaryOperator.identity());
    }

    /**
     * @param interval how often this node says it is alive; positive
     * @param timeout how long without a heartbeat before a node is declared down; longer than the interval
     * @return a copy with that timing
     * @throws IllegalArgumentException if the interval is not positive or the timeout not longer than it
     */
    public NatsNodeSettings withFailureDetection(Duration interval, Duration timeout) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
        }
        if (timeout.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("failure timeout " + timeout + " must be longer than the heartbeat "
                    + "interval " + interval);
        }
        return new NatsNodeSettings(nodeName, servers, types, codec, subjectPrefix, interval, timeout, connection);
    }

    /**
     * @param prefix the first subject tokens of every subject the node uses; nodes talk only to nodes with the
     *     same prefix (a cluster name): letters, digits, {@code -}, {@code _}, tokens separated by {@code .}
     * @return a copy with that prefix
     * @throws IllegalArgumentException if the prefix is malformed
     */
    public NatsNodeSettings withSubjectPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("invalid subject prefix '" + prefix + "'");
        }
        return new NatsNodeSettings(nodeName, servers, types, codec, prefix, heartbeatInterval, failureTimeout, connection);
    }

    /**
     * Passes options through to the NATS client: TLS, user credentials, NKeys, tokens, reconnection.
     *
     * <pre>{@code settings.withConnectionOptions(b -> b.authHandler(Nats.credentials("/etc/nats/node.creds")))}</pre>
     *
     * @param customizer refines the client's options after the node has set the servers and its own needs
     * @return a copy with that customizer
     */
    public NatsNodeSettings withConnectionOptions(UnaryOperator<Options.Builder> customizer) {
        Objects.requireNonNull(customizer, "customizer");
        return new NatsNodeSettings(nodeName, servers, types, codec, subjectPrefix, heartbeatInterval, failureTimeout,
                customizer);
    }

    /** @return the node's name */
    public String nodeName() {
        return nodeName;
    }

    /** @return the NATS server URLs, comma-separated */
    public String servers() {
        return servers;
    }

    /**
     * @param factory builds the codec for messages between nodes from the node's ref codec (how refs inside
     *     messages become addresses and back), in place of {@link MessageCodec#compact}
     * @return a copy with that codec
     */
    public NatsNodeSettings withCodec(Function<RefCodec, MessageCodec> factory) {
        Objects.requireNonNull(factory, "factory");
        return new NatsNodeSettings(nodeName, servers, types, Optional.of(factory), subjectPrefix, heartbeatInterval,
                failureTimeout, connection);
    }

    /** @return the message types this node exchanges */
    public MessageTypes types() {
        return types;
    }

    /** @return the codec factory given with {@link #withCodec}, or empty for the compact codec */
    public Optional<Function<RefCodec, MessageCodec>> codec() {
        return codec;
    }

    /** @return the first tokens of every subject the node uses */
    public String subjectPrefix() {
        return subjectPrefix;
    }

    /** @return how often the node sends a heartbeat */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** @return how long without a heartbeat before a node is declared down */
    public Duration failureTimeout() {
        return failureTimeout;
    }

    /** @return the customizer of the NATS client's options */
    public UnaryOperator<Options.Builder> connectionOptions() {
        return connection;
    }
}

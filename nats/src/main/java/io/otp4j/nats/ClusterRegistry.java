package io.otp4j.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.StorageType;
import io.otp4j.actor.ActorRef;
import io.otp4j.registry.AlreadyRegisteredException;
import io.otp4j.registry.KeyTypeMismatchException;
import io.otp4j.registry.ServiceKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names unique across the cluster, held in a JetStream key-value bucket ({@code otp4j-registry-<prefix>}):
 * a registration is a create that succeeds only if the key is absent (compare-and-set on the key's revision),
 * so two nodes racing for one name cannot both win. A name is released when its actor terminates, when its
 * node leaves, and when its node is declared down (every surviving node tries a delete conditioned on the
 * revision it read; one wins, and a name registered again meanwhile is left alone).
 *
 * <pre>{@code
 * ServiceKey<Stock.Msg> STOCK = ServiceKey.of("stock", Stock.Msg.class);
 * node.registry().register(STOCK, system.spawn("stock", Stock::new));   // on one node
 * node.registry().find(STOCK).ifPresent(stock -> stock.tell(...));      // on any node
 * }</pre>
 *
 * <p>Threads: any; each call is a round trip to the NATS server (a few hundred microseconds on loopback), so
 * call it from a thread that may block, not from inside an actor's {@code receive}.
 */
public final class ClusterRegistry {

    private final NatsNode node;
    private final KeyValue bucket;
    /** The names this node registered, with the revision its create got: released on the actor's end. */
    private final Map<ActorRef<?>, Map<String, Long>> held = new ConcurrentHashMap<>();

    ClusterRegistry(NatsNode node, KeyValueManagement management, String bucketName) throws IOException,
            JetStreamApiException {
        this.node = node;
        try {
            management.getStatus(bucketName);
        } catch (JetStreamApiException missing) {
            try {
                management.create(KeyValueConfiguration.builder().name(bucketName).storageType(StorageType.File)
                        .build());
            } catch (JetStreamApiException raced) {
                management.getStatus(bucketName); // another node created it first: fine if it exists now
            }
        }
        this.bucket = node.connection().keyValue(bucketName);
    }

    /**
     * Registers {@code ref} under {@code key}, unique in the whole cluster.
     *
     * @param key the name and message type
     * @param ref a live actor of this node's system
     * @param <M> its message type
     * @throws AlreadyRegisteredException if the name is held, by this or another node (the holder is named)
     * @throws IllegalArgumentException if the key's id is not a valid bucket key ({@code A-Z a-z 0-9 - _ = . /})
     *     or the ref is not of this node's system
     * @throws UncheckedIOException if the server cannot be reached
     */
    public <M> void register(ServiceKey<M> key, ActorRef<M> ref) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(ref, "ref must not be null");
        String name = checkName(key);
        String value = key.type().getName() + "\n" + node.exportedAddress(ref);
        try {
            long revision = bucket.create(name, value.getBytes(StandardCharsets.UTF_8));
            held.computeIfAbsent(ref, r -> new ConcurrentHashMap<>()).put(name, revision);
            if (!node.hosts(ref)) {
                released(ref); // it terminated while registering: its release may have run before this entry
            }
        } catch (JetStreamApiException taken) {
            ActorRef<?> holder = find(key).orElse(null);
            if (holder == null) {
                throw new IllegalStateException("cannot register '" + name + "': " + taken.getMessage(), taken);
            }
            throw new AlreadyRegisteredException(name, holder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the registry bucket", e);
        }
    }

    /**
     * @param key the name and message type
     * @param <M> its message type
     * @return the actor registered under the name anywhere in the cluster, or empty
     * @throws IllegalArgumentException if the name is registered with another message type (a
     *     {@link KeyTypeMismatchException} when that type can be loaded on this node)
     * @throws UncheckedIOException if the server cannot be reached
     */
    public <M> Optional<ActorRef<M>> find(ServiceKey<M> key) {
        Objects.requireNonNull(key, "key must not be null");
        String name = checkName(key);
        try {
            KeyValueEntry entry = bucket.get(name);
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
                return Optional.empty();
            }
            String[] parts = new String(entry.getValue(), StandardCharsets.UTF_8).split("\n", 2);
            if (!parts[0].equals(key.type().getName())) {
                throw typeMismatch("registered name", name, parts[0], key.type());
            }
            @SuppressWarnings("unchecked")
            ActorRef<M> ref = (ActorRef<M>) node.refAt(parts[1]);
            if (ref instanceof RemoteRef<?> remote) {
                // the holder's node may have died before this node heard one of its heartbeats: its silence
                // must count from now on, or its names would never be released (nobody would know it died)
                node.dependOn(remote.address);
            }
            return Optional.of(ref);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the registry bucket", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read '" + name + "' from the registry: " + e.getMessage(), e);
        }
    }

    /**
     * The error for a name or group bound to another message type: a {@link KeyTypeMismatchException} when the
     * bound type can be loaded here, as the local registry throws; an {@link IllegalArgumentException} naming it
     * otherwise.
     */
    static IllegalArgumentException typeMismatch(String what, String name, String boundType, Class<?> requested) {
        try {
            Class<?> bound = Class.forName(boundType, false, requested.getClassLoader());
            return new KeyTypeMismatchException(what, name, bound, requested);
        } catch (ClassNotFoundException | LinkageError e) {
            return new IllegalArgumentException(what + " '" + name + "' is bound to messages of type " + boundType
                    + ", not " + requested.getName());
        }
    }

    /** @return the names registered anywhere in the cluster at this instant */
    Set<String> names() {
        try {
            return Set.copyOf(bucket.keys());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the registry bucket", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot list the registry: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the registry", e);
        }
    }

    /**
     * Releases a name that an actor of this node holds, now.
     *
     * @return true if an actor of this node held it
     */
    boolean releaseOwn(String name) {
        for (Map<String, Long> names : held.values()) {
            Long revision = names.remove(name);
            if (revision != null) {
                deleteIfUnchanged(name, revision);
                return true;
            }
        }
        return false;
    }

    /**
     * Releases now, instead of on the agent's later round trip, the names of an actor of this node that holds
     * {@code name} and has terminated.
     *
     * @return true if such an actor held it
     */
    boolean releaseTerminatedHolder(String name) {
        for (Map.Entry<ActorRef<?>, Map<String, Long>> e : held.entrySet()) {
            if (e.getValue().containsKey(name) && !node.hosts(e.getKey())) {
                released(e.getKey());
                return true;
            }
        }
        return false;
    }

    /** @return whether {@code ref} holds names registered by this node */
    boolean holdsNames(ActorRef<?> ref) {
        return held.containsKey(ref);
    }

    /** {@code ref} terminated: release its names (conditioned on the revisions this node created). */
    void released(ActorRef<?> ref) {
        Map<String, Long> names = held.remove(ref);
        if (names != null) {
            names.forEach(this::deleteIfUnchanged);
        }
    }

    /** Releases every name this node holds: it leaves. */
    void releaseAll() {
        held.keySet().forEach(this::released);
    }

    /**
     * {@code down} is down: release the names its actors held. Any node may do it; the first delete wins.
     *
     * @return whether every such name was looked at and deleted (or found changed): {@code false} when the
     *         server did not answer in time or the connection closed, so that the caller tries again
     */
    boolean nodeDown(NodeAddress down) {
        String prefix = "\n" + down.token() + "/";
        boolean complete = true;
        try {
            for (String name : bucket.keys()) {
                KeyValueEntry entry = bucket.get(name);
                if (entry != null && entry.getValue() != null
                        && new String(entry.getValue(), StandardCharsets.UTF_8).contains(prefix)) {
                    complete &= deleteIfUnchanged(name, entry.getRevision());
                }
            }
            return complete;
        } catch (IOException | JetStreamApiException | IllegalStateException e) { // also: the connection closed
            NatsNode.LOG.warn("node {}: names of down node {} not released yet: {}", node.address(), down,
                    e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return {@code false} only when the server did not answer (the delete may be tried again) */
    private boolean deleteIfUnchanged(String name, long revision) {
        try {
            bucket.delete(name, revision);
            return true;
        } catch (JetStreamApiException changed) {
            return true; // released or registered again by someone else meanwhile: not ours to delete
        } catch (IOException | IllegalStateException e) { // also: the connection closed
            NatsNode.LOG.warn("node {}: name '{}' not released: {}", node.address(), name, e.toString());
            return false;
        }
    }

    private static String checkName(ServiceKey<?> key) {
        String name = key.id();
        if (!name.matches("[-/_=.a-zA-Z0-9]+") || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("service key id '" + name + "' is not a valid registry key: letters, "
                    + "digits, '-', '_', '=', '.', '/', not starting or ending with '.'");
        }
        return name;
    }
}

package io.otp4j.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.otp4j.actor.ActorRef;
import io.otp4j.registry.GroupEvent;
import io.otp4j.registry.GroupKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process groups across the cluster (Erlang's {@code pg}): any number of actors on any nodes join a group
 * under a {@link GroupKey}; every node can list the members and subscribe to membership changes, with the same
 * {@link GroupEvent}s as the local registry's groups.
 *
 * <pre>{@code
 * GroupKey<Worker.Msg> WORKERS = GroupKey.of("workers", Worker.Msg.class);
 * node.groups().join(WORKERS, system.spawn("worker", Worker::new));      // on any node, any number of times
 * node.groups().members(WORKERS).forEach(w -> w.tell(new Worker.Flush())); // on any node
 * node.groups().subscribe(WORKERS, watcher); // Snapshot, then Joined and Left as members come and go
 * }</pre>
 *
 * <h2>Design</h2>
 * A membership is one key of a JetStream key-value bucket ({@code otp4j-groups-<prefix>}):
 * {@code <node name>.<incarnation>.<actor id>.<group id>}, its value the members' message type and the
 * member's address. Joining creates the key, leaving deletes it; a subscription is a watch of
 * {@code *.*.*.<group id>}: the bucket's current keys make the {@link GroupEvent.Snapshot}, later puts and
 * deletes the {@link GroupEvent.Joined} and {@link GroupEvent.Left} events, in the bucket's order, the same
 * for every subscriber on every node.
 *
 * <p><b>Release.</b> A member leaves its groups when it terminates (its node deletes its keys), when its node
 * {@linkplain NatsNode#close() leaves}, and when its node is declared down: then every surviving node deletes
 * the keys under {@code <node name>.<incarnation>.>}, each delete conditioned on the revision it read, so one
 * wins and subscribers see one {@code Left} per membership. A member of a node that dies is thus listed until
 * the failure detector gives up on that node.
 *
 * <p>Threads: any. {@link #join}, {@link #leave}, {@link #members} are round trips to the NATS server (a few
 * hundred microseconds on loopback): call them from a thread that may block, not inside an actor's
 * {@code receive}. Events are told to the subscriber from the client's thread for the watch.
 */
public final class ClusterGroups {

    private final NatsNode node;
    private final KeyValue bucket;
    /** The memberships this node created, by member, with the revision each create got. */
    private final Map<ActorRef<?>, Map<String, Long>> joined = new ConcurrentHashMap<>();
    /** The live subscriptions, by subscriber and group id. */
    private final Map<ActorRef<?>, Map<String, NatsKeyValueWatchSubscription>> watches = new ConcurrentHashMap<>();

    ClusterGroups(NatsNode node, KeyValueManagement management, String bucketName) throws IOException,
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
     * Adds {@code member} to a group (Erlang's {@code pg:join/2}); a no-op if it is already a member. Returns
     * once the membership is stored: a later {@link #members} on any node lists it.
     *
     * @param key the group
     * @param member a live actor of this node's system; it leaves when it terminates
     * @param <M> the members' message type
     * @throws IllegalArgumentException if the group id is not a valid bucket key (tokens of {@code A-Z a-z 0-9
     *     - _ =} separated by {@code .}) or the member is not of this node's system
     * @throws UncheckedIOException if the server cannot be reached
     */
    public <M> void join(GroupKey<M> key, ActorRef<M> member) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(member, "member must not be null");
        String group = checkId(key);
        requireLocal(member, "member");
        String wire = node.exportedAddress(member);
        String entryKey = entryKey(node.address(), member, group);
        try {
            long revision = bucket.create(entryKey, (key.type().getName() + "\n" + wire).getBytes(StandardCharsets.UTF_8));
            joined.computeIfAbsent(member, m -> new ConcurrentHashMap<>()).put(entryKey, revision);
            if (!node.hosts(member)) {
                released(member); // it terminated while joining: its release may have run before this entry
            }
        } catch (JetStreamApiException alreadyMember) {
            // the key exists: this actor is a member already (only this node writes keys of its incarnation)
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the groups bucket", e);
        }
    }

    /**
     * Removes {@code member} from a group (Erlang's {@code pg:leave/2}).
     *
     * @param key the group
     * @param member an actor of this node
     * @param <M> the members' message type
     * @return true if it was a member
     * @throws IllegalArgumentException if the group id is not a valid bucket key
     * @throws UncheckedIOException if the server cannot be reached
     */
    public <M> boolean leave(GroupKey<M> key, ActorRef<M> member) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(member, "member must not be null");
        String entryKey = entryKey(node.address(), member, checkId(key));
        Map<String, Long> memberships = joined.get(member);
        Long revision = memberships == null ? null : memberships.remove(entryKey);
        if (revision == null) {
            return false;
        }
        if (memberships.isEmpty()) {
            joined.remove(member, memberships);
        }
        return delete(entryKey, revision) == Deletion.DELETED;
    }

    /**
     * @param key the group
     * @param <M> the members' message type
     * @return the members on every node at this instant, in join order (Erlang's {@code pg:get_members/1});
     *     empty for a group nobody has joined; immutable
     * @throws IllegalArgumentException if the group id is not a valid bucket key, or members joined it with
     *     another message type
     * @throws UncheckedIOException if the server cannot be reached
     */
    public <M> List<ActorRef<M>> members(GroupKey<M> key) {
        Objects.requireNonNull(key, "key must not be null");
        String group = checkId(key);
        try {
            List<KeyValueEntry> entries = new ArrayList<>();
            for (String name : bucket.keys("*.*.*." + group)) {
                KeyValueEntry entry = bucket.get(name);
                if (entry != null && entry.getOperation() == KeyValueOperation.PUT && entry.getValue() != null) {
                    entries.add(entry);
                }
            }
            entries.sort(java.util.Comparator.comparingLong(KeyValueEntry::getRevision));
            List<ActorRef<M>> members = new ArrayList<>(entries.size());
            for (KeyValueEntry entry : entries) {
                members.add(member(key, entry.getValue()));
            }
            return List.copyOf(members);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the groups bucket", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot read group '" + group + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading group '" + group + "'", e);
        }
    }

    /**
     * Subscribes a local actor to a group's membership on every node: it gets a {@link GroupEvent.Snapshot}
     * of the members, then a {@link GroupEvent.Joined} or {@link GroupEvent.Left} for each change, in the
     * bucket's order; applying them to the snapshot gives the current membership. Subscribing again replaces
     * the subscription (and sends a fresh snapshot). Ends with {@link #unsubscribe} or when the subscriber
     * terminates.
     *
     * @param key the group
     * @param subscriber a live actor of this node's system (it becomes reachable from other nodes, as an
     *     exported actor does, so that its end ends the subscription)
     * @param <M> the members' message type
     * @throws IllegalArgumentException if the group id is not a valid bucket key or the subscriber is not of
     *     this node's system
     * @throws UncheckedIOException if the server cannot be reached
     */
    public <M> void subscribe(GroupKey<M> key, ActorRef<? super GroupEvent<M>> subscriber) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        String group = checkId(key);
        requireLocal(subscriber, "subscriber");
        node.exportedAddress(subscriber); // exported: the agent watches it, and its end ends the subscription
        unsubscribe(key, subscriber);
        try {
            NatsKeyValueWatchSubscription watch = bucket.watch("*.*.*." + group, new Watch<>(key, subscriber));
            watches.computeIfAbsent(subscriber, s -> new ConcurrentHashMap<>()).put(group, watch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the groups bucket", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot watch group '" + group + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching group '" + group + "'", e);
        }
        if (!node.hosts(subscriber)) {
            ended(subscriber); // it terminated meanwhile: its end may have run before this watch
        }
    }

    /**
     * @param key the group
     * @param subscriber the subscriber
     * @return true if it was subscribed
     */
    public boolean unsubscribe(GroupKey<?> key, ActorRef<?> subscriber) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        Map<String, NatsKeyValueWatchSubscription> mine = watches.get(subscriber);
        NatsKeyValueWatchSubscription watch = mine == null ? null : mine.remove(key.id());
        if (watch == null) {
            return false;
        }
        stop(watch);
        return true;
    }

    /** @return the ids of the groups that have members on any node at this instant */
    java.util.Set<String> groupIds() {
        try {
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (String name : bucket.keys()) {
                String[] parts = name.split("\\.", 4); // node name, incarnation, actor id, group id (may hold dots)
                if (parts.length == 4) {
                    ids.add(parts[3]);
                }
            }
            return java.util.Set.copyOf(ids);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the groups bucket", e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("cannot list the groups: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the groups", e);
        }
    }

    /** {@code ref} terminated: it leaves its groups and its subscriptions end. */
    void ended(ActorRef<?> ref) {
        Map<String, NatsKeyValueWatchSubscription> mine = watches.remove(ref);
        if (mine != null) {
            mine.values().forEach(ClusterGroups::stop);
        }
        released(ref);
    }

    /** @return whether {@code ref} is a member or subscriber through this node */
    boolean involves(ActorRef<?> ref) {
        return joined.containsKey(ref) || watches.containsKey(ref);
    }

    private void released(ActorRef<?> ref) {
        Map<String, Long> memberships = joined.remove(ref);
        if (memberships != null) {
            memberships.forEach(this::delete);
        }
    }

    /** This node leaves: every membership it holds is deleted and its subscriptions end. */
    void closeAll() {
        watches.keySet().forEach(s -> {
            Map<String, NatsKeyValueWatchSubscription> mine = watches.remove(s);
            if (mine != null) {
                mine.values().forEach(ClusterGroups::stop);
            }
        });
        joined.keySet().forEach(this::released);
    }

    /**
     * {@code down} is down: release its memberships. Any node may do it; the first delete of each key wins.
     *
     * @return whether every such membership was looked at and deleted (or found released by another node):
     *         {@code false} when the server did not answer in time or the connection closed, so that the
     *         caller tries again
     */
    boolean nodeDown(NodeAddress down) {
        boolean complete = true;
        try {
            for (String name : bucket.keys(down.name() + "." + down.incarnation() + ".>")) {
                KeyValueEntry entry = bucket.get(name);
                if (entry != null && entry.getOperation() == KeyValueOperation.PUT) {
                    complete &= delete(name, entry.getRevision()) != Deletion.FAILED;
                }
            }
            return complete;
        } catch (IOException | JetStreamApiException | IllegalStateException e) { // also: the connection closed
            NatsNode.LOG.warn("node {}: group memberships of down node {} not released yet: {}", node.address(),
                    down, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What became of a conditional delete of a membership. */
    private enum Deletion { DELETED, CHANGED, FAILED }

    /** Deletes a membership if it is still at {@code revision}. */
    private Deletion delete(String entryKey, long revision) {
        try {
            bucket.delete(entryKey, revision);
            return Deletion.DELETED;
        } catch (JetStreamApiException changed) {
            return Deletion.CHANGED; // released by another node meanwhile
        } catch (IOException | IllegalStateException e) { // also: the connection closed
            NatsNode.LOG.warn("node {}: group membership '{}' not released: {}", node.address(), entryKey, e.toString());
            return Deletion.FAILED;
        }
    }

    private static void stop(NatsKeyValueWatchSubscription watch) {
        try {
            watch.unsubscribe();
        } catch (RuntimeException e) {
            NatsNode.LOG.debug("group watch already closed: {}", e.toString());
        }
    }

    private <M> ActorRef<M> member(GroupKey<M> key, byte[] value) {
        String[] parts = new String(value, StandardCharsets.UTF_8).split("\n", 2);
        if (parts.length != 2 || !parts[0].equals(key.type().getName())) {
            throw ClusterRegistry.typeMismatch("group", key.id(), parts[0], key.type());
        }
        @SuppressWarnings("unchecked")
        ActorRef<M> ref = (ActorRef<M>) node.refAt(parts[1]);
        return ref;
    }

    /** A remote ref would otherwise be stored under this node's incarnation, and released at once in silence. */
    private void requireLocal(ActorRef<?> ref, String what) {
        if (ref instanceof io.otp4j.actor.ForeignRef<?> || ref instanceof ReplyRef<?>
                || !ref.path().system().equals(node.system().name())) {
            throw new IllegalArgumentException("the " + what + " must be an actor of this node's system "
                    + node.system().name() + ", not " + ref);
        }
    }

    private static String entryKey(NodeAddress owner, ActorRef<?> member, String group) {
        return owner.name() + "." + owner.incarnation() + "." + Long.toHexString(member.id()) + "." + group;
    }

    private static String checkId(GroupKey<?> key) {
        String id = key.id();
        if (!id.matches("[-_=a-zA-Z0-9]+(\\.[-_=a-zA-Z0-9]+)*")) {
            throw new IllegalArgumentException("group id '" + id + "' is not a valid group key: tokens of letters, "
                    + "digits, '-', '_' or '=' separated by '.'");
        }
        return id;
    }

    /**
     * One subscription: turns the bucket's entries for a group into events. The client calls it on one thread,
     * in the bucket's order; {@code members} is what the subscriber has been told, so that a membership released
     * twice (two nodes racing) or a delete marker of an old membership yields no event.
     */
    private final class Watch<M> implements KeyValueWatcher {
        private final GroupKey<M> key;
        private final ActorRef<? super GroupEvent<M>> subscriber;
        private final Map<String, ActorRef<M>> members = new LinkedHashMap<>();
        private boolean live;

        Watch(GroupKey<M> key, ActorRef<? super GroupEvent<M>> subscriber) {
            this.key = key;
            this.subscriber = subscriber;
        }

        @Override
        public void watch(KeyValueEntry entry) {
            if (entry.getOperation() == KeyValueOperation.PUT && entry.getValue() != null) {
                ActorRef<M> member;
                try {
                    member = member(key, entry.getValue());
                } catch (IllegalArgumentException e) {
                    NatsNode.LOG.warn("node {}: group entry '{}' skipped: {}", node.address(), entry.getKey(),
                            e.getMessage());
                    return;
                }
                if (member instanceof RemoteRef<?> remote) {
                    node.dependOn(remote.address); // a member's node killed before we heard it must still go down
                }
                if (members.put(entry.getKey(), member) == null && live) {
                    subscriber.tell(new GroupEvent.Joined<>(key, member));
                }
            } else {
                ActorRef<M> former = members.remove(entry.getKey());
                if (former != null && live) {
                    subscriber.tell(new GroupEvent.Left<>(key, former));
                }
            }
        }

        @Override
        public void endOfData() {
            live = true;
            subscriber.tell(new GroupEvent.Snapshot<>(key, List.copyOf(members.values())));
        }
    }
}

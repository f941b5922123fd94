package io.otp4j.nats;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.ForeignRef;
import io.otp4j.actor.Props;
import io.otp4j.registry.AlreadyRegisteredException;
import io.otp4j.registry.GroupEvent;
import io.otp4j.registry.GroupKey;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code Registry.of(system)} of a system created with {@link NatsDistribution}: the same calls as on one JVM,
 * reaching names and groups on every node of the cluster through the node's {@link ClusterRegistry} and
 * {@link ClusterGroups}, with the actors of this node also held in a local registry so that finding them
 * stays a lock-free read.
 *
 * <h2>Design</h2>
 * <b>Names.</b> A registration is made in the cluster first (a create in the key-value bucket: unique
 * cluster-wide), then in the local registry; if the local one refuses (the actor has terminated, belongs to
 * another system), the cluster's is undone. {@link #lookup} reads the local registry first and asks the bucket
 * only for a name no actor of this node holds. So the local registry's names are always a subset of the
 * cluster's, and a lookup never returns an actor that does not hold the name.
 *
 * <p><b>Groups.</b> A member joins the local registry's group (which checks it as on one JVM) and the cluster's;
 * {@link #members} and subscriptions are the cluster's, so they list members of every node, in the bucket's
 * order, which is the order of the joins across the cluster.
 *
 * <p><b>Before and after the node.</b> Until the node has joined (another extension's {@code start}, run before
 * this one's) and once it has left, every call is the local registry's.
 *
 * <p>Where the contract differs from {@link Registry}'s on one JVM: {@link NatsDistribution} lists it.
 *
 * <p>Threads: any; calls that reach the bucket block for a round trip to the NATS server.
 */
final class DistributedRegistry implements Registry {

    private final ActorSystem system;
    private final Registry local;

    DistributedRegistry(ActorSystem system) {
        this.system = system;
        this.local = Registry.create(system);
    }

    /** @return the node, while the system is joined; empty before it joins and after it leaves */
    private Optional<NatsNode> node() {
        return NatsNode.of(system);
    }

    /** @return whether {@code ref} is one the local registry may accept; the others it refuses with its own error */
    private boolean maybeLocal(ActorRef<?> ref) {
        return !(ref instanceof ForeignRef<?>) && ref.path().system().equals(system.name());
    }

    // ------------------------------------------------------------------ names

    @Override
    public <M> void register(ServiceKey<M> key, ActorRef<M> actor) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(actor, "actor must not be null");
        Optional<NatsNode> node = node();
        if (node.isEmpty() || !maybeLocal(actor) || local.lookup(key).filter(actor::equals).isPresent()) {
            local.register(key, actor); // one JVM; or the local registry's error; or registered already: a no-op
            return;
        }
        ClusterRegistry cluster = node.get().registry();
        try {
            cluster.register(key, actor);
        } catch (AlreadyRegisteredException taken) {
            if (!cluster.releaseTerminatedHolder(key.id())) {
                throw taken;
            }
            cluster.register(key, actor); // its holder was an actor of this node that has terminated
        }
        try {
            local.register(key, actor);
        } catch (RuntimeException refused) {
            cluster.releaseOwn(key.id());
            throw refused;
        }
    }

    @Override
    public <M> ActorRef<M> spawn(ServiceKey<M> key, Supplier<? extends Actor<M>> factory, Props props) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(factory, "factory must not be null");
        Objects.requireNonNull(props, "props must not be null");
        if (node().isEmpty()) {
            return local.spawn(key, factory, props);
        }
        lookup(key).ifPresent(holder -> {
            throw new AlreadyRegisteredException(key.id(), holder);
        });
        ActorRef<M> actor = system.spawnAnonymous(factory, props);
        try {
            register(key, actor);
        } catch (RuntimeException e) {
            system.stop(actor);
            throw e;
        }
        return actor;
    }

    @Override
    public boolean unregister(ServiceKey<?> key) {
        Objects.requireNonNull(key, "key must not be null");
        Optional<NatsNode> node = node();
        boolean here = local.unregister(key);
        if (node.isEmpty()) {
            return here;
        }
        ClusterRegistry cluster = node.get().registry();
        if (cluster.releaseOwn(key.id()) || here) {
            return true;
        }
        Optional<? extends ActorRef<?>> holder = cluster.find(key);
        if (holder.isPresent()) {
            throw new NameHeldElsewhereException(key.id(), holder.get());
        }
        return false;
    }

    @Override
    public <M> Optional<ActorRef<M>> lookup(ServiceKey<M> key) {
        Optional<ActorRef<M>> here = local.lookup(key); // lock-free; checks the key's type against this node's
        Optional<NatsNode> node = node();
        if (here.isPresent() || node.isEmpty()) {
            return here;
        }
        NatsNode n = node.get();
        return n.registry().find(key).filter(ref -> ref instanceof RemoteRef<?> remote
                ? !remote.address.equals(n.address()) // an actor of this node that has terminated: released
                : n.hosts(ref));
    }

    @Override
    public Set<String> names() {
        Optional<NatsNode> node = node();
        if (node.isEmpty()) {
            return local.names();
        }
        Set<String> all = new HashSet<>(node.get().registry().names());
        all.addAll(local.names());
        return Set.copyOf(all);
    }

    // ------------------------------------------------------------------ groups

    @Override
    public <M> void join(GroupKey<M> key, ActorRef<M> member) {
        local.join(key, member); // checks the key's type, the member's life and system, as on one JVM
        Optional<NatsNode> node = node();
        if (node.isEmpty()) {
            return;
        }
        try {
            node.get().groups().join(key, member);
        } catch (RuntimeException e) {
            local.leave(key, member);
            throw e;
        }
    }

    @Override
    public <M> boolean leave(GroupKey<M> key, ActorRef<M> member) {
        boolean here = local.leave(key, member);
        Optional<NatsNode> node = node();
        if (node.isEmpty() || !maybeLocal(member)) {
            return here;
        }
        return node.get().groups().leave(key, member) || here;
    }

    @Override
    public <M> List<ActorRef<M>> members(GroupKey<M> key) {
        List<ActorRef<M>> here = local.members(key); // checks the key's type against this node's members
        Optional<NatsNode> node = node();
        return node.isEmpty() ? here : node.get().groups().members(key);
    }

    @Override
    public Set<String> groups() {
        Optional<NatsNode> node = node();
        if (node.isEmpty()) {
            return local.groups();
        }
        Set<String> all = new HashSet<>(node.get().groups().groupIds());
        all.addAll(local.groups());
        return Set.copyOf(all);
    }

    @Override
    public <M> void subscribe(GroupKey<M> key, ActorRef<? super GroupEvent<M>> subscriber) {
        Optional<NatsNode> node = node();
        if (node.isEmpty()) {
            local.subscribe(key, subscriber);
        } else {
            local.members(key); // the key's type, checked against this node's members as on one JVM
            node.get().groups().subscribe(key, subscriber);
            if (!node.get().hosts(subscriber)) { // terminated: its subscription has ended already
                throw new DeadActorException(subscriber);
            }
        }
    }

    @Override
    public boolean unsubscribe(GroupKey<?> key, ActorRef<?> subscriber) {
        boolean here = local.unsubscribe(key, subscriber);
        Optional<NatsNode> node = node();
        return node.isPresent() && node.get().groups().unsubscribe(key, subscriber) || here;
    }

    @Override
    public String toString() {
        return "DistributedRegistry[" + system.name() + "]";
    }
}

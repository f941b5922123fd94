package io.otp4j.registry;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.Props;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.monitor.SystemEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of one actor system, in memory.
 *
 * <h2>Design</h2>
 * Three concurrent maps: {@code names} (id to registration), {@code groups} (id to group) and
 * {@code owners} (actor to what it holds). Lookups read {@code names} or a group's immutable member list
 * without locking. Each actor that ever holds a name, joins a group or subscribes gets one {@link Owner},
 * and with it exactly one termination hook ({@link TerminationHooks}): the hook runs on the actor's own
 * thread as it terminates, before its watchers are told, and releases everything the owner holds.
 *
 * <h2>Threads and locks</h2>
 * Changes lock the actor's owner, then (for groups) the group: always in that order, so they cannot
 * deadlock. The owner's lock makes "is the actor still alive?" and "record what it holds" one step,
 * against the hook that marks it closed: nothing can be added to an owner after its hook ran, so nothing
 * leaks. A group's lock orders its membership changes and the events to its subscribers, so every
 * subscriber sees them in the same order.
 *
 * <h2>A terminated holder</h2>
 * The runtime sets an actor's exit reason before it runs the hooks, and a watch that reaches the actor
 * after it closed its signal channel is answered at once, possibly before the hooks ran. So for an
 * instant a terminated actor may still be in the maps. Every read hides it ({@link #lookup},
 * {@link #names}, {@link #members}, {@link #groups}); {@link #register} takes its name over (the hook's
 * later removal is conditional on the old registration and leaves the new one alone); membership events
 * are not sent to it.
 */
final class LocalRegistry implements Registry {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRegistry.class);

    private record Registration(ServiceKey<?> key, ActorRef<?> ref) {}

    /** What one actor holds here; guarded by its own monitor. */
    private static final class Owner {
        final ActorRef<?> ref;
        boolean closed;
        final Set<String> names = new HashSet<>(2);
        final Set<Group> joined = new HashSet<>(2);
        final Set<Group> subscribed = new HashSet<>(2);

        Owner(ActorRef<?> ref) {
            this.ref = ref;
        }
    }

    /** One process group; mutable state guarded by its monitor, {@code members} readable by anyone. */
    private static final class Group {
        final GroupKey<?> key;
        volatile List<ActorRef<?>> members = List.of();
        final List<ActorRef<Object>> subscribers = new ArrayList<>(2);
        boolean removed;

        Group(GroupKey<?> key) {
            this.key = key;
        }
    }

    private final ActorSystem system;
    private final RuntimeAccess.Events monitoring;
    private final ConcurrentHashMap<String, Registration> names = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ActorRef<?>, Owner> owners = new ConcurrentHashMap<>();
    /** Group events queued under locks, sent by {@link #flush} after the locks are released. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Outgoing> outbox =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger outboxSenders =
            new java.util.concurrent.atomic.AtomicInteger();

    LocalRegistry(ActorSystem system) {
        this.system = Objects.requireNonNull(system, "system must not be null");
        this.monitoring = RuntimeAccess.events(system);
    }

    // ------------------------------------------------------------------ names

    @Override
    public <M> void register(ServiceKey<M> key, ActorRef<M> actor) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(actor, "actor must not be null");
        Owner owner = ownerOf(actor);
        Registration registration = new Registration(key, actor);
        synchronized (owner) {
            if (owner.closed) {
                throw new DeadActorException(actor);
            }
            for (;;) {
                Registration held = names.putIfAbsent(key.id(), registration);
                if (held == null) {
                    owner.names.add(key.id());
                    break;
                }
                if (held.ref() == actor) {
                    checkType("registered name", held.key().type(), key);
                    return; // registering again: a no-op
                }
                if (!isTerminated(held.ref())) {
                    throw new AlreadyRegisteredException(key.id(), held.ref());
                }
                if (names.replace(key.id(), held, registration)) { // its hook will not remove ours
                    owner.names.add(key.id());
                    break;
                }
            }
        }
        registered(actor, key.id()); // outside the owner's lock: a slow monitor must not hold up the registry
    }

    @Override
    public <M> ActorRef<M> spawn(ServiceKey<M> key, Supplier<? extends Actor<M>> factory, Props props) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(factory, "factory must not be null");
        Objects.requireNonNull(props, "props must not be null");
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
        for (;;) {
            Registration held = names.get(key.id());
            if (held == null) {
                return false;
            }
            checkType("registered name", held.key().type(), key);
            Owner owner = owners.get(held.ref());
            boolean removed = false;
            if (owner == null) { // the holder's hook is releasing it right now
                if (!names.remove(key.id(), held)) {
                    return false;
                }
                deregistered(held.ref(), key.id());
                return true;
            }
            synchronized (owner) {
                if (names.remove(key.id(), held)) {
                    owner.names.remove(key.id());
                    removed = true;
                }
            }
            if (removed) {
                deregistered(held.ref(), key.id());
                return true;
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M> Optional<ActorRef<M>> lookup(ServiceKey<M> key) {
        Objects.requireNonNull(key, "key must not be null");
        Registration held = names.get(key.id());
        if (held == null) {
            return Optional.empty();
        }
        if (held.key().type() != key.type()) {
            throw new KeyTypeMismatchException("registered name", key.id(), held.key().type(), key.type());
        }
        ActorRef<?> ref = held.ref();
        return isTerminated(ref) ? Optional.empty() : Optional.of((ActorRef<M>) ref);
    }

    @Override
    public Set<String> names() {
        Set<String> live = new HashSet<>();
        names.forEach((name, held) -> {
            if (!isTerminated(held.ref())) {
                live.add(name);
            }
        });
        return Set.copyOf(live);
    }

    // ------------------------------------------------------------------ groups

    @Override
    public <M> void join(GroupKey<M> key, ActorRef<M> member) {
        try {
            joinLocked(key, member);
        } finally {
            flush();
        }
    }

    private <M> void joinLocked(GroupKey<M> key, ActorRef<M> member) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(member, "member must not be null");
        Owner owner = ownerOf(member);
        synchronized (owner) {
            if (owner.closed) {
                throw new DeadActorException(member);
            }
            for (;;) {
                Group group = groupFor(key);
                synchronized (group) {
                    if (group.removed) {
                        continue; // emptied and dropped meanwhile: take the new one
                    }
                    if (group.members.contains(member)) {
                        return;
                    }
                    List<ActorRef<?>> next = new ArrayList<>(group.members.size() + 1);
                    next.addAll(group.members);
                    next.add(member);
                    group.members = List.copyOf(next);
                    owner.joined.add(group);
                    notifySubscribers(group, new GroupEvent.Joined<>(key, member));
                    return;
                }
            }
        }
    }

    @Override
    public <M> boolean leave(GroupKey<M> key, ActorRef<M> member) {
        try {
            return leaveLocked(key, member);
        } finally {
            flush();
        }
    }

    private <M> boolean leaveLocked(GroupKey<M> key, ActorRef<M> member) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(member, "member must not be null");
        Group existing = groups.get(key.id());
        if (existing != null) {
            checkType("group", existing.key.type(), key);
        }
        Owner owner = owners.get(member);
        if (owner == null || existing == null) {
            return false;
        }
        synchronized (owner) {
            Group group = groups.get(key.id());
            if (group == null || !owner.joined.remove(group)) {
                return false;
            }
            synchronized (group) {
                removeMember(group, member);
            }
            return true;
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <M> List<ActorRef<M>> members(GroupKey<M> key) {
        Objects.requireNonNull(key, "key must not be null");
        Group group = groups.get(key.id());
        if (group == null) {
            return List.of();
        }
        checkType("group", group.key.type(), key);
        List<ActorRef<?>> members = group.members;
        for (ActorRef<?> member : members) {
            if (isTerminated(member)) { // rare: its hook is about to remove it; hide it already
                return (List) members.stream().filter(m -> !isTerminated(m)).toList();
            }
        }
        return (List) members;
    }

    @Override
    public Set<String> groups() {
        Set<String> used = new HashSet<>();
        for (Group group : groups.values()) {
            synchronized (group) {
                if (group.members.stream().anyMatch(m -> !isTerminated(m))
                        || group.subscribers.stream().anyMatch(s -> !isTerminated(s))) {
                    used.add(group.key.id());
                }
            }
        }
        return Set.copyOf(used);
    }

    @Override
    public <M> void subscribe(GroupKey<M> key, ActorRef<? super GroupEvent<M>> subscriber) {
        try {
            subscribeLocked(key, subscriber);
        } finally {
            flush();
        }
    }

    @SuppressWarnings("unchecked")
    private <M> void subscribeLocked(GroupKey<M> key, ActorRef<? super GroupEvent<M>> subscriber) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        Owner owner = ownerOf(subscriber);
        ActorRef<Object> target = (ActorRef<Object>) subscriber;
        synchronized (owner) {
            if (owner.closed) {
                throw new DeadActorException(subscriber);
            }
            for (;;) {
                Group group = groupFor(key);
                synchronized (group) {
                    if (group.removed) {
                        continue;
                    }
                    if (owner.subscribed.add(group)) {
                        group.subscribers.add(target);
                    }
                    List<ActorRef<M>> members = (List<ActorRef<M>>) (List<?>) group.members;
                    deliver(target, new GroupEvent.Snapshot<>(key, members));
                    return;
                }
            }
        }
    }

    @Override
    public boolean unsubscribe(GroupKey<?> key, ActorRef<?> subscriber) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        Owner owner = owners.get(subscriber);
        if (owner == null) {
            return false;
        }
        synchronized (owner) {
            Group group = groups.get(key.id());
            if (group == null || !owner.subscribed.remove(group)) {
                return false;
            }
            synchronized (group) {
                group.subscribers.remove(subscriber);
                dropIfEmpty(group);
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ internals

    /** The group for a key, created and bound to the key's type on first use. */
    private Group groupFor(GroupKey<?> key) {
        Group group = groups.computeIfAbsent(key.id(), id -> new Group(key));
        checkType("group", group.key.type(), key);
        return group;
    }

    /** Called holding the group's lock. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void removeMember(Group group, ActorRef<?> member) {
        List<ActorRef<?>> next = new ArrayList<>(group.members);
        if (next.remove(member)) {
            group.members = List.copyOf(next);
            notifySubscribers(group, new GroupEvent.Left(group.key, member));
        }
        dropIfEmpty(group);
    }

    /** Called holding the group's lock: a group nobody uses is dropped, and its type binding with it. */
    private void dropIfEmpty(Group group) {
        if (group.members.isEmpty() && group.subscribers.isEmpty() && !group.removed) {
            group.removed = true;
            groups.remove(group.key.id(), group);
        }
    }

    /** Called holding the group's lock, so that every subscriber sees the changes in one order. */
    private void notifySubscribers(Group group, GroupEvent<?> event) {
        for (ActorRef<Object> subscriber : group.subscribers) {
            deliver(subscriber, event);
        }
    }

    /**
     * Called holding a group's lock: the event is only queued here, in the lock's order; {@link #flush}
     * sends it once the caller has released every lock, so no send happens under a lock and every
     * subscriber still sees a group's changes in one order.
     */
    private void deliver(ActorRef<Object> subscriber, GroupEvent<?> event) {
        if (isTerminated(subscriber)) {
            return; // its hook is about to end the subscription: no dead letter for that
        }
        outbox.offer(new Outgoing(subscriber, event));
    }

    /**
     * Sends the queued group events in queue order, one thread at a time (whoever finds no other sender
     * at work drains the queue); called after every operation that may queue events, with no lock held.
     */
    private void flush() {
        if (outboxSenders.getAndIncrement() != 0) {
            return; // the thread at work sends ours too
        }
        do {
            for (Outgoing out; (out = outbox.poll()) != null; ) {
                RuntimeAccess.deliver(out.to(), out.event()); // never blocks or throws; full: a dead letter
            }
        } while (outboxSenders.decrementAndGet() != 0);
    }

    private record Outgoing(ActorRef<Object> to, GroupEvent<?> event) {}

    /** The owner of an actor, created with its termination hook on first use. */
    private Owner ownerOf(ActorRef<?> actor) {
        return RuntimeAccess.ownerOf(system, owners, actor, Owner::new, this::release);
    }

    /** The termination hook: on the terminating actor's thread, before its watchers are told. */
    private void release(Owner owner) {
        try {
            releaseLocked(owner);
        } finally {
            flush();
        }
    }

    private void releaseLocked(Owner owner) {
        List<String> heldNames;
        List<Group> joined;
        List<Group> subscribed;
        synchronized (owner) {
            owner.closed = true;
            heldNames = List.copyOf(owner.names);
            joined = List.copyOf(owner.joined);
            subscribed = List.copyOf(owner.subscribed);
            owner.names.clear();
            owner.joined.clear();
            owner.subscribed.clear();
        }
        owners.remove(owner.ref, owner);
        for (String name : heldNames) {
            Registration held = names.get(name);
            // only if still ours: a successor may have taken the name over (register replaces dead holders)
            if (held != null && held.ref() == owner.ref && names.remove(name, held)) {
                deregistered(owner.ref, name);
            }
        }
        for (Group group : joined) {
            synchronized (group) {
                removeMember(group, owner.ref);
            }
        }
        for (Group group : subscribed) {
            synchronized (group) {
                group.subscribers.remove(owner.ref);
                dropIfEmpty(group);
            }
        }
    }

    private void registered(ActorRef<?> actor, String name) {
        if (monitoring.enabled()) {
            monitoring.emit(new SystemEvent.Registered(monitoring.now(), actor.path(), name));
        }
    }

    private void deregistered(ActorRef<?> actor, String name) {
        if (monitoring.enabled()) {
            monitoring.emit(new SystemEvent.Deregistered(monitoring.now(), actor.path(), name));
        }
    }

    private static boolean isTerminated(ActorRef<?> ref) {
        return RuntimeAccess.isDeadActor(ref);
    }

    private static void checkType(String what, Class<?> bound, ServiceKey<?> key) {
        if (bound != key.type()) {
            throw new KeyTypeMismatchException(what, key.id(), bound, key.type());
        }
    }

    private static void checkType(String what, Class<?> bound, GroupKey<?> key) {
        if (bound != key.type()) {
            throw new KeyTypeMismatchException(what, key.id(), bound, key.type());
        }
    }

    @Override
    public String toString() {
        return "Registry[" + system.name() + ": " + names.size() + " names, " + groups.size() + " groups]";
    }
}

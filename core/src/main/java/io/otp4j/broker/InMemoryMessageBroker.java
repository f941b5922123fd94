package io.otp4j.broker;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.DeadLetter;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.monitor.BrokerEvent;
import io.otp4j.registry.KeyTypeMismatchException;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link MessageBroker}: names resolved through the system's {@link Registry}, topics routed
 * in memory. Every actor system has one, {@code MessageBroker.of(system)}.
 *
 * <h2>Design</h2>
 * Sending by name is a registry lookup (one {@link ConcurrentHashMap} read) and an {@link ActorRef#offer}.
 * Publishing reads a cached <em>route</em> per topic name: the array of subscribers a publication reaches,
 * computed from the exact and wildcard subscriptions, and tagged with the subscription {@code version} it
 * was computed at and the publishing type it was checked against. A publication whose cached route is
 * current offers the same message object to each subscriber in the array: nothing is allocated per
 * subscriber but the mailbox's own node (and, with a time to live, the mailbox's expiry envelope).
 *
 * <h2>Threads</h2>
 * Subscription changes (subscribe, unsubscribe, a subscriber's termination) take one lock, then bump the
 * volatile {@code version}; publications take no lock on the fast path. A publication reads
 * {@code version} before it trusts a route, so one that begins after a change returned sees the change.
 * Routes are recomputed under the lock, from a consistent state.
 *
 * <h2>Clean-up</h2>
 * Each subscriber gets one termination hook ({@link RuntimeAccess#ownerOf}) the first time it subscribes; it
 * runs as the actor terminates, before its watchers are told, and removes all its subscriptions.
 */
final class InMemoryMessageBroker implements MessageBroker {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryMessageBroker.class);
    /** Routes cached for at most this many topic names; the cache is cleared beyond. */
    private static final int MAX_ROUTES = 4_096;
    @SuppressWarnings("unchecked")
    private static final ActorRef<Object>[] NO_REFS = (ActorRef<Object>[]) new ActorRef<?>[0];

    private record Subscription(TopicKey<?> topic, ActorRef<Object> subscriber) {}

    private record PatternSubscription(Subscription subscription, String[] segments) {}

    /**
     * The subscribers a publication to one topic reaches, valid while {@code version} is current, and the
     * result of a publication that every one of them took (the common case, not allocated each time).
     */
    private record Route(long version, Class<?> type, ActorRef<Object>[] subscribers, PublishResult allDelivered) {}

    /** One subscriber's subscriptions; guarded by {@link #lock}. */
    private static final class Owner {
        final ActorRef<?> ref;
        boolean closed;
        final Set<Subscription> subscriptions = new HashSet<>(4);

        Owner(ActorRef<?> ref) {
            this.ref = ref;
        }
    }

    private final ActorSystem system;
    private final RuntimeAccess.Events monitoring;
    private final Registry registry;
    private final Object lock = new Object();
    private final Map<String, List<Subscription>> exact = new HashMap<>(); // guarded by lock
    private final List<PatternSubscription> patterns = new ArrayList<>(); // guarded by lock
    private final ConcurrentHashMap<ActorRef<?>, Owner> owners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();
    private volatile long version;

    InMemoryMessageBroker(ActorSystem system, Registry registry) {
        this.system = system;
        this.registry = registry;
        this.monitoring = RuntimeAccess.events(system);
    }

    // ------------------------------------------------------------------ point to point

    @Override
    public <M> Delivery send(ServiceKey<M> name, M message, SendOptions options) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Optional<ActorRef<M>> target = registry.lookup(name);
        if (target.isEmpty()) {
            system.eventStream().publish(new DeadLetter(message,
                    Unroutable.name(system.name(), name.id(), system.eventStream()), DeadLetter.Reason.NO_SUCH_NAME));
            return Delivery.DEAD_LETTER;
        }
        return target.get().offer(message, options);
    }

    @Override
    public <M, R> CompletionStage<R> request(ServiceKey<M> name, Function<ActorRef<R>, ? extends M> request,
                                             Duration timeout, SendOptions options) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(options, "options must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + timeout);
        }
        Optional<ActorRef<M>> target = registry.lookup(name);
        if (target.isEmpty()) {
            return CompletableFuture.failedFuture(new NoSuchNameException(name));
        }
        return target.get().ask(request, timeout, options);
    }

    // ------------------------------------------------------------------ publish

    @Override
    public <M> PublishResult publish(TopicKey<M> topic, M message, SendOptions options) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Route route = route(topic);
        ActorRef<Object>[] subscribers = route.subscribers();
        if (subscribers.length == 0) {
            system.eventStream().publish(new DeadLetter(message,
                    Unroutable.topic(system.name(), topic.name(), system.eventStream()),
                    DeadLetter.Reason.NO_SUBSCRIBERS));
            return PublishResult.NO_SUBSCRIBERS;
        }
        boolean traced = monitoring.tracing();
        if (traced) {
            monitoring.emit(new BrokerEvent.Published(monitoring.now(), topicPath(topic), topic.name(),
                    subscribers.length));
        }
        int delivered = 0;
        int dropped = 0;
        int rejected = 0;
        int dead = 0;
        for (ActorRef<Object> subscriber : subscribers) {
            Delivery delivery;
            try {
                delivery = subscriber.offer(message, options);
            } catch (RuntimeException e) { // a foreign ref's failure must not cost the others their copy
                LOG.warn("publishing to {} failed for {}", topic.name(), subscriber, e);
                delivery = Delivery.REJECTED;
            }
            if (traced && delivery == Delivery.ENQUEUED) {
                monitoring.emit(new BrokerEvent.Routed(monitoring.now(), subscriber.path(), topic.name()));
            }
            switch (delivery) {
                case ENQUEUED -> delivered++;
                case DROPPED -> dropped++;
                case REJECTED -> rejected++;
                case DEAD_LETTER -> dead++;
            }
        }
        return delivered == subscribers.length ? route.allDelivered()
                : new PublishResult(subscribers.length, delivered, dropped, rejected, dead);
    }

    @Override
    public int subscriberCount(TopicKey<?> topic) {
        Objects.requireNonNull(topic, "topic must not be null");
        int live = 0;
        for (ActorRef<Object> subscriber : route(topic).subscribers()) {
            if (!RuntimeAccess.isDeadActor(subscriber)) {
                live++; // a terminated one is on its way out: its hook is about to remove it
            }
        }
        return live;
    }

    private Route route(TopicKey<?> topic) {
        Route route = routes.get(topic.name()); // only exact names are ever cached
        if (route != null && route.version() == version && route.type() == topic.type()) {
            return route;
        }
        if (topic.isPattern()) {
            throw new IllegalArgumentException("cannot publish to the pattern '" + topic.name()
                    + "'; wildcards are for subscriptions");
        }
        return resolve(topic);
    }

    @SuppressWarnings("unchecked")
    private Route resolve(TopicKey<?> topic) {
        Route route;
        synchronized (lock) {
            long current = version;
            // in subscription order (exact ones first); an actor gets each publication once, however many
            // of its subscriptions match
            Set<ActorRef<Object>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            List<ActorRef<Object>> reached = new ArrayList<>();
            for (Subscription s : exact.getOrDefault(topic.name(), List.of())) {
                if (!s.topic().type().isAssignableFrom(topic.type())) {
                    throw new KeyTypeMismatchException("topic", topic.name(), s.topic().type(), topic.type());
                }
                if (seen.add(s.subscriber())) {
                    reached.add(s.subscriber());
                }
            }
            if (!patterns.isEmpty()) {
                String[] segments = Topics.segments(topic.name());
                for (PatternSubscription p : patterns) {
                    ActorRef<Object> subscriber = p.subscription().subscriber();
                    if (Topics.matches(p.segments(), segments)
                            && p.subscription().topic().type().isAssignableFrom(topic.type())
                            && seen.add(subscriber)) {
                        reached.add(subscriber);
                    }
                }
            }
            ActorRef<Object>[] subscribers = reached.isEmpty() ? NO_REFS : reached.toArray(NO_REFS);
            int n = subscribers.length;
            route = new Route(current, topic.type(), subscribers,
                    n == 0 ? PublishResult.NO_SUBSCRIBERS : new PublishResult(n, n, 0, 0, 0));
        }
        if (routes.size() >= MAX_ROUTES) {
            routes.clear(); // many one-off topic names: keep the cache bounded
        }
        routes.put(topic.name(), route);
        return route;
    }

    // ------------------------------------------------------------------ subscriptions

    @Override
    @SuppressWarnings("unchecked")
    public <M> boolean subscribe(TopicKey<M> topic, ActorRef<? super M> subscriber) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        Owner owner = ownerOf(subscriber);
        Subscription subscription = new Subscription(topic, (ActorRef<Object>) subscriber);
        synchronized (lock) {
            if (owner.closed) {
                throw new DeadActorException(subscriber);
            }
            if (!owner.subscriptions.add(subscription)) {
                return false;
            }
            if (topic.isPattern()) {
                patterns.add(new PatternSubscription(subscription, Topics.segments(topic.name())));
            } else {
                exact.computeIfAbsent(topic.name(), n -> new ArrayList<>(2)).add(subscription);
            }
            version++; // under the lock: publications from now on recompute their route
            subscriptionChanged(true, subscriber, topic); // under the lock too, so never after its removal
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean unsubscribe(TopicKey<?> topic, ActorRef<?> subscriber) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        Owner owner = owners.get(subscriber);
        if (owner == null) {
            return false;
        }
        Subscription subscription = new Subscription(topic, (ActorRef<Object>) subscriber);
        synchronized (lock) {
            if (!owner.subscriptions.remove(subscription)) {
                return false;
            }
            remove(subscription);
            version++;
            subscriptionChanged(false, subscriber, topic);
        }
        return true;
    }

    @Override
    public int unsubscribeAll(ActorRef<?> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber must not be null");
        Owner owner = owners.get(subscriber);
        return owner == null ? 0 : removeAll(owner, false);
    }

    /** Called holding the lock. */
    private void remove(Subscription subscription) {
        if (subscription.topic().isPattern()) {
            patterns.removeIf(p -> p.subscription().equals(subscription));
        } else {
            List<Subscription> list = exact.get(subscription.topic().name());
            if (list != null && list.remove(subscription) && list.isEmpty()) {
                exact.remove(subscription.topic().name());
            }
        }
    }

    private int removeAll(Owner owner, boolean close) {
        synchronized (lock) {
            if (close) {
                owner.closed = true;
            }
            int n = owner.subscriptions.size();
            for (Subscription s : owner.subscriptions) {
                remove(s);
                subscriptionChanged(false, s.subscriber(), s.topic());
            }
            owner.subscriptions.clear();
            if (n > 0) {
                version++;
            }
            return n;
        }
    }

    /** Called holding the lock, so that a subscriber's additions and removals reach the monitor in order. */
    private void subscriptionChanged(boolean added, ActorRef<?> subscriber, TopicKey<?> topic) {
        if (monitoring.enabled()) {
            Instant now = monitoring.now();
            monitoring.emit(added ? new BrokerEvent.SubscriberAdded(now, subscriber.path(), topic.name())
                    : new BrokerEvent.SubscriberRemoved(now, subscriber.path(), topic.name()));
        }
    }

    private ActorPath topicPath(TopicKey<?> topic) {
        return ActorPath.root(system.name()).child("topics").child(topic.name());
    }

    /** The owner of a subscriber, created with its termination hook on first use. */
    private Owner ownerOf(ActorRef<?> actor) {
        return RuntimeAccess.ownerOf(system, owners, actor, Owner::new, gone -> {
            removeAll(gone, true);
            owners.remove(gone.ref, gone);
        });
    }

    @Override
    public String toString() {
        return "InMemoryMessageBroker[" + system.name() + "]";
    }
}

package io.otp4j.micrometer;

import static io.otp4j.micrometer.MeterNames.ACTORS_LIVE;
import static io.otp4j.micrometer.MeterNames.ACTORS_SPAWNED;
import static io.otp4j.micrometer.MeterNames.ACTORS_STOPPED;
import static io.otp4j.micrometer.MeterNames.CLASS;
import static io.otp4j.micrometer.MeterNames.DEAD_LETTERS;
import static io.otp4j.micrometer.MeterNames.REASON;
import static io.otp4j.micrometer.MeterNames.SYSTEM;
import static io.otp4j.micrometer.MeterNames.UNKNOWN_CLASS;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ExitReason;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one actor system, and the state that keeps them right: each live actor with the
 * {@link ActorGroup} it is counted in, and, once bound, the system whose snapshots give mailbox depths.
 *
 * <p>Actors: an actor is known from its {@code Spawned} event to its {@code Stopped} event, and joins a group
 * when its first instance has started (only then is its class known). The system's guardian ({@code /user})
 * is started but never spawned, so it is never counted. Entries are keyed by path and count how many actors
 * hold the path: the runtime frees a name just before it reports the old actor's {@code Stopped}, so an
 * actor re-spawned under the same name at once may be reported before the old one is gone.
 *
 * <p>Threads: every method may be called from any thread. Counting takes no lock: a map read or two and
 * a meter update. Creating or removing a group, binding and closing take {@link #lock}, as they register
 * or remove meters; this happens once per class, or once per actor with path tags.
 *
 * <p>States: open, then closed for good when the system shuts down. Closing removes the gauges (they would
 * report a dead system and keep it reachable) and the meters of single-actor groups; counters and timers
 * of shared groups stay, so a last scrape or push still sees the final counts.
 */
final class SystemMeters {

    private final String name;
    private final MeterRegistry registry;
    private final MonitorOptions options;
    private final Tags tags;
    private final ConcurrentHashMap<ActorPath, LiveActor> actors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ActorGroup> sharedGroups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LazyCounters<StopReason>> stops = new ConcurrentHashMap<>();
    private final LazyCounters<DeadLetter.Reason> deadLetters;
    private final Counter spawned;
    private final AtomicInteger live = new AtomicInteger();
    /** Single-actor groups in use, at most {@code options.taggedActors()}. */
    private final AtomicInteger singles = new AtomicInteger();

    private final Object lock = new Object();
    private final Set<ActorGroup> groups = new HashSet<>(); // guarded by lock: every group with gauges to manage
    private Gauge liveGauge; // guarded by lock
    private MailboxDepths depths; // guarded by lock; null until bound
    private ActorSystem boundTo; // guarded by lock
    private boolean closed; // guarded by lock

    /** An actor between its Spawned and Stopped events. */
    private static final class LiveActor {
        int holders = 1; // changed only inside the map's compute functions
        volatile ActorGroup group; // null until its first instance started
    }

    SystemMeters(String name, MeterRegistry registry, MonitorOptions options) {
        this.name = name;
        this.registry = registry;
        this.options = options;
        this.tags = Tags.of(SYSTEM, name);
        this.spawned = Counter.builder(ACTORS_SPAWNED).tags(tags).description("Actors created").register(registry);
        this.deadLetters = new LazyCounters<>(registry, DeadLetter.Reason.class, DEAD_LETTERS,
                "Messages that could not be delivered, by reason", tags, REASON);
        this.liveGauge = Gauge.builder(ACTORS_LIVE, live, AtomicInteger::get).tags(tags)
                .description("Actors spawned and not yet stopped").register(registry);
    }

    // ------------------------------------------------------------------ lifecycle events

    void spawned(ActorPath path) {
        actors.compute(path, (p, known) -> {
            if (known == null) {
                return new LiveActor();
            }
            known.holders++;
            return known;
        });
        live.incrementAndGet();
        spawned.increment();
    }

    void started(ActorPath path, Class<?> actorClass) {
        LiveActor actor = actors.get(path);
        if (actor == null) {
            return; // the guardian, or an actor of a system that has shut down
        }
        String className = ActorGroup.classTag(actorClass);
        ActorGroup current = actor.group;
        if (current != null && current.className().equals(className)) {
            return; // restarted in place with the same class: same group
        }
        actor.group = join(path, className);
        if (current != null) {
            leave(current);
        }
    }

    void stopped(ActorPath path, ExitReason reason) {
        var outcome = new Object() {
            LiveActor actor;
            boolean last;
        };
        actors.computeIfPresent(path, (p, known) -> {
            outcome.actor = known;
            outcome.last = --known.holders == 0;
            return outcome.last ? null : known;
        });
        LiveActor actor = outcome.actor;
        if (actor == null) {
            return; // the guardian
        }
        live.decrementAndGet();
        ActorGroup group = actor.group;
        String className = group == null ? UNKNOWN_CLASS : group.className();
        stops.computeIfAbsent(className, c -> new LazyCounters<>(registry, StopReason.class, ACTORS_STOPPED,
                        "Actors terminated, by reason", tags.and(CLASS, c), REASON))
                .increment(StopReason.of(reason));
        if (outcome.last && group != null) {
            leave(group);
        }
    }

    void deadLettered(DeadLetter.Reason reason) {
        deadLetters.increment(reason);
    }

    /**
     * @param path an actor's path
     * @return the group its events are counted in; the {@code unknown} class's group if it has none
     */
    ActorGroup groupOf(ActorPath path) {
        ActorGroup group = groupOrNull(path);
        return group != null ? group : shared(UNKNOWN_CLASS);
    }

    private ActorGroup groupOrNull(ActorPath path) {
        LiveActor actor = actors.get(path);
        return actor == null ? null : actor.group;
    }

    // ------------------------------------------------------------------ groups

    private ActorGroup join(ActorPath path, String className) {
        int limit = options.taggedActors();
        if (limit > 0) {
            if (singles.incrementAndGet() <= limit) {
                ActorGroup single = ActorGroup.single(registry, options, tags, className, path.toString());
                synchronized (lock) {
                    adopt(single);
                }
                return single;
            }
            singles.decrementAndGet();
        }
        return shared(className);
    }

    private ActorGroup shared(String className) {
        ActorGroup group = sharedGroups.get(className);
        if (group != null) {
            return group;
        }
        synchronized (lock) {
            return sharedGroups.computeIfAbsent(className, c -> {
                ActorGroup created = ActorGroup.shared(registry, options, tags, c, options.pathTags());
                adopt(created);
                return created;
            });
        }
    }

    /** Takes charge of a new group's gauges; under the lock. */
    private void adopt(ActorGroup group) {
        if (closed) {
            return;
        }
        groups.add(group);
        if (depths != null) {
            group.bindDepths(depths);
        }
    }

    /** An actor left a group: a single-actor group goes, with its meters; a shared one stays. */
    private void leave(ActorGroup group) {
        if (group.isSingle()) {
            synchronized (lock) {
                groups.remove(group);
                group.remove();
            }
            singles.decrementAndGet();
        }
    }

    // ------------------------------------------------------------------ binding and closing

    /**
     * Registers the mailbox-depth gauges, read from {@code system}'s snapshots.
     *
     * @throws IllegalStateException if the system has shut down, or another system of the same name is bound
     */
    void bind(ActorSystem system) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("actor system '" + name + "' has shut down");
            }
            if (boundTo == system) {
                return;
            }
            if (boundTo != null) {
                throw new IllegalStateException("another actor system named '" + name
                        + "' is already bound to this monitor; system names must be unique");
            }
            boundTo = system;
            depths = new MailboxDepths(system, this::groupOrNull, registry.config().clock(),
                    options.depthMaxAge());
            for (ActorGroup group : groups) {
                group.bindDepths(depths);
            }
        }
    }

    /** The system has shut down: removes the gauges and the single-actor groups. Idempotent. */
    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            registry.remove(liveGauge);
            liveGauge = null;
            for (ActorGroup group : groups) {
                if (group.isSingle()) {
                    group.remove();
                } else {
                    group.unbindDepths();
                }
            }
            groups.clear();
            depths = null;
            boundTo = null;
        }
        actors.clear();
    }

    @Override
    public String toString() {
        return "SystemMeters[" + name + "]";
    }
}

package io.otp4j.micrometer;

import io.micrometer.core.instrument.Clock;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorSnapshot;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Mailbox depths per {@link ActorGroup}, read from {@link ActorSystem#snapshot()} and cached.
 *
 * <p>Why a snapshot: the runtime reports messages entering and leaving mailboxes only to monitors that
 * trace every message, which costs far more than walking the tree now and then. A snapshot walks every
 * live actor, so it is taken at most once per {@code maxAge}, lazily, when a gauge is read (a scrape
 * reads every depth gauge in a row: the first read walks the tree, the others reuse the result). With no
 * scrapes, no walks. Time comes from the registry's {@link Clock}, so tests step it with a mock clock.
 *
 * <p>Threads: gauge reads may come from any thread; {@link #of} is synchronized, so concurrent scrapes
 * never walk the tree twice.
 */
final class MailboxDepths {

    /**
     * The depths of one group's actors.
     *
     * @param total messages waiting in all their mailboxes
     * @param deepest the most waiting in one mailbox
     */
    record Depth(long total, int deepest) {
        static final Depth NONE = new Depth(0, 0);
    }

    private final ActorSystem system;
    private final Function<ActorPath, ActorGroup> groupOf;
    private final Clock clock;
    private final long maxAgeNanos;
    private Map<ActorGroup, Depth> latest = Map.of(); // guarded by this
    private long takenAt; // guarded by this
    private boolean taken; // guarded by this

    /**
     * @param system the system to walk
     * @param groupOf an actor's group, or null if it has none yet
     * @param clock the registry's clock
     * @param maxAge how old a reading may be
     */
    MailboxDepths(ActorSystem system, Function<ActorPath, ActorGroup> groupOf, Clock clock, Duration maxAge) {
        this.system = system;
        this.groupOf = groupOf;
        this.clock = clock;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * @param group a group
     * @return its depths as of the last reading, taken now if that one is too old
     */
    synchronized Depth of(ActorGroup group) {
        long now = clock.monotonicTime();
        if (!taken || now - takenAt >= maxAgeNanos) {
            latest = measure();
            takenAt = now;
            taken = true;
        }
        return latest.getOrDefault(group, Depth.NONE);
    }

    private Map<ActorGroup, Depth> measure() {
        Map<ActorGroup, Depth> out = new HashMap<>();
        system.snapshot().actors().forEach((ActorSnapshot actor) -> {
            ActorGroup group = groupOf.apply(actor.path());
            if (group != null) { // not started yet: it joins a group, and the depths, once it has a class
                int depth = actor.mailboxDepth();
                out.merge(group, new Depth(depth, depth),
                        (a, b) -> new Depth(a.total() + b.total(), Math.max(a.deepest(), b.deepest())));
            }
        });
        return out;
    }
}

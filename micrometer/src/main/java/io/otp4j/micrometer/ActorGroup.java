package io.otp4j.micrometer;

import static io.otp4j.micrometer.MeterNames.ACTOR_FAILURES;
import static io.otp4j.micrometer.MeterNames.CLASS;
import static io.otp4j.micrometer.MeterNames.DECISION;
import static io.otp4j.micrometer.MeterNames.MAILBOX_DEPTH;
import static io.otp4j.micrometer.MeterNames.MAILBOX_DEPTH_MAX;
import static io.otp4j.micrometer.MeterNames.MAILBOX_EXPIRED;
import static io.otp4j.micrometer.MeterNames.MAILBOX_OVERFLOW;
import static io.otp4j.micrometer.MeterNames.MESSAGES_PROCESSED;
import static io.otp4j.micrometer.MeterNames.MESSAGE_HANDLING;
import static io.otp4j.micrometer.MeterNames.OUTCOME;
import static io.otp4j.micrometer.MeterNames.PATH;
import static io.otp4j.micrometer.MeterNames.SUPERVISOR_RESTARTS;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.otp4j.actor.ErrorAction;
import java.util.concurrent.TimeUnit;

/**
 * The per-actor meters of a group of actors that share their tags: all live actors of one class
 * ({@code class}), or, with path tags, one actor ({@code class}, {@code path}) or the actors of a class beyond
 * the limit ({@code class}, {@code path=other}). Every live actor belongs to exactly one group, so the sum
 * over a meter's series is the system's total.
 *
 * <p>Meters: the processed counter and the handling timer are registered up front (only with message
 * metrics), as they are on the per-message path; the others on their first increment. Mailbox-depth
 * gauges exist while the system is bound ({@link #bindDepths}). A group of one actor is {@linkplain #remove()
 * removed} when its actor stops; shared groups live as long as the system.
 *
 * <p>Threads: the counting methods are called from any thread; {@link #bindDepths}, {@link #unbindDepths}
 * and {@link #remove} only under the owning {@link SystemMeters}' lock.
 */
final class ActorGroup {

    private final MeterRegistry registry;
    private final String className;
    private final boolean single;
    private final Tags tags;
    private final Counter succeeded;
    private final Counter failed;
    private final Timer handling;
    private final LazyCounters<ErrorAction> failures;
    private final LazyCounters<OverflowOutcome> overflow;
    private final LazyCounter expired;
    private final LazyCounter restarts;
    private Gauge depth; // guarded by the system's lock
    private Gauge deepest; // guarded by the system's lock; only for shared groups

    private ActorGroup(MeterRegistry registry, MonitorOptions options, Tags tags, String className, boolean single) {
        this.registry = registry;
        this.className = className;
        this.single = single;
        this.tags = tags;
        if (options.messageMetrics()) {
            this.succeeded = processed(tags, "success").register(registry);
            this.failed = processed(tags, "failure").register(registry);
            this.handling = Timer.builder(MESSAGE_HANDLING).tags(tags)
                    .description("Time spent in the actor's receive, per message").register(registry);
        } else {
            this.succeeded = null;
            this.failed = null;
            this.handling = null;
        }
        this.failures = new LazyCounters<>(registry, ErrorAction.class, ACTOR_FAILURES,
                "Handler, signal handler or preStart failures, by the actor's decision", tags, DECISION);
        this.overflow = new LazyCounters<>(registry, OverflowOutcome.class, MAILBOX_OVERFLOW,
                "Messages that found a bounded mailbox full, by what its policy did", tags, OUTCOME);
        this.expired = new LazyCounter(registry, Counter.builder(MAILBOX_EXPIRED).tags(tags)
                .description("Messages whose time to live ran out before they were handled"));
        this.restarts = new LazyCounter(registry, Counter.builder(SUPERVISOR_RESTARTS).tags(tags)
                .description("Children restarted by their supervisor"));
    }

    private static Counter.Builder processed(Tags tags, String outcome) {
        return Counter.builder(MESSAGES_PROCESSED).tags(tags).tag(OUTCOME, outcome)
                .description("Messages handled; outcome=failure if the handler threw");
    }

    /**
     * @param systemTags the system's tags
     * @param className the actors' class tag
     * @param pathTags whether the system's meters carry a path tag (then this group is {@code path=other})
     * @return the group of every actor of a class that has no group of its own
     */
    static ActorGroup shared(MeterRegistry registry, MonitorOptions options, Tags systemTags, String className,
                             boolean pathTags) {
        Tags tags = systemTags.and(CLASS, className);
        if (pathTags) {
            tags = tags.and(PATH, MeterNames.OTHER_ACTORS);
        }
        return new ActorGroup(registry, options, tags, className, false);
    }

    /** @return the group of one actor, tagged with its path */
    static ActorGroup single(MeterRegistry registry, MonitorOptions options, Tags systemTags, String className,
                             String path) {
        return new ActorGroup(registry, options, systemTags.and(CLASS, className).and(PATH, path), className, true);
    }

    /**
     * @param type an actor's class
     * @return its class tag: the class name, without the per-run address of a hidden class (a lambda)
     */
    static String classTag(Class<?> type) {
        String name = type.getName();
        int slash = name.indexOf('/'); // hidden classes: Outer$$Lambda/0x000001f2c4a3b2c8
        return slash < 0 ? name : name.substring(0, slash);
    }

    String className() {
        return className;
    }

    /** @return true for the group of one actor, removed when it stops */
    boolean isSingle() {
        return single;
    }

    void processed(long nanos, boolean threw) {
        if (handling != null) {
            handling.record(nanos, TimeUnit.NANOSECONDS);
            (threw ? failed : succeeded).increment();
        }
    }

    void failed(ErrorAction decision) {
        failures.increment(decision);
    }

    void overflowed(OverflowOutcome outcome) {
        overflow.increment(outcome);
    }

    void expired() {
        expired.increment();
    }

    void restarted() {
        restarts.increment();
    }

    /** Registers the mailbox-depth gauges; called under the system's lock. */
    void bindDepths(MailboxDepths depths) {
        depth = Gauge.builder(MAILBOX_DEPTH, this, g -> depths.of(g).total()).tags(tags)
                .description("Messages waiting in the mailboxes of these actors").register(registry);
        if (!single) {
            deepest = Gauge.builder(MAILBOX_DEPTH_MAX, this, g -> depths.of(g).deepest()).tags(tags)
                    .description("The deepest single mailbox among these actors").register(registry);
        }
    }

    /** Removes the mailbox-depth gauges; called under the system's lock. */
    void unbindDepths() {
        if (depth != null) {
            registry.remove(depth);
            depth = null;
        }
        if (deepest != null) {
            registry.remove(deepest);
            deepest = null;
        }
    }

    /** Removes every meter of this group from the registry; called under the system's lock. */
    void remove() {
        unbindDepths();
        if (handling != null) {
            registry.remove(handling);
            registry.remove(succeeded);
            registry.remove(failed);
        }
        failures.remove();
        overflow.remove();
        expired.remove();
        restarts.remove();
    }

    @Override
    public String toString() {
        return "ActorGroup" + tags;
    }
}

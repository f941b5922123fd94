package io.otp4j.micrometer;

/**
 * The names and tag keys of every meter {@link MicrometerMonitor} registers, in Micrometer's dotted form;
 * each registry renders them in its own convention (Prometheus: {@code otp4j_actor_failures_total}).
 */
final class MeterNames {

    static final String ACTORS_SPAWNED = "otp4j.actors.spawned";
    static final String ACTORS_STOPPED = "otp4j.actors.stopped";
    static final String ACTORS_LIVE = "otp4j.actors.live";
    static final String ACTOR_FAILURES = "otp4j.actor.failures";
    static final String SUPERVISOR_RESTARTS = "otp4j.supervisor.restarts";
    static final String DEAD_LETTERS = "otp4j.dead.letters";
    static final String MAILBOX_OVERFLOW = "otp4j.mailbox.overflow";
    static final String MAILBOX_EXPIRED = "otp4j.mailbox.expired";
    static final String MAILBOX_DEPTH = "otp4j.mailbox.depth";
    static final String MAILBOX_DEPTH_MAX = "otp4j.mailbox.depth.max";
    static final String MESSAGES_PROCESSED = "otp4j.messages.processed";
    static final String MESSAGE_HANDLING = "otp4j.message.handling";

    /** The actor system's name; on every meter. */
    static final String SYSTEM = "system";
    /** The actor's class; on every per-actor meter. */
    static final String CLASS = "class";
    /** The actor's path, or {@link #OTHER_ACTORS}; only with {@code actorPathTags}. */
    static final String PATH = "path";
    static final String DECISION = "decision";
    static final String REASON = "reason";
    static final String OUTCOME = "outcome";

    /** The path tag shared by the actors beyond the {@code actorPathTags} limit (real paths start with /). */
    static final String OTHER_ACTORS = "other";
    /** The class tag of an actor whose first instance has not started (or failed in its preStart). */
    static final String UNKNOWN_CLASS = "unknown";

    private MeterNames() {}
}

package io.otp4j.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorSystem;
import io.otp4j.monitor.ActorEvent;
import io.otp4j.monitor.BrokerEvent;
import io.otp4j.monitor.MailboxEvent;
import io.otp4j.monitor.Monitor;
import io.otp4j.monitor.MonitorEvent;
import io.otp4j.monitor.SystemEvent;
import io.otp4j.supervisor.SupervisorEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Monitor} that turns an actor system's events into Micrometer meters, so that Prometheus,
 * Datadog, or any registry Micrometer supports can chart and alert on actors, supervisors and mailboxes.
 *
 * <pre>{@code
 * MicrometerMonitor monitor = MicrometerMonitor.create(registry);
 * try (ActorSystem system = ActorSystem.create("shop", ActorSystemSettings.defaults().with(monitor))) {
 *     monitor.bindTo(system); // mailbox-depth gauges read the system's snapshots
 *     ...
 * }
 * }</pre>
 *
 * <h2>Meters</h2>
 * Every meter is tagged {@code system}; per-actor meters also {@code class}, the actor's class name.
 * <ul>
 *   <li>{@code otp4j.actors.spawned} (counter): actors created.
 *   <li>{@code otp4j.actors.stopped} (counter; {@code class}, {@code reason}: normal, shutdown, killed,
 *       failed): actors terminated.
 *   <li>{@code otp4j.actors.live} (gauge): actors spawned and not yet stopped.
 *   <li>{@code otp4j.actor.failures} (counter; {@code decision}: resume, restart, stop, escalate): a handler,
 *       signal handler or {@code preStart} threw, and what the actor decided.
 *   <li>{@code otp4j.supervisor.restarts} (counter; the child's {@code class}): children restarted by
 *       their supervisor.
 *   <li>{@code otp4j.dead.letters} (counter; {@code reason}, e.g. recipient_terminated, mailbox_full):
 *       undeliverable messages.
 *   <li>{@code otp4j.mailbox.overflow} (counter; {@code outcome}: dropped, rejected, waited): messages that
 *       found a bounded mailbox full.
 *   <li>{@code otp4j.mailbox.expired} (counter): messages whose time to live ran out in the mailbox.
 *   <li>{@code otp4j.mailbox.depth} and {@code otp4j.mailbox.depth.max} (gauges, after
 *       {@link #bindTo}): messages waiting in the mailboxes of a class's live actors, in total and in the
 *       deepest one.
 *   <li>With {@link Builder#messageMetrics(boolean) message metrics} only: {@code otp4j.messages.processed}
 *       (counter; {@code outcome}: success, failure) and {@code otp4j.message.handling} (timer): messages
 *       handled, and the time spent in {@code receive}.
 * </ul>
 * Counters of things that may never happen (failures, overflow, restarts, dead letters) appear on their
 * first increment; a class's gauges when its first actor starts.
 *
 * <h2>Cardinality</h2>
 * Per-actor meters are tagged with the actor's class, not its path: classes are bounded by the code, paths
 * are not (anonymous workers, per-request actors). For a small, static tree,
 * {@link Builder#actorPathTags(int)} adds a {@code path} tag, for at most the given number of live actors;
 * the rest share {@code path=other}. A tagged actor's meters are removed when it stops, so dynamic actors
 * leave nothing behind either way. Actors that have not started yet are counted under
 * {@code class=unknown}.
 *
 * <h2>Threads and cost</h2>
 * {@link #onEvent} runs on the threads where things happen, many at once. It takes no lock for counting:
 * meters are created once and cached, and an event costs a map lookup or two and a meter update. Creating
 * a class's meters, and, with path tags, an actor's, takes a short lock. Mailbox depths come from
 * {@link ActorSystem#snapshot()}, which walks every live actor; it runs only when a depth gauge is read, at
 * most once per {@link Builder#mailboxDepthMaxAge(Duration) max age} (1 s by default).
 *
 * <h2>Lifecycle</h2>
 * One monitor may serve several systems with distinct names. When a system shuts down, its gauges are
 * removed; its counters and timers stay, so a last scrape or push still sees the final counts.
 */
public final class MicrometerMonitor implements Monitor {

    private final MeterRegistry registry;
    private final MonitorOptions options;
    private final ConcurrentHashMap<String, SystemMeters> systems = new ConcurrentHashMap<>();

    private MicrometerMonitor(MeterRegistry registry, MonitorOptions options) {
        this.registry = registry;
        this.options = options;
    }

    /**
     * @param registry where to register the meters
     * @return a monitor with the defaults: no message metrics, class tags only, depths at most 1 s old
     */
    public static MicrometerMonitor create(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * @param registry where to register the meters
     * @return a builder for a monitor with other options
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Registers the gauges that need the system itself: mailbox depths, read from its snapshots. Call it
     * once the system is created; without it, every meter but the mailbox-depth gauges is there.
     *
     * @param system a system created with this monitor in its settings
     * @throws IllegalArgumentException if the system does not report to this monitor
     * @throws IllegalStateException if it has shut down, or another running system of the same name is bound
     */
    public void bindTo(ActorSystem system) {
        Objects.requireNonNull(system, "system");
        SystemMeters meters = systems.get(system.name());
        if (meters == null) {
            throw new IllegalArgumentException("actor system '" + system.name() + "' does not report to this "
                    + "monitor: create it with ActorSystemSettings.defaults().with(monitor)");
        }
        meters.bind(system);
    }

    @Override
    public void onEvent(MonitorEvent event) {
        ActorPath path = event.path();
        if (path == null) {
            return; // a dead letter without a recipient: no system to count it in
        }
        if (event instanceof SystemEvent.Started started) {
            restarted(started.systemName());
            return;
        }
        SystemMeters system = meters(path.system());
        switch (event) {
            case ActorEvent.Spawned e -> system.spawned(e.path());
            case ActorEvent.Started e -> system.started(e.path(), e.actorClass());
            case ActorEvent.Stopped e -> system.stopped(e.path(), e.reason());
            case ActorEvent.Failed e -> system.groupOf(e.path()).failed(e.decision());
            case ActorEvent.MessageProcessed e -> system.groupOf(e.path()).processed(e.handlingNanos(), e.failed());
            case ActorEvent.MessageReceived e -> { }
            case SupervisorEvent.ChildStarted e when e.restart() -> system.groupOf(e.child().path()).restarted();
            case SupervisorEvent e -> { }
            case MailboxEvent.Dropped e -> system.groupOf(e.path()).overflowed(OverflowOutcome.DROPPED);
            case MailboxEvent.BackpressureApplied e -> system.groupOf(e.path()).overflowed(OverflowOutcome.of(e));
            case MailboxEvent.Expired e -> system.groupOf(e.path()).expired();
            case MailboxEvent e -> { } // enqueued, dequeued
            case BrokerEvent.DeadLettered e -> system.deadLettered(e.reason());
            case BrokerEvent e -> { }
            case SystemEvent.Shutdown e -> system.close();
            case SystemEvent e -> { } // registrations
            default -> { } // MonitorEvent is open: a family added later is not counted
        }
    }

    private SystemMeters meters(String system) {
        SystemMeters meters = systems.get(system);
        return meters != null ? meters : systems.computeIfAbsent(system, n -> new SystemMeters(n, registry, options));
    }

    /** A system starts: a fresh state, replacing that of an earlier system of the same name, if any. */
    private void restarted(String system) {
        systems.compute(system, (name, earlier) -> {
            if (earlier != null) {
                earlier.close(); // first, so that the new system's gauges are registered anew, not found
            }
            return new SystemMeters(name, registry, options);
        });
    }

    /** @return true if message metrics are on: the runtime then reports every message */
    @Override
    public boolean tracesMessages() {
        return options.messageMetrics();
    }

    @Override
    public String toString() {
        return "MicrometerMonitor[messageMetrics=" + options.messageMetrics() + ", actorPathTags="
                + options.taggedActors() + ", mailboxDepthMaxAge=" + options.depthMaxAge() + "]";
    }

    /**
     * Options for a {@link MicrometerMonitor}; not thread-safe, build it on one thread.
     */
    public static final class Builder {

        private final MeterRegistry registry;
        private boolean messageMetrics;
        private int taggedActors;
        private Duration depthMaxAge = Duration.ofSeconds(1);

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Counts every message handled and times its handling ({@code otp4j.messages.processed},
         * {@code otp4j.message.handling}). Off by default, because of the cost: the runtime then builds
         * several events per message (enqueued, dequeued, received, processed, each with a timestamp) for
         * every actor, and this monitor updates a counter and a timer for each, which multiplies the
         * runtime's own cost of a message several times over. Turn it on where handling times matter more
         * than throughput, or for a while to find a slow actor.
         *
         * @param enabled true to count and time every message
         * @return this builder
         */
        public Builder messageMetrics(boolean enabled) {
            this.messageMetrics = enabled;
            return this;
        }

        /**
         * Adds a {@code path} tag to the per-actor meters, for a small, static tree where each actor
         * matters on its own. The first {@code maxActors} live actors get series of their own, removed when
         * they stop; the others share {@code path=other}, per class. Sums across a meter's series stay
         * right either way. Default 0: no path tag at all.
         *
         * @param maxActors how many live actors at most get their own series; 0 for none
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder actorPathTags(int maxActors) {
            if (maxActors < 0) {
                throw new IllegalArgumentException("maxActors must not be negative: " + maxActors);
            }
            this.taggedActors = maxActors;
            return this;
        }

        /**
         * How old a mailbox-depth reading may be before a gauge read takes a new snapshot of the system.
         *
         * @param maxAge the age; default 1 s, zero for a snapshot per gauge read
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder mailboxDepthMaxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
            }
            this.depthMaxAge = maxAge;
            return this;
        }

        /** @return the monitor; install it with {@code ActorSystemSettings.with(monitor)} */
        public MicrometerMonitor build() {
            return new MicrometerMonitor(registry, new MonitorOptions(messageMetrics, taggedActors, depthMaxAge));
        }
    }
}

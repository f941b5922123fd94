package io.otp4j.monitor;

/**
 * Every kind of {@link MonitorEvent}, one constant per record, with its family and usual severity. Useful
 * as a counter key ({@link InMemoryMonitor}) or a metric tag.
 */
public enum EventKind {
    /** {@link ActorEvent.Spawned}. */
    ACTOR_SPAWNED(EventFamily.ACTOR, Severity.DEBUG, false),
    /** {@link ActorEvent.Started}. */
    ACTOR_STARTED(EventFamily.ACTOR, Severity.INFO, false),
    /** {@link ActorEvent.MessageReceived}. */
    ACTOR_MESSAGE_RECEIVED(EventFamily.ACTOR, Severity.TRACE, true),
    /** {@link ActorEvent.MessageProcessed}. */
    ACTOR_MESSAGE_PROCESSED(EventFamily.ACTOR, Severity.TRACE, true),
    /** {@link ActorEvent.Failed}. */
    ACTOR_FAILED(EventFamily.ACTOR, Severity.ERROR, false),
    /** {@link ActorEvent.Stopped}. */
    ACTOR_STOPPED(EventFamily.ACTOR, Severity.INFO, false),

    /** {@link io.otp4j.supervisor.SupervisorEvent.ChildStarted}. */
    SUPERVISOR_CHILD_STARTED(EventFamily.SUPERVISOR, Severity.INFO, false),
    /**
     * {@link io.otp4j.supervisor.SupervisorEvent.ChildTerminated}, or
     * {@link io.otp4j.supervisor.SupervisorEvent.ChildExited} normally.
     */
    SUPERVISOR_CHILD_STOPPED(EventFamily.SUPERVISOR, Severity.INFO, false),
    /**
     * {@link io.otp4j.supervisor.SupervisorEvent.ChildStartFailed}, or
     * {@link io.otp4j.supervisor.SupervisorEvent.ChildExited} abnormally.
     */
    SUPERVISOR_CHILD_FAILED(EventFamily.SUPERVISOR, Severity.ERROR, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.ChildStarted} with {@code restart}. */
    SUPERVISOR_CHILD_RESTARTED(EventFamily.SUPERVISOR, Severity.WARN, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.StrategyApplied}. */
    SUPERVISOR_STRATEGY_APPLIED(EventFamily.SUPERVISOR, Severity.INFO, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.IntensityExceeded}. */
    SUPERVISOR_INTENSITY_EXCEEDED(EventFamily.SUPERVISOR, Severity.CRITICAL, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.Escalated}. */
    SUPERVISOR_ESCALATED(EventFamily.SUPERVISOR, Severity.ERROR, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.BackoffScheduled}. */
    SUPERVISOR_BACKOFF(EventFamily.SUPERVISOR, Severity.WARN, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.ConfigurationChanged}. */
    SUPERVISOR_CONFIGURATION_CHANGED(EventFamily.SUPERVISOR, Severity.INFO, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.HealthChanged}; degraded is WARN, failed ERROR. */
    SUPERVISOR_CHILD_HEALTH_CHANGED(EventFamily.SUPERVISOR, Severity.INFO, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.HealthCheckFailed}. */
    SUPERVISOR_HEALTH_CHECK_FAILED(EventFamily.SUPERVISOR, Severity.ERROR, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.AutoShutdownTriggered}. */
    SUPERVISOR_AUTO_SHUTDOWN(EventFamily.SUPERVISOR, Severity.INFO, false),
    /** {@link io.otp4j.supervisor.SupervisorEvent.RootTerminated}. */
    SUPERVISOR_ROOT_TERMINATED(EventFamily.SUPERVISOR, Severity.INFO, false),

    /** {@link MailboxEvent.Enqueued}. */
    MAILBOX_ENQUEUED(EventFamily.MAILBOX, Severity.TRACE, true),
    /** {@link MailboxEvent.Dequeued}. */
    MAILBOX_DEQUEUED(EventFamily.MAILBOX, Severity.TRACE, true),
    /** {@link MailboxEvent.BackpressureApplied}. */
    MAILBOX_BACKPRESSURE(EventFamily.MAILBOX, Severity.WARN, false),
    /** {@link MailboxEvent.Dropped}. */
    MAILBOX_DROPPED(EventFamily.MAILBOX, Severity.WARN, false),
    /** {@link MailboxEvent.Expired}. */
    MAILBOX_EXPIRED(EventFamily.MAILBOX, Severity.WARN, false),
    /** {@link MailboxEvent.PriorityNotHonoured}. */
    MAILBOX_PRIORITY_NOT_HONOURED(EventFamily.MAILBOX, Severity.WARN, false),
    /** {@link MailboxEvent.CapacityReached}. */
    MAILBOX_CAPACITY_REACHED(EventFamily.MAILBOX, Severity.WARN, false),

    /** {@link BrokerEvent.Published}. */
    BROKER_PUBLISHED(EventFamily.BROKER, Severity.TRACE, true),
    /** {@link BrokerEvent.Routed}. */
    BROKER_ROUTED(EventFamily.BROKER, Severity.TRACE, true),
    /** {@link BrokerEvent.SubscriberAdded}. */
    BROKER_SUBSCRIBER_ADDED(EventFamily.BROKER, Severity.DEBUG, false),
    /** {@link BrokerEvent.SubscriberRemoved}. */
    BROKER_SUBSCRIBER_REMOVED(EventFamily.BROKER, Severity.DEBUG, false),
    /** {@link BrokerEvent.DeadLettered}. */
    BROKER_DEAD_LETTER(EventFamily.BROKER, Severity.WARN, false),

    /** {@link SystemEvent.Started}. */
    SYSTEM_STARTED(EventFamily.SYSTEM, Severity.INFO, false),
    /** {@link SystemEvent.Shutdown}. */
    SYSTEM_SHUTDOWN(EventFamily.SYSTEM, Severity.INFO, false),
    /** {@link SystemEvent.Registered}. */
    SYSTEM_REGISTERED(EventFamily.SYSTEM, Severity.DEBUG, false),
    /** {@link SystemEvent.Deregistered}. */
    SYSTEM_DEREGISTERED(EventFamily.SYSTEM, Severity.DEBUG, false),
    /** {@link SystemEvent.ActorLimitReached}. */
    SYSTEM_ACTOR_LIMIT_REACHED(EventFamily.SYSTEM, Severity.CRITICAL, false);

    private final EventFamily family;
    private final Severity severity;
    private final boolean perMessage;

    EventKind(EventFamily family, Severity severity, boolean perMessage) {
        this.family = family;
        this.severity = severity;
        this.perMessage = perMessage;
    }

    /** @return the family this kind belongs to */
    public EventFamily family() {
        return family;
    }

    /** @return the usual severity; a few events raise it (an abnormal stop is WARN, not INFO) */
    public Severity severity() {
        return severity;
    }

    /**
     * @return true for the kinds emitted once per message, which the runtime builds only for a monitor that
     *     {@linkplain Monitor#tracesMessages() traces messages}
     */
    public boolean isPerMessage() {
        return perMessage;
    }
}

package io.otp4j.monitor;

/** The five groups of {@link MonitorEvent}s, one sealed interface each. */
public enum EventFamily {
    /** {@link ActorEvent}: lifecycle and message handling of one actor. */
    ACTOR,
    /** {@link io.otp4j.supervisor.SupervisorEvent}: a supervisor's children and decisions. */
    SUPERVISOR,
    /** {@link MailboxEvent}: messages entering and leaving a mailbox, and overflow. */
    MAILBOX,
    /** {@link BrokerEvent}: topics, subscriptions and dead letters. */
    BROKER,
    /** {@link SystemEvent}: the actor system and its registry. */
    SYSTEM
}

package io.otp4j.monitor;

import io.otp4j.actor.ActorPath;
import java.time.Instant;

/**
 * Something that happened in a running system, as a {@link Monitor} sees it. Sealed: a {@code switch} over
 * the five families, or over their records, is checked for completeness by the compiler.
 */
public sealed interface MonitorEvent permits ActorEvent, SupervisionEvent, MailboxEvent, BrokerEvent, SystemEvent {

    /** @return when it happened (wall clock) */
    Instant timestamp();

    /**
     * @return what it is about: the actor, the supervisor, the mailbox's owner, the topic
     *     ({@code /topics/<name>}) or the system root ({@code /})
     */
    ActorPath path();

    /** @return the kind of event */
    EventKind kind();

    /** @return how much it matters; the kind's usual severity unless the record says otherwise */
    default Severity severity() {
        return kind().severity();
    }
}

package io.otp4j.monitor;

import io.otp4j.actor.ActorPath;
import java.time.Instant;

/**
 * Something that happened in a running system, as a {@link Monitor} sees it. Five families, one sealed
 * interface each: {@link ActorEvent}, {@link MailboxEvent}, {@link BrokerEvent}, {@link SystemEvent} here, and
 * {@code io.otp4j.supervisor.SupervisorEvent} beside the supervisors that emit it (this package sits below
 * the supervisor package, so it cannot name that family in a {@code permits} clause). Switch over
 * {@code kind().family()} to tell them apart, then over the family's records, which the compiler checks
 * for completeness.
 */
public interface MonitorEvent {

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

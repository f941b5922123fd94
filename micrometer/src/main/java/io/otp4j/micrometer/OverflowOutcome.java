package io.otp4j.micrometer;

import io.otp4j.mailbox.Delivery;
import io.otp4j.monitor.MailboxEvent;

/** What a full bounded mailbox did with a message: the {@code outcome} tag of {@code otp4j.mailbox.overflow}. */
enum OverflowOutcome {
    /** {@code DROP} policy: the message became a dead letter. */
    DROPPED,
    /** {@code REJECT} policy, or {@code BLOCK} past its timeout: the sender was refused. */
    REJECTED,
    /** {@code BLOCK} policy: the sender waited for space and got in. */
    WAITED;

    static OverflowOutcome of(MailboxEvent.BackpressureApplied event) {
        return event.outcome() == Delivery.ENQUEUED ? WAITED : REJECTED;
    }
}

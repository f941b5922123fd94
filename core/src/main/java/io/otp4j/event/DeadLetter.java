package io.otp4j.event;

import io.otp4j.actor.ActorRef;

/**
 * A message that could not be delivered, with why; published on the {@link EventStream}.
 *
 * @param message the undelivered message
 * @param recipient the actor it was for
 * @param reason why it was not delivered
 */
public record DeadLetter(Object message, ActorRef<?> recipient, Reason reason) {

    /** Why a message became a dead letter. */
    public enum Reason {
        /** The recipient had terminated, or terminated with the message still in its mailbox. */
        RECIPIENT_TERMINATED,
        /** A bounded mailbox was full under the DROP policy. */
        MAILBOX_FULL,
        /** The message's time to live passed before its turn came. */
        EXPIRED,
        /** A reply arrived after its ask had timed out or been answered. */
        LATE_REPLY
    }
}

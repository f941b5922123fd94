package io.otp4j.actor;

import java.util.Objects;

/**
 * A message that could not be delivered, with why; published on the {@link EventStream}.
 *
 * @param message the undelivered message
 * @param recipient the actor it was for; for a name or topic that had no actor, a placeholder ref whose
 *     path names it ({@code /names/<id>}, {@code /topics/<topic>}), and for a router without routees the
 *     router
 * @param reason why it was not delivered
 */
public record DeadLetter(Object message, ActorRef<?> recipient, Reason reason) {

    /**
     * Validates the fields: a dead letter always has a message, a recipient and a reason.
     *
     * @throws NullPointerException naming the missing field
     */
    public DeadLetter {
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(recipient, "recipient must not be null (a placeholder ref names a destination "
                + "without an actor)");
        Objects.requireNonNull(reason, "reason must not be null");
    }

    /** Why a message became a dead letter. */
    public enum Reason {
        /** The recipient had terminated, or terminated with the message still in its mailbox. */
        RECIPIENT_TERMINATED,
        /**
         * A bounded mailbox was full under the DROP policy; or a router, or the registry sending a group
         * event, found it full under REJECT (or BLOCK past its timeout) and had no sender to tell.
         */
        MAILBOX_FULL,
        /** The message's time to live passed before its turn came. */
        EXPIRED,
        /** A reply arrived after its ask had timed out or been answered. */
        LATE_REPLY,
        /** Sent through the broker to a name that no live actor holds. */
        NO_SUCH_NAME,
        /** Published through the broker to a topic that no subscription matched. */
        NO_SUBSCRIBERS,
        /** Sent to a router that had no routees at the time. */
        NO_ROUTEES,
        /** Waiting in a supervised child's mailbox when it was restarted with {@code keepMailbox} false. */
        DISCARDED_ON_RESTART
    }
}

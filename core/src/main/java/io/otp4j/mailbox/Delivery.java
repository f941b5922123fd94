package io.otp4j.mailbox;

/** What a mailbox did with an offered message ({@link io.otp4j.actor.ActorRef#offer}). */
public enum Delivery {
    /** Accepted into the mailbox; it will be handled unless the actor stops or the message expires first. */
    ENQUEUED,
    /** The mailbox was full under {@link Overflow#DROP}; the message went to dead letters. */
    DROPPED,
    /** The mailbox was full under {@link Overflow#REJECT} (or {@code BLOCK} timed out); the message was not taken. */
    REJECTED,
    /** The actor is terminated; the message went to dead letters. */
    DEAD_LETTER;

    /** @return true if the message was accepted by the mailbox */
    public boolean isEnqueued() {
        return this == ENQUEUED;
    }
}

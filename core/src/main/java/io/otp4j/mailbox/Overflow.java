package io.otp4j.mailbox;

/** What a bounded mailbox does with a message that arrives when it is full (backpressure policy). */
public enum Overflow {
    /**
     * The sender waits for space, up to the mailbox's block timeout, then gets a
     * {@link MailboxFullException}. A sender on a dispatcher thread waits through
     * {@link java.util.concurrent.ForkJoinPool#managedBlock}, so the pool adds a thread and never deadlocks;
     * an actor telling its own full mailbox is refused at once, since it alone could make space.
     */
    BLOCK,
    /** The message goes to dead letters (reason {@code MAILBOX_FULL}) and is counted; the sender goes on. */
    DROP,
    /** The sender gets a {@link MailboxFullException} ({@code tell}) or {@link Delivery#REJECTED} ({@code offer}). */
    REJECT
}

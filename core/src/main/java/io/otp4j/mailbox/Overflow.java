package io.otp4j.mailbox;

/** What a bounded mailbox does with a message that arrives when it is full (backpressure policy). */
public enum Overflow {
    /**
     * The sender waits for space, up to the mailbox's block timeout, then gets a
     * {@link MailboxFullException} carrying the message ({@code tell}) or {@link Delivery#REJECTED}
     * ({@code offer}, which never throws). An actor on the default dispatcher that waits here runs the full
     * mailbox's actor itself whenever that actor is waiting for a thread, so any number of blocked senders
     * cannot starve the one actor that would make space; on virtual threads a waiting sender holds only its
     * virtual thread. An actor telling its own full mailbox is refused at once, since it alone could make
     * space. The runtime's own messages (events, replies of supervisors) never wait here: a full mailbox
     * makes them dead letters.
     */
    BLOCK,
    /** The message goes to dead letters (reason {@code MAILBOX_FULL}) and is counted; the sender goes on. */
    DROP,
    /** The sender gets a {@link MailboxFullException} ({@code tell}) or {@link Delivery#REJECTED} ({@code offer}). */
    REJECT
}

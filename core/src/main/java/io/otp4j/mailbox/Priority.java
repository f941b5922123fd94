package io.otp4j.mailbox;

/**
 * A message's priority: {@code CRITICAL}, {@code HIGH}, {@code NORMAL} (the default) or {@code LOW}, in
 * delivery order. A message type can declare its own ({@link Prioritized}); a send can override it
 * ({@link SendOptions#priority(Priority)}).
 *
 * <p>A mailbox that honours priorities delivers every waiting {@code CRITICAL} message before any
 * {@code HIGH}, those before any {@code NORMAL}, and those before any {@code LOW}; within one priority,
 * order is FIFO per sender. The default unbounded mailbox and {@link MailboxConfig#priority()} mailboxes
 * honour them. A bounded FIFO mailbox ({@link MailboxConfig#bounded}) keeps arrival order whatever the
 * priority; a send whose priority it cannot honour is counted and reported once per actor (see
 * {@link MailboxConfig}).
 */
public enum Priority {
    /** Delivered before everything else waiting: shutdown orders, alarms, health checks. */
    CRITICAL,
    /** Delivered before {@code NORMAL} and {@code LOW} messages. */
    HIGH,
    /** The default. */
    NORMAL,
    /** Delivered when nothing of higher priority waits. */
    LOW
}

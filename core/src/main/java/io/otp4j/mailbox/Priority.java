package io.otp4j.mailbox;

/**
 * A message's priority. Only a priority mailbox ({@link MailboxConfig#priority()}) honours it: it
 * delivers every waiting {@code HIGH} message before any {@code NORMAL}, and those before any {@code LOW};
 * within one priority, order is FIFO per sender. Other mailboxes ignore it.
 */
public enum Priority {
    /** Delivered before everything else waiting. */
    HIGH,
    /** The default. */
    NORMAL,
    /** Delivered when nothing of higher priority waits. */
    LOW
}

package io.otp4j.mailbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Which mailbox an actor gets: unbounded (the default) or bounded with an {@link Overflow} policy, FIFO or
 * by {@link Priority}. Immutable; build with the static factories.
 *
 * <p>Whatever the configuration, system signals (stop, watch, link, terminated) travel on a separate,
 * unbounded channel that is drained before user messages: they never wait behind user messages and are
 * never dropped.
 *
 * @param capacity the most user messages the mailbox holds, or {@link Integer#MAX_VALUE} when unbounded
 * @param overflow what happens when it is full
 * @param blockTimeout how long {@link Overflow#BLOCK} waits for space
 * @param prioritized whether messages are delivered by {@link Priority}
 */
public record MailboxConfig(int capacity, Overflow overflow, Duration blockTimeout, boolean prioritized) {

    private static final Duration DEFAULT_BLOCK = Duration.ofSeconds(5);
    private static final MailboxConfig UNBOUNDED =
            new MailboxConfig(Integer.MAX_VALUE, Overflow.REJECT, DEFAULT_BLOCK, false);

    /** Validates the fields. */
    public MailboxConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("mailbox capacity must be at least 1: " + capacity);
        }
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        if (blockTimeout.isNegative()) {
            throw new IllegalArgumentException("blockTimeout must not be negative: " + blockTimeout);
        }
    }

    /** @return an unbounded FIFO mailbox: the default */
    public static MailboxConfig unbounded() {
        return UNBOUNDED;
    }

    /**
     * @param capacity the most messages held; at least 1
     * @param overflow what happens when full
     * @return a bounded FIFO mailbox (BLOCK waits up to 5 s; see {@link #withBlockTimeout})
     */
    public static MailboxConfig bounded(int capacity, Overflow overflow) {
        return new MailboxConfig(capacity, overflow, DEFAULT_BLOCK, false);
    }

    /** @return an unbounded mailbox that delivers by {@link Priority} */
    public static MailboxConfig priority() {
        return new MailboxConfig(Integer.MAX_VALUE, Overflow.REJECT, DEFAULT_BLOCK, true);
    }

    /**
     * @param capacity the most messages held; at least 1
     * @param overflow what happens when full
     * @return a bounded mailbox that delivers by {@link Priority}
     */
    public static MailboxConfig priority(int capacity, Overflow overflow) {
        return new MailboxConfig(capacity, overflow, DEFAULT_BLOCK, true);
    }

    /**
     * @param timeout how long a {@link Overflow#BLOCK} sender waits for space
     * @return a copy with that timeout
     */
    public MailboxConfig withBlockTimeout(Duration timeout) {
        return new MailboxConfig(capacity, overflow, timeout, prioritized);
    }

    /** @return true unless the capacity is unlimited */
    public boolean isBounded() {
        return capacity != Integer.MAX_VALUE;
    }
}

package io.otp4j.mailbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Which mailbox an actor gets: unbounded (the default) or bounded with an {@link Overflow} policy, FIFO or
 * by {@link Priority}. Immutable; build with the static factories.
 *
 * <h2>Priorities</h2>
 * A send's priority is the one its {@link SendOptions} set, else the one its message declares
 * ({@link Prioritized}), else {@code NORMAL}. Which mailboxes honour it:
 * <ul>
 *   <li>{@link #unbounded()} (the default): yes. It is FIFO until the first message of another priority
 *       than {@code NORMAL} arrives; from then on it delivers by priority, the messages already waiting
 *       counting as {@code NORMAL}. An actor that never receives another priority pays nothing for it.</li>
 *   <li>{@link #priority()} and {@link #priority(int, Overflow)}: yes, from the start.</li>
 *   <li>{@link #bounded(int, Overflow)}: no. It keeps arrival order whatever the priority, to keep its
 *       capacity exact and cheap. Such a send is not refused: it is delivered in arrival order, counted
 *       ({@code ActorSnapshot.unhonouredPriorities()}), and the first one per actor is reported to the
 *       monitor ({@code MailboxEvent.PriorityNotHonoured}). Choose {@link #priority(int, Overflow)} for a
 *       bound and priorities.</li>
 * </ul>
 *
 * <h2>Expiry</h2>
 * A message with a time to live ({@link SendOptions#ttl}) that is still waiting when it expires is not
 * delivered ({@code EXPIRED} dead letter). A bounded mailbox that is full drops its expired messages first,
 * then applies its overflow policy only if it is still full.
 *
 * <p>Whatever the configuration, system signals (stop, watch, link, terminated) travel on a separate,
 * unbounded channel that is drained before user messages: they never wait behind user messages and are
 * never dropped.
 *
 * <p>Equal when capacity, overflow policy, block timeout and ordering are.
 */
public final class MailboxConfig {

    private static final Duration DEFAULT_BLOCK = Duration.ofSeconds(5);
    private static final MailboxConfig UNBOUNDED =
            new MailboxConfig(Integer.MAX_VALUE, Overflow.REJECT, DEFAULT_BLOCK, false);

    private final int capacity;
    private final Overflow overflow;
    private final Duration blockTimeout;
    private final boolean prioritized;

    /** Validates the fields; the factories and {@link #withBlockTimeout} make configurations. */
    private MailboxConfig(int capacity, Overflow overflow, Duration blockTimeout, boolean prioritized) {
        Objects.requireNonNull(overflow, "overflow must not be null");
        Objects.requireNonNull(blockTimeout, "blockTimeout must not be null");
        if (blockTimeout.isNegative()) {
            throw new IllegalArgumentException("blockTimeout must not be negative: " + blockTimeout);
        }
        this.capacity = capacity;
        this.overflow = overflow;
        this.blockTimeout = blockTimeout;
        this.prioritized = prioritized;
    }

    /** @return the most user messages the mailbox holds, or {@link Integer#MAX_VALUE} when unbounded */
    public int capacity() {
        return capacity;
    }

    /** @return what happens when it is full */
    public Overflow overflow() {
        return overflow;
    }

    /** @return how long {@link Overflow#BLOCK} waits for space */
    public Duration blockTimeout() {
        return blockTimeout;
    }

    /**
     * @return whether messages are delivered by {@link Priority} from the start (the default unbounded mailbox
     *     also does, from its first message of another priority than {@code NORMAL})
     */
    public boolean prioritized() {
        return prioritized;
    }

    /**
     * @return an unbounded mailbox: the default; FIFO until a message of another priority than
     *     {@code NORMAL} arrives, by priority from then on
     */
    public static MailboxConfig unbounded() {
        return UNBOUNDED;
    }

    /**
     * A bounded FIFO mailbox: arrival order whatever the priority (see the class comment). Its memory
     * follows its content: it grows and shrinks with the messages held, so a large limit costs nothing
     * until it is used.
     *
     * @param capacity the most messages held; from 1 to {@value #MAX_BOUNDED_CAPACITY}
     * @param overflow what happens when full
     * @return a bounded FIFO mailbox (BLOCK waits up to 5 s; see {@link #withBlockTimeout})
     * @throws IllegalArgumentException if the capacity is out of range ({@code Integer.MAX_VALUE} means
     *     unbounded: use {@link #unbounded()})
     */
    public static MailboxConfig bounded(int capacity, Overflow overflow) {
        return new MailboxConfig(checkBounded(capacity), overflow, DEFAULT_BLOCK, false);
    }

    /** The largest capacity of a bounded mailbox; {@code Integer.MAX_VALUE} stands for unbounded. */
    public static final int MAX_BOUNDED_CAPACITY = Integer.MAX_VALUE - 1;

    private static int checkBounded(int capacity) {
        if (capacity < 1 || capacity > MAX_BOUNDED_CAPACITY) {
            throw new IllegalArgumentException("a bounded mailbox's capacity must be from 1 to "
                    + MAX_BOUNDED_CAPACITY + ": " + capacity
                    + (capacity == Integer.MAX_VALUE ? " (for no limit, use MailboxConfig.unbounded())" : ""));
        }
        return capacity;
    }

    /** @return an unbounded mailbox that delivers by {@link Priority} from the start */
    public static MailboxConfig priority() {
        return new MailboxConfig(Integer.MAX_VALUE, Overflow.REJECT, DEFAULT_BLOCK, true);
    }

    /**
     * A bounded mailbox that delivers by {@link Priority}; its memory follows its content, whatever the
     * capacity.
     *
     * @param capacity the most messages held; from 1 to {@value #MAX_BOUNDED_CAPACITY}
     * @param overflow what happens when full
     * @return a bounded mailbox that delivers by {@link Priority}
     * @throws IllegalArgumentException if the capacity is out of range ({@code Integer.MAX_VALUE} means
     *     unbounded: use {@link #priority()})
     */
    public static MailboxConfig priority(int capacity, Overflow overflow) {
        return new MailboxConfig(checkBounded(capacity), overflow, DEFAULT_BLOCK, true);
    }

    /**
     * @param timeout how long a {@link Overflow#BLOCK} sender waits for space
     * @return a copy with that timeout
     */
    public MailboxConfig withBlockTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "blockTimeout must not be null");
        return new MailboxConfig(capacity, overflow, timeout, prioritized);
    }

    /** @return true unless the capacity is unlimited */
    public boolean isBounded() {
        return capacity != Integer.MAX_VALUE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailboxConfig m && capacity == m.capacity && overflow == m.overflow
                && blockTimeout.equals(m.blockTimeout) && prioritized == m.prioritized;
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, overflow, blockTimeout, prioritized);
    }

    @Override
    public String toString() {
        return isBounded()
                ? "MailboxConfig[" + (prioritized ? "priority" : "bounded") + ", capacity=" + capacity
                        + ", overflow=" + overflow + (overflow == Overflow.BLOCK ? ", blockTimeout=" + blockTimeout : "")
                        + "]"
                : "MailboxConfig[" + (prioritized ? "priority" : "unbounded") + "]";
    }
}

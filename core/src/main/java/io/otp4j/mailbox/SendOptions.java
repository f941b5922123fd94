package io.otp4j.mailbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-message delivery options: priority and time to live. Immutable.
 *
 * <pre>{@code ref.tell(msg, SendOptions.priority(Priority.HIGH).withTtl(Duration.ofMillis(500)));}</pre>
 *
 * <p>Priority: a priority set here overrides the one the message declares ({@link Prioritized}); with none
 * set, the declared priority applies, else {@link Priority#NORMAL}. Which mailboxes honour it is described
 * on {@link MailboxConfig}.
 *
 * <p>Time to live: an expired message is not delivered: when its turn comes after its deadline it goes to
 * dead letters with reason {@code EXPIRED}, and a full bounded mailbox drops its expired messages before it
 * applies its overflow policy. The deadline is taken from the system's clock when the message is sent.
 *
 * <p>Nulls: no factory or {@code with} argument may be null ({@link NullPointerException} naming it, at the
 * call); an option that is not set is an empty {@link Optional}. Equal when the priority and the time to
 * live are.
 */
public final class SendOptions {

    /** No option set: the message's declared priority (else {@code NORMAL}), no expiry; what plain {@code tell} uses. */
    public static final SendOptions DEFAULT = new SendOptions(null, null);

    // held as Optionals, which the send path reads on every message without allocating
    private final Optional<Priority> priority;
    private final Optional<Duration> ttl;

    private SendOptions(Priority priority, Duration ttl) {
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        this.priority = Optional.ofNullable(priority);
        this.ttl = Optional.ofNullable(ttl);
    }

    /**
     * @param priority the priority, overriding the message's declared one
     * @return options with that priority and no expiry
     */
    public static SendOptions priority(Priority priority) {
        return DEFAULT.withPriority(priority);
    }

    /**
     * @param ttl how long the message stays deliverable; positive
     * @return options with that time to live and no priority of their own (the message's declared one applies)
     */
    public static SendOptions ttl(Duration ttl) {
        return DEFAULT.withTtl(ttl);
    }

    /** @return the priority, or empty for the message's declared one */
    public Optional<Priority> priority() {
        return priority;
    }

    /** @return how long the message stays deliverable, or empty for ever */
    public Optional<Duration> ttl() {
        return ttl;
    }

    /**
     * @param value the priority, overriding the message's declared one
     * @return a copy with that priority
     */
    public SendOptions withPriority(Priority value) {
        return new SendOptions(Objects.requireNonNull(value, "priority must not be null"), ttl.orElse(null));
    }

    /**
     * @param value time to live; positive
     * @return a copy with that time to live
     */
    public SendOptions withTtl(Duration value) {
        return new SendOptions(priority.orElse(null), Objects.requireNonNull(value, "ttl must not be null"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SendOptions s && priority.equals(s.priority) && ttl.equals(s.ttl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(priority, ttl);
    }

    @Override
    public String toString() {
        return "SendOptions[priority=" + priority.map(Priority::name).orElse("declared") + ", ttl="
                + ttl.map(Duration::toString).orElse("none") + "]";
    }
}

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
 * <p>Nulls: no field or {@code with} argument may be null ({@link NullPointerException} naming it, at the
 * call); an option that is not set is an empty {@link java.util.Optional}.
 *
 * @param priority the priority, or empty for the message's declared one
 * @param ttl how long the message stays deliverable, or empty for ever
 */
public record SendOptions(Optional<Priority> priority, Optional<Duration> ttl) {

    /** No option set: the message's declared priority (else {@code NORMAL}), no expiry; what plain {@code tell} uses. */
    public static final SendOptions DEFAULT = new SendOptions(Optional.empty(), Optional.empty());

    /** Validates the fields. */
    public SendOptions {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(ttl, "ttl");
        ttl.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("ttl must be positive: " + d);
            }
        });
    }

    /**
     * @param priority the priority, overriding the message's declared one
     * @return options with that priority and no expiry
     */
    public static SendOptions priority(Priority priority) {
        return new SendOptions(Optional.of(Objects.requireNonNull(priority, "priority must not be null")),
                Optional.empty());
    }

    /**
     * @param ttl how long the message stays deliverable; positive
     * @return options with that time to live and no priority of their own (the message's declared one applies)
     */
    public static SendOptions ttl(Duration ttl) {
        return new SendOptions(Optional.empty(), Optional.of(Objects.requireNonNull(ttl, "ttl must not be null")));
    }

    /**
     * @param value the priority, overriding the message's declared one
     * @return a copy with that priority
     */
    public SendOptions withPriority(Priority value) {
        return new SendOptions(Optional.of(Objects.requireNonNull(value, "priority must not be null")), ttl);
    }

    /**
     * @param value time to live; positive
     * @return a copy with that time to live
     */
    public SendOptions withTtl(Duration value) {
        return new SendOptions(priority, Optional.of(Objects.requireNonNull(value, "ttl must not be null")));
    }
}

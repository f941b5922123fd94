package io.otp4j.actor;

import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.MailboxConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * How an actor is run: its mailbox and its dispatcher. Immutable; refine with the {@code with} methods. What
 * is left unset comes from the system's {@link ActorSystemSettings}.
 *
 * <pre>{@code Props.defaults().withMailbox(MailboxConfig.bounded(1_000, Overflow.DROP))
 *      .withDispatcher(Dispatcher.virtualThreads())}</pre>
 *
 * <p>Nulls: no field or {@code with} argument may be null ({@link NullPointerException} naming it, at the
 * call); an option that is not set is an empty {@link java.util.Optional}.
 *
 * @param mailbox the mailbox configuration, or empty for the system's
 *     {@linkplain ActorSystemSettings#defaultMailbox() default mailbox}
 * @param dispatcher the dispatcher, or empty for the system's default work-stealing dispatcher
 */
public record Props(Optional<MailboxConfig> mailbox, Optional<Dispatcher> dispatcher) {

    private static final Props DEFAULTS = new Props(Optional.empty(), Optional.empty());

    /** Validates the fields. */
    public Props {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /** @return the system's default mailbox (unbounded FIFO unless its settings say otherwise) and dispatcher */
    public static Props defaults() {
        return DEFAULTS;
    }

    /**
     * @param config the mailbox to use, instead of the system's default
     * @return a copy with that mailbox
     */
    public Props withMailbox(MailboxConfig config) {
        return new Props(Optional.of(Objects.requireNonNull(config,
                "mailbox must not be null (leave it unset for the system's default)")), dispatcher);
    }

    /**
     * @param value the dispatcher to run on, e.g. {@link Dispatcher#virtualThreads()} for actors that block
     * @return a copy with that dispatcher
     */
    public Props withDispatcher(Dispatcher value) {
        return new Props(mailbox, Optional.of(Objects.requireNonNull(value,
                "dispatcher must not be null (leave it unset for the system's default)")));
    }
}

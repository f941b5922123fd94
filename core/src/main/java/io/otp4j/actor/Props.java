package io.otp4j.actor;

import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.MailboxConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * How an actor is run: its mailbox and its dispatcher. Immutable; refine with the {@code with} methods.
 *
 * <pre>{@code Props.defaults().withMailbox(MailboxConfig.bounded(1_000, Overflow.DROP))
 *      .withDispatcher(Dispatcher.virtualThreads())}</pre>
 *
 * <p>Nulls: no field or {@code with} argument may be null ({@link NullPointerException} naming it, at the
 * call); an option that is not set is an empty {@link java.util.Optional}.
 *
 * @param mailbox the mailbox configuration
 * @param dispatcher the dispatcher, or empty for the system's default work-stealing dispatcher
 */
public record Props(MailboxConfig mailbox, Optional<Dispatcher> dispatcher) {

    private static final Props DEFAULTS = new Props(MailboxConfig.unbounded(), Optional.empty());

    /** Validates the fields. */
    public Props {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /** @return an unbounded FIFO mailbox on the system's default dispatcher */
    public static Props defaults() {
        return DEFAULTS;
    }

    /**
     * @param config the mailbox to use
     * @return a copy with that mailbox
     */
    public Props withMailbox(MailboxConfig config) {
        return new Props(config, dispatcher);
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

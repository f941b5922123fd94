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
 * <p>Nulls: no {@code with} argument may be null ({@link NullPointerException} naming it, at the call); an
 * option that is not set is an empty {@link Optional}. Equal when the mailbox and the dispatcher are.
 */
public final class Props {

    private static final Props DEFAULTS = new Props(null, null);

    private final Optional<MailboxConfig> mailbox;
    private final Optional<Dispatcher> dispatcher;

    private Props(MailboxConfig mailbox, Dispatcher dispatcher) {
        this.mailbox = Optional.ofNullable(mailbox);
        this.dispatcher = Optional.ofNullable(dispatcher);
    }

    /** @return the system's default mailbox (unbounded FIFO unless its settings say otherwise) and dispatcher */
    public static Props defaults() {
        return DEFAULTS;
    }

    /**
     * @return the mailbox configuration, or empty for the system's
     *     {@linkplain ActorSystemSettings#defaultMailbox() default mailbox}
     */
    public Optional<MailboxConfig> mailbox() {
        return mailbox;
    }

    /** @return the dispatcher, or empty for the system's default dispatcher */
    public Optional<Dispatcher> dispatcher() {
        return dispatcher;
    }

    /**
     * @param config the mailbox to use, instead of the system's default
     * @return a copy with that mailbox
     */
    public Props withMailbox(MailboxConfig config) {
        return new Props(Objects.requireNonNull(config,
                "mailbox must not be null (leave it unset for the system's default)"), dispatcher.orElse(null));
    }

    /**
     * @param value the dispatcher to run on, e.g. {@link Dispatcher#virtualThreads()} for actors that block
     * @return a copy with that dispatcher
     */
    public Props withDispatcher(Dispatcher value) {
        return new Props(mailbox.orElse(null), Objects.requireNonNull(value,
                "dispatcher must not be null (leave it unset for the system's default)"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Props p && mailbox.equals(p.mailbox) && dispatcher.equals(p.dispatcher);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mailbox, dispatcher);
    }

    @Override
    public String toString() {
        return "Props[mailbox=" + mailbox.map(Object::toString).orElse("default") + ", dispatcher="
                + dispatcher.map(Object::toString).orElse("default") + "]";
    }
}

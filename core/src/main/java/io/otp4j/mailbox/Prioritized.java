package io.otp4j.mailbox;

/**
 * A message that declares its own {@link Priority}, as the type of a record or enum that carries it. The
 * runtime reads {@link #priority()} once per send, on the sender's thread, with one type check: no
 * reflection, no registry. Per-send options win: {@link SendOptions#priority(Priority)} overrides what the
 * message declares; a send without a priority option uses the declared one; a message that does not
 * implement this interface is {@link Priority#NORMAL}.
 *
 * <pre>{@code
 * sealed interface Cmd permits Work, Shutdown {}
 * record Work(String job) implements Cmd {}                          // NORMAL
 * record Shutdown() implements Cmd, Prioritized {                    // overtakes waiting Work
 *     public Priority priority() { return Priority.CRITICAL; }
 * }
 * record Alert(String text, Priority priority) implements Prioritized {} // chosen per instance
 * }</pre>
 *
 * <p>The declared priority applies wherever the message is sent: {@code tell}, {@code offer}, {@code ask},
 * the broker's {@code send}, {@code request} and {@code publish}, routers, and timers.
 *
 * <p>Contract: {@link #priority()} is called on the sending thread, possibly concurrently; it must be
 * cheap, must not return {@code null} (the send fails with a {@link NullPointerException}) and should not
 * throw (what it throws reaches the sender). A constant per type, or a record component, is the intended
 * use.
 */
public interface Prioritized {

    /** @return this message's priority, never {@code null} */
    Priority priority();
}

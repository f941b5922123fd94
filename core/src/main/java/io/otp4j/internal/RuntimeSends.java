package io.otp4j.internal;

import io.otp4j.actor.ActorRef;
import io.otp4j.mailbox.SendOptions;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one send path of the runtime's own messages (event-stream deliveries, registry group events,
 * supervisor wake-ups and replies): it never blocks, never throws and takes no lock, whatever the
 * recipient's mailbox policy. A full mailbox or a dead recipient makes the message a dead letter,
 * counted and published. User sends ({@code tell}, {@code offer}) keep their BLOCK, DROP and REJECT
 * semantics; the runtime must not inherit them, since it may be on a timer thread, hold a lock, or be the
 * very actor that would have to make space.
 *
 * <p>Threads: any. Callers must not hold a lock: the dead-letter path publishes on the event stream.
 */
final class RuntimeSends {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeSends.class);

    private RuntimeSends() {}

    /**
     * Sends a runtime message.
     *
     * @param to the recipient
     * @param message the message
     */
    @SuppressWarnings("unchecked")
    public static void deliver(ActorRef<?> to, Object message) {
        Objects.requireNonNull(message, "message");
        if (to instanceof ActorCell<?> cell) {
            cell.sendInternal(message, message);
            return;
        }
        try { // a reply address (never blocks) or another ActorRef implementation
            ((ActorRef<Object>) to).offer(message, SendOptions.DEFAULT);
        } catch (RuntimeException e) {
            LOG.warn("runtime message to {} refused: {}", to, e.toString());
        }
    }
}

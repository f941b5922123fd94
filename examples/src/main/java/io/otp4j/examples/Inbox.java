package io.otp4j.examples;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A mailbox for the examples' {@code main} thread, which is not an actor: a tiny actor that puts whatever
 * it receives into a queue that {@code main} takes from. Give its {@link #ref()} to actors as a reply
 * address, or subscribe it to the event stream, and {@code main} can wait for what they send.
 *
 * <p>Waiting is for a message, never for time: {@link #next()} returns as soon as one is there and gives
 * up only after {@link #PATIENCE}, which a healthy example never comes near.
 *
 * <p>Threads: {@link #ref()} may be used from anywhere; take messages from one thread (the main thread).
 *
 * @param <T> the type of message it accepts
 */
final class Inbox<T> {

    /** How long {@link #next()} waits before deciding that nothing is coming. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final ActorRef<T> ref;

    private Inbox(ActorSystem system, String name) {
        this.ref = system.spawn(name, () -> (message, ctx) -> queue.add(message));
    }

    /**
     * @param system where the inbox's actor lives
     * @param name the actor's name, at {@code /user/<name>}
     * @param <T> the message type
     * @return a new, empty inbox
     */
    static <T> Inbox<T> create(ActorSystem system, String name) {
        return new Inbox<>(system, name);
    }

    /** @return the address to send to */
    ActorRef<T> ref() {
        return ref;
    }

    /**
     * @return the next message, waiting for it if none is there yet
     * @throws IllegalStateException if none arrives within {@link #PATIENCE}
     */
    T next() {
        try {
            T message = queue.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new IllegalStateException(ref.path() + ": nothing arrived within " + PATIENCE);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ref.path() + ": interrupted while waiting", e);
        }
    }

    /**
     * @param count how many messages to take
     * @return the next {@code count} messages, in arrival order
     */
    List<T> next(int count) {
        List<T> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(next());
        }
        return messages;
    }

    /**
     * Takes messages up to and including the first one that {@code last} accepts.
     *
     * @param last recognises the message to stop at
     * @return every message taken, in arrival order; the last one is the match
     */
    List<T> until(Predicate<? super T> last) {
        List<T> messages = new ArrayList<>();
        T message;
        do {
            message = next();
            messages.add(message);
        } while (!last.test(message));
        return messages;
    }
}

package io.otp4j.nats;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The reply address of a remote ask: a NATS reply subject (an inbox of the asking node's connection). The
 * first message told to it is published there as the reply; later ones are dropped (the ask is answered).
 * It travels inside messages like any ref, so the actor that answers may be on a third node.
 *
 * <p>On the asking side, before the request is encoded, the subject is not known yet ({@code null}): the
 * codec writes it as "the request's own reply subject".
 */
final class ReplyRef<R> implements ActorRef<R> {

    static final String PREFIX = "reply:";

    private final NatsNode node;
    private final String subject; // null: the placeholder of the request being built
    private final AtomicBoolean answered = new AtomicBoolean();

    ReplyRef(NatsNode node, String subject) {
        this.node = node;
        this.subject = subject;
    }

    String wire() {
        return PREFIX + (subject == null ? "" : subject);
    }

    @Override
    public void tell(R message) {
        Objects.requireNonNull(message, "message must not be null");
        if (subject == null) {
            throw new IllegalStateException("the reply address of a remote ask is usable once the request is sent");
        }
        if (answered.compareAndSet(false, true)) {
            node.reply(subject, message);
        }
    }

    @Override
    public void tell(R message, SendOptions options) {
        tell(message);
    }

    @Override
    public Delivery offer(R message, SendOptions options) {
        tell(message);
        return Delivery.ENQUEUED;
    }

    @Override
    public <Q> CompletionStage<Q> ask(Function<ActorRef<Q>, ? extends R> request, Duration timeout, SendOptions options) {
        throw new UnsupportedOperationException("a reply address answers; it cannot be asked");
    }

    @Override
    public ActorPath path() {
        return ActorPath.root(node.system().name()).child("temp").child("reply");
    }

    @Override
    public long id() {
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReplyRef<?> r && Objects.equals(r.subject, subject) && r.node == node;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(subject);
    }

    @Override
    public String toString() {
        return "reply to " + (subject == null ? "(not sent)" : subject);
    }
}

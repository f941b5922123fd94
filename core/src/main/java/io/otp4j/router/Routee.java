package io.otp4j.router;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.Signal;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool routee: the user's actor, plus a notice to the pool router each time an instance has started
 * (at the first start, after an in-place restart, and in a fresh cell after the routee terminated for good
 * and its supervisor started it again). Every hook is passed through unchanged.
 *
 * @param <M> the message type
 */
final class Routee<M> implements Actor<M> {

    private static final Logger LOG = LoggerFactory.getLogger(Routee.class);
    private static final SendOptions URGENT = SendOptions.priority(Priority.HIGH);

    /** A routee of slot {@code slot} has started in {@code routee}. */
    record Started(int slot, ActorRef<?> routee) {}

    private final Actor<M> actor;
    private final int slot;
    private final ActorRef<Object> router;

    Routee(Supplier<? extends Actor<M>> factory, int slot, ActorRef<Object> router) {
        this.actor = Objects.requireNonNull(factory.get(), "pool routee factory returned null");
        this.slot = slot;
        this.router = router;
    }

    @Override
    public void preStart(ActorContext<M> ctx) throws Exception {
        actor.preStart(ctx);
        Delivery delivery = router.offer(new Started(slot, ctx.self()), URGENT);
        if (delivery != Delivery.ENQUEUED) {
            LOG.warn("pool router {} did not take the start notice of {}: {}", router, ctx.self(), delivery);
        }
    }

    @Override
    public void receive(M message, ActorContext<M> ctx) throws Exception {
        actor.receive(message, ctx);
    }

    @Override
    public void postStop(ActorContext<M> ctx) throws Exception {
        actor.postStop(ctx);
    }

    @Override
    public void onSignal(Signal signal, ActorContext<M> ctx) throws Exception {
        actor.onSignal(signal, ctx);
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<M> ctx) {
        return actor.onFailure(cause, ctx);
    }

    @Override
    public String toString() {
        return "Routee[" + slot + ": " + actor + "]";
    }
}

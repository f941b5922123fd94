package io.otp4j.router;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.event.DeadLetter;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What pool and group routers share: the routee array, the strategy's logic, and forwarding.
 *
 * <p>Threads: an actor; everything runs on its own thread. Messages of the user's type and the router's
 * own control messages arrive through the same mailbox; {@link #control} tells them apart.
 *
 * @param <M> the routees' message type
 */
abstract class RouterActor<M> implements Actor<M> {

    private static final ActorRef<?>[] NONE = new ActorRef<?>[0];

    private final Strategies.Logic<M> logic; // null: broadcast
    private final Predicate<? super M> broadcastIf; // null: none
    @SuppressWarnings("unchecked")
    private ActorRef<M>[] routees = (ActorRef<M>[]) NONE;
    ActorContext<M> ctx;

    RouterActor(RoutingStrategy<M> strategy, Optional<Predicate<? super M>> broadcastIf) {
        this.logic = Strategies.logic(strategy);
        this.broadcastIf = broadcastIf.orElse(null);
    }

    /**
     * @param message anything that arrived in the mailbox
     * @return true if it was one of the router's own control messages, now handled
     */
    abstract boolean control(Object message);

    @Override
    public final void receive(M message, ActorContext<M> context) {
        if (!control(message)) {
            route(message);
        }
    }

    /** Sends one message on to the routee(s) the strategy chooses. */
    void route(M message) {
        ActorRef<M>[] current = routees;
        if (current.length == 0) {
            ctx.system().eventStream().publish(new DeadLetter(message, ctx.self(), DeadLetter.Reason.NO_ROUTEES));
            return;
        }
        if (logic == null || (broadcastIf != null && broadcastIf.test(message))) {
            for (ActorRef<M> routee : current) {
                forward(routee, message);
            }
            return;
        }
        forward(logic.select(message, current), message);
    }

    private void forward(ActorRef<M> routee, M message) {
        // offer, not tell: a full routee must not crash the router; what its mailbox refuses is reported
        Delivery delivery = routee.offer(message, SendOptions.DEFAULT);
        if (delivery == Delivery.REJECTED) {
            ctx.system().eventStream().publish(new DeadLetter(message, routee, DeadLetter.Reason.MAILBOX_FULL));
        }
    }

    @SuppressWarnings("unchecked")
    void setRoutees(List<ActorRef<M>> live) {
        routees = live.toArray((ActorRef<M>[]) NONE);
        if (logic != null) {
            logic.routeesChanged(routees);
        }
    }

    /** @return the router's own ref, for messages of its own protocol */
    @SuppressWarnings("unchecked")
    ActorRef<Object> selfAsAny() {
        return (ActorRef<Object>) (ActorRef<?>) ctx.self();
    }
}

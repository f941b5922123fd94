package io.otp4j.router;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.Priority;
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
 * <p>Send options travel on: each message goes to its routee(s) with the priority it was queued at in the
 * router's mailbox and what is left of its time to live ({@link Forwarding}); a message whose time to live
 * runs out while the router holds it becomes an {@code EXPIRED} dead letter.
 *
 * @param <M> the routees' message type
 */
abstract class RouterActor<M> implements Actor<M>, RuntimeAccess.Forwarder {

    /** A message kept for later routing, with the options it came with. */
    record Pending<M>(M message, Priority priority, long deadlineNanos) {}

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
    @SuppressWarnings("unchecked")
    public final void receive(M message, ActorContext<M> context) {
        Object received = message;
        long deadline = RuntimeAccess.NO_DEADLINE;
        if (received instanceof RuntimeAccess.Timed timed) { // a message with a time to live
            received = timed.message();
            deadline = timed.deadlineNanos();
        }
        if (!control(received)) {
            route((M) received, RuntimeAccess.priorityOfCurrent(context.self()), deadline);
        }
    }

    /**
     * Sends one message on to the routee(s) the strategy chooses, with the options it came with.
     *
     * @param message the message
     * @param priority the priority it was queued at, or null if the mailbox did not keep it
     * @param deadlineNanos its deadline, or {@link Forwarding#NO_DEADLINE}
     */
    void route(M message, Priority priority, long deadlineNanos) {
        ActorRef<M>[] current = routees;
        if (current.length == 0) {
            ctx.system().eventStream().publish(new DeadLetter(message, ctx.self(), DeadLetter.Reason.NO_ROUTEES));
            return;
        }
        SendOptions options = RuntimeAccess.forwardOptions(ctx.self(), priority, deadlineNanos);
        if (options == null) { // its time to live ran out while the router held it
            ctx.system().eventStream().publish(new DeadLetter(message, ctx.self(), DeadLetter.Reason.EXPIRED));
            return;
        }
        if (logic == null || (broadcastIf != null && broadcastIf.test(message))) {
            for (ActorRef<M> routee : current) {
                forward(routee, message, options);
            }
            return;
        }
        forward(logic.select(message, current), message, options);
    }

    private void forward(ActorRef<M> routee, M message, SendOptions options) {
        // offer, not tell: a full routee must not crash the router; what its mailbox refuses is reported
        Delivery delivery = routee.offer(message, options);
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

package io.otp4j.router;

import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Signal;
import io.otp4j.mailbox.Priority;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorCommand;
import io.otp4j.supervisor.SupervisorSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool router: spawns a ONE_FOR_ONE {@link Supervisor} child named {@code routees} with one permanent
 * worker per slot ({@code routee-1} ... {@code routee-N}) and routes to the routees that are running.
 *
 * <h2>States</h2>
 * <pre>
 *   STARTING --every slot reported Started--> READY --supervisor terminated--> exit with its reason
 * </pre>
 * While STARTING, messages are kept in arrival order and routed once every routee has started, so the
 * first messages are spread like all the others. A routee that crashes is restarted in place by the
 * supervisor (same ref, mailbox kept). One that terminated for good leaves its slot empty until the
 * supervisor has started it again in a fresh cell. If the supervisor gives up (restart intensity) or fails
 * to start, the router exits with the supervisor's exit reason and what it kept becomes dead letters.
 *
 * @param <M> the routees' message type
 */
final class PoolRouterActor<M> extends RouterActor<M> {

    private final PoolRouter<M> spec;
    private final List<ActorRef<M>> slots;
    private ActorRef<SupervisorCommand> supervisor;
    private boolean ready;
    private final ArrayDeque<Pending<M>> starting = new ArrayDeque<>();

    PoolRouterActor(PoolRouter<M> spec) {
        super(spec.strategy(), spec.broadcastPredicate());
        this.spec = spec;
        this.slots = new ArrayList<>(spec.size());
        for (int i = 0; i < spec.size(); i++) {
            slots.add(null);
        }
    }

    @Override
    public void preStart(ActorContext<M> context) {
        ctx = context;
        ActorRef<Object> self = selfAsAny();
        SupervisorSpec.Builder routees = Supervisor.builder()
                .strategy(Strategy.ONE_FOR_ONE)
                .intensity(spec.maxRestarts(), spec.period());
        for (int i = 0; i < spec.size(); i++) {
            int slot = i;
            routees.child(ChildSpec.<M>worker("routee-" + (slot + 1), () -> new Routee<>(spec.routee(), slot, self))
                    .withProps(spec.routeeProps()));
        }
        supervisor = Supervisor.spawn(context, "routees", routees.build()).ref();
        context.watch(supervisor);
    }

    @Override
    @SuppressWarnings("unchecked")
    boolean control(Object message) {
        if (!(message instanceof Routee.Started(int slot, ActorRef<?> routee))) {
            return false;
        }
        if (slots.get(slot) != routee) {
            slots.set(slot, (ActorRef<M>) routee);
            ctx.watch(routee);
            updateRoutees();
        }
        if (!ready && !slots.contains(null)) {
            ready = true;
            while (!starting.isEmpty()) {
                Pending<M> kept = starting.removeFirst();
                super.route(kept.message(), kept.priority(), kept.deadlineNanos());
            }
        }
        return true;
    }

    @Override
    void route(M message, Priority priority, long deadlineNanos) {
        if (ready) {
            super.route(message, priority, deadlineNanos);
        } else {
            starting.addLast(new Pending<>(message, priority, deadlineNanos));
        }
    }

    @Override
    public void onSignal(Signal signal, ActorContext<M> context) {
        if (!(signal instanceof Signal.Terminated(ActorRef<?> ref, var reason))) {
            return;
        }
        if (ref.equals(supervisor)) { // gave up, or failed to start: the pool is gone
            context.log().warn("pool {} stops: its supervisor terminated ({})", context.self(), reason);
            context.exit(reason);
            return;
        }
        int slot = slots.indexOf(ref);
        if (slot >= 0) { // terminated for good; the supervisor starts a fresh one in its slot
            slots.set(slot, null);
            updateRoutees();
        }
    }

    @Override
    public void postStop(ActorContext<M> context) {
        while (!starting.isEmpty()) {
            context.system().eventStream().publish(new DeadLetter(starting.removeFirst().message(), context.self(),
                    DeadLetter.Reason.RECIPIENT_TERMINATED));
        }
    }

    private void updateRoutees() {
        List<ActorRef<M>> live = new ArrayList<>(slots.size());
        for (ActorRef<M> r : slots) {
            if (r != null) {
                live.add(r);
            }
        }
        setRoutees(live);
    }
}

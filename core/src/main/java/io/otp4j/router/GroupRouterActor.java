package io.otp4j.router;

import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Signal;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.registry.GroupEvent;
import io.otp4j.registry.GroupKey;
import io.otp4j.registry.Registry;
import java.util.ArrayList;
import java.util.List;

/**
 * A group router: routes to actors it did not create. Over a {@link GroupKey}, the routees are the group's
 * members, kept current through a membership subscription (a {@link GroupEvent.Snapshot}, then
 * {@link GroupEvent.Joined} and {@link GroupEvent.Left}). Over a fixed list, the routees are the listed
 * actors still alive: each is watched and dropped when it terminates. The router keeps running with no
 * routees; messages then become {@code NO_ROUTEES} dead letters.
 *
 * @param <M> the routees' message type
 */
final class GroupRouterActor<M> extends RouterActor<M> {

    private final GroupRouter<M> spec;
    private final GroupKey<M> key; // null: a fixed list
    private final List<ActorRef<M>> current = new ArrayList<>();

    GroupRouterActor(GroupRouter<M> spec) {
        super(spec.strategy(), spec.broadcastPredicate());
        this.spec = spec;
        this.key = spec.key().orElse(null);
    }

    @Override
    public void preStart(ActorContext<M> context) {
        ctx = context;
        if (key != null) {
            // read the members now: messages told before the snapshot arrives must not find no routees
            Registry.of(context.system()).subscribe(key, selfAsAny());
            current.addAll(Registry.of(context.system()).members(key));
        } else {
            for (ActorRef<M> routee : spec.routees()) {
                if (RuntimeAccess.isDeadActor(routee)) {
                    continue;
                }
                current.add(routee);
                if (RuntimeAccess.isActor(routee)) {
                    context.watch(routee);
                }
            }
        }
        setRoutees(current);
    }

    @Override
    @SuppressWarnings("unchecked")
    boolean control(Object message) {
        if (key == null || !(message instanceof GroupEvent<?> event) || !event.key().equals(key)) {
            return false;
        }
        switch ((GroupEvent<M>) event) {
            case GroupEvent.Snapshot<M>(var k, var members) -> {
                current.clear();
                current.addAll(members);
            }
            case GroupEvent.Joined<M>(var k, var member) -> {
                if (!current.contains(member)) {
                    current.add(member);
                }
            }
            case GroupEvent.Left<M>(var k, var member) -> current.remove(member);
        }
        setRoutees(current);
        return true;
    }

    @Override
    public void onSignal(Signal signal, ActorContext<M> context) {
        if (key == null && signal instanceof Signal.Terminated(ActorRef<?> ref, var reason) && current.remove(ref)) {
            setRoutees(current);
        }
    }
}

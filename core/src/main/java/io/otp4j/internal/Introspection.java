package io.otp4j.internal;

import io.otp4j.actor.ActorSnapshot;
import io.otp4j.actor.ActorState;
import io.otp4j.actor.SystemSnapshot;
import io.otp4j.internal.RuntimeAccess.SupervisingActor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link SystemSnapshot}s by walking the live tree from the guardian. No actor is stopped or
 * signalled: each cell's fields are read as they are (racy reads of plain fields), and children come from
 * the concurrent maps, which may change during the walk. Siblings are sorted by spawn order (their ids).
 */
final class Introspection {

    private static final Comparator<ActorCell<?>> SPAWN_ORDER = Comparator.comparingLong(ActorCell::id);

    private int count;

    private Introspection() {}

    static SystemSnapshot snapshot(SystemRuntime runtime, ActorCell<?> guardian) {
        Introspection walk = new Introspection();
        List<ActorSnapshot> top = walk.children(guardian);
        return new SystemSnapshot(runtime.name(), runtime.scheduler().now(), walk.count, top);
    }

    private List<ActorSnapshot> children(ActorCell<?> parent) {
        Map<Object, ActorCell<?>> map = parent.childrenOrNull();
        if (map == null || map.isEmpty()) {
            return List.of();
        }
        List<ActorCell<?>> cells = new ArrayList<>(map.values());
        cells.sort(SPAWN_ORDER);
        List<ActorSnapshot> out = new ArrayList<>(cells.size());
        for (ActorCell<?> cell : cells) {
            ActorState state = cell.actorState();
            if (state == ActorState.TERMINATED) {
                continue;
            }
            Class<?> type = cell.actorClass();
            // a supervisor's spec is immutable, so reading it off the actor's thread is safe
            Optional<ActorSnapshot.Supervision> supervision = cell.actorOrNull() instanceof SupervisingActor s
                    ? Optional.of(s.supervision()) : Optional.empty();
            out.add(new ActorSnapshot(cell.path(), Optional.ofNullable(type).map(Class::getName), state,
                    cell.mailboxSize(), cell.restartCount(), cell.processedCount(), cell.unhonouredPriorities(),
                    children(cell), cell, String.valueOf(cell.dispatcher()), supervision));
            count++;
        }
        return out;
    }
}

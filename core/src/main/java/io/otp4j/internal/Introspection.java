package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorSnapshot;
import io.otp4j.actor.ActorState;
import io.otp4j.actor.SystemSnapshot;
import io.otp4j.internal.RuntimeAccess.SupervisingActor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
        ActorCell<?>[] live = parent.liveChildren();
        if (live.length == 0) {
            return List.of();
        }
        List<ActorCell<?>> cells = new ArrayList<>(Arrays.asList(live));
        cells.sort(SPAWN_ORDER);
        List<ActorSnapshot> out = new ArrayList<>(cells.size());
        for (ActorCell<?> cell : cells) {
            ActorState state = state(cell);
            if (state == ActorState.TERMINATED) {
                continue;
            }
            Actor<?> actor = cell.actor; // read once: racy, as a snapshot is
            Optional<String> type = actor == null ? Optional.empty() : Optional.of(actor.getClass().getName());
            // a supervisor's spec is immutable, so reading it off the actor's thread is safe
            Optional<ActorSnapshot.Supervision> supervision = actor instanceof SupervisingActor s
                    ? Optional.of(s.supervision()) : Optional.empty();
            out.add(new ActorSnapshot(cell.path(), type, state, cell.mailboxSize(),
                    Math.max(0, cell.incarnation - 1), cell.processed, cell.unhonouredPriorities(),
                    children(cell), cell, String.valueOf(cell.dispatcher()), supervision));
            count++;
        }
        return out;
    }

    /** @return what a snapshot shows of a cell's lifecycle (a racy read, as snapshots are) */
    static ActorState state(ActorCell<?> cell) {
        return switch (cell.lifecycle) {
            case NEW -> ActorState.STARTING;
            case RUNNING -> ActorState.RUNNING;
            case SUSPENDED, HALTED -> ActorState.SUSPENDED;
            case RESTARTING, HALTING -> ActorState.RESTARTING;
            case STOPPING -> ActorState.STOPPING;
            case TERMINATED -> ActorState.TERMINATED;
        };
    }
}

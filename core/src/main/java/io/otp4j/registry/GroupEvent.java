package io.otp4j.registry;

import io.otp4j.actor.ActorRef;
import java.util.List;
import java.util.Objects;

/**
 * A change in a process group's membership, sent to the actors that subscribed with
 * {@link Registry#subscribe(GroupKey, ActorRef)}.
 *
 * <p>Ordering: a subscriber first gets a {@link Snapshot} of the members at the time it subscribed, then
 * every {@link Joined} and {@link Left} in the order the changes happened; applying them in turn to the
 * snapshot always gives the current membership.
 *
 * @param <M> the members' message type
 */
public sealed interface GroupEvent<M> {

    /** @return the group */
    GroupKey<M> key();

    /**
     * The members when the subscription began (also sent again when an actor subscribes a second time).
     *
     * @param key the group
     * @param members the members, in join order; immutable
     * @param <M> the members' message type
     */
    record Snapshot<M>(GroupKey<M> key, List<ActorRef<M>> members) implements GroupEvent<M> {
        /** Validates and copies. */
        public Snapshot {
            Objects.requireNonNull(key, "key");
            members = List.copyOf(members);
        }
    }

    /**
     * An actor joined the group.
     *
     * @param key the group
     * @param member the new member
     * @param <M> the members' message type
     */
    record Joined<M>(GroupKey<M> key, ActorRef<M> member) implements GroupEvent<M> {
        /** Validates the fields. */
        public Joined {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(member, "member");
        }
    }

    /**
     * An actor left the group: it called {@link Registry#leave} or it terminated.
     *
     * @param key the group
     * @param member the former member
     * @param <M> the members' message type
     */
    record Left<M>(GroupKey<M> key, ActorRef<M> member) implements GroupEvent<M> {
        /** Validates the fields. */
        public Left {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(member, "member");
        }
    }
}

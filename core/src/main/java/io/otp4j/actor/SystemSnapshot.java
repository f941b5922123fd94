package io.otp4j.actor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A running system's actor tree at one moment.
 *
 * @param systemName the system's name
 * @param takenAt when the snapshot was taken
 * @param actorCount how many actors it holds
 * @param topLevel the actors directly under {@code /user}, oldest first, each with its subtree
 */
public record SystemSnapshot(String systemName, Instant takenAt, int actorCount, List<ActorSnapshot> topLevel) {

    /** Copies the list. */
    public SystemSnapshot {
        topLevel = List.copyOf(topLevel);
    }

    /** @return every actor, depth first, parents before children */
    public Stream<ActorSnapshot> actors() {
        return topLevel.stream().flatMap(ActorSnapshot::descendantsAndSelf);
    }

    /**
     * @param path an actor's path
     * @return that actor's snapshot, if it was alive
     */
    public Optional<ActorSnapshot> find(ActorPath path) {
        return actors().filter(a -> a.path().equals(path)).findFirst();
    }

    /**
     * @param path a path relative to the root, e.g. {@code "/user/pool/worker-1"}
     * @return that actor's snapshot, if it was alive
     */
    public Optional<ActorSnapshot> find(String path) {
        return actors().filter(a -> a.path().toString().equals(path)).findFirst();
    }
}

package io.otp4j.actor;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One actor as it was when the snapshot was taken, with its children.
 *
 * @param path the actor's path
 * @param actorClass the current instance's class name; empty between instances (starting, restarting)
 * @param state where it is in its lifecycle
 * @param mailboxDepth user messages waiting
 * @param restartCount restarts in place so far (a supervisor's restart of a terminated child is a new actor)
 * @param processedCount messages handled so far, by every instance
 * @param unhonouredPriorities sends whose priority the mailbox could not honour (a bounded FIFO mailbox
 *     keeps arrival order); always 0 for other mailboxes
 * @param children the children, oldest first
 */
public record ActorSnapshot(ActorPath path, Optional<String> actorClass, ActorState state, int mailboxDepth,
                            int restartCount, long processedCount, long unhonouredPriorities,
                            List<ActorSnapshot> children) {

    /** Copies the list. */
    public ActorSnapshot {
        children = List.copyOf(children);
    }

    /** @return this actor and all its descendants, depth first, parents before children */
    public Stream<ActorSnapshot> descendantsAndSelf() {
        Stream.Builder<ActorSnapshot> out = Stream.builder();
        visit(out);
        return out.build();
    }

    private void visit(Consumer<ActorSnapshot> out) {
        out.accept(this);
        for (ActorSnapshot c : children) {
            c.visit(out);
        }
    }
}

package io.otp4j.actor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
 * @param ref the actor's ref, to message, watch or stop it (a tool acting on what it shows)
 * @param dispatcher the dispatcher that runs it, as its {@code toString()} describes it
 * @param supervision how it supervises, if it is a supervisor; empty for other actors
 */
public record ActorSnapshot(ActorPath path, Optional<String> actorClass, ActorState state, int mailboxDepth,
                            int restartCount, long processedCount, long unhonouredPriorities,
                            List<ActorSnapshot> children, ActorRef<?> ref, String dispatcher,
                            Optional<Supervision> supervision) {

    /** Copies the list; no component may be null. */
    public ActorSnapshot {
        children = List.copyOf(children);
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(supervision, "supervision");
    }

    /**
     * A supervisor's strategy and restart intensity, as its spec declares them.
     *
     * @param strategy the strategy's name, e.g. {@code ONE_FOR_ONE}
     * @param maxRestarts more than this many restarts within {@code period} stop the supervisor
     * @param period the intensity window
     */
    public record Supervision(String strategy, int maxRestarts, Duration period) {

        /** Checks the components. */
        public Supervision {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(period, "period");
        }
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

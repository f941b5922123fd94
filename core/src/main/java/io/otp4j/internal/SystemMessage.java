package io.otp4j.internal;

import io.otp4j.actor.ExitReason;
import java.util.concurrent.CompletableFuture;

/**
 * A signal between actor cells, on the mailbox's system channel: a lock-free stack drained in full before
 * user messages, unbounded, never dropped. Each instance is sent once ({@link #next} links it into the
 * stack).
 */
abstract sealed class SystemMessage {

    SystemMessage next;

    /** Stop with a reason; children first. */
    static final class Stop extends SystemMessage {
        final ExitReason reason;
        /** Completed with the exit reason once the receiver has terminated and told everyone; or null. */
        final CompletableFuture<ExitReason> done;

        Stop(ExitReason reason) {
            this(reason, null);
        }

        Stop(ExitReason reason, CompletableFuture<ExitReason> done) {
            this.reason = reason;
            this.done = done;
        }
    }

    /** Stop at once without running {@code postStop}; children are killed too. */
    static final class Kill extends SystemMessage {}

    /** {@code watcher} wants a {@link DeathNotice} when the receiver terminates. */
    static final class Watch extends SystemMessage {
        final ActorCell<?> watcher;

        Watch(ActorCell<?> watcher) {
            this.watcher = watcher;
        }
    }

    /** {@code watcher} no longer wants a notice. */
    static final class Unwatch extends SystemMessage {
        final ActorCell<?> watcher;

        Unwatch(ActorCell<?> watcher) {
            this.watcher = watcher;
        }
    }

    /** A watched actor terminated. */
    static final class DeathNotice extends SystemMessage {
        final ActorCell<?> dead;
        final ExitReason reason;

        DeathNotice(ActorCell<?> dead, ExitReason reason) {
            this.dead = dead;
            this.reason = reason;
        }
    }

    /** {@code other} linked itself to the receiver. */
    static final class Link extends SystemMessage {
        final ActorCell<?> other;

        Link(ActorCell<?> other) {
            this.other = other;
        }
    }

    /** {@code other} removed its link to the receiver. */
    static final class Unlink extends SystemMessage {
        final ActorCell<?> other;

        Unlink(ActorCell<?> other) {
            this.other = other;
        }
    }

    /** A linked actor exited. */
    static final class LinkExit extends SystemMessage {
        final ActorCell<?> from;
        final ExitReason reason;

        LinkExit(ActorCell<?> from, ExitReason reason) {
            this.from = from;
            this.reason = reason;
        }
    }

    /**
     * An exit signal sent by {@code from} with {@code ctx.exit(target, reason)} (Erlang's {@code exit/2}):
     * not a link, so no link is removed.
     */
    static final class ExitSignal extends SystemMessage {
        final ActorCell<?> from;
        final ExitReason reason;

        ExitSignal(ActorCell<?> from, ExitReason reason) {
            this.from = from;
            this.reason = reason;
        }
    }

    /** A child of the receiver terminated (sent by the child as its last act). */
    static final class ChildTerminated extends SystemMessage {
        final ActorCell<?> child;
        final ExitReason reason;

        ChildTerminated(ActorCell<?> child, ExitReason reason) {
            this.child = child;
            this.reason = reason;
        }
    }

    /** A child of the receiver failed and is suspended, waiting for the receiver's decision. */
    static final class ChildFailed extends SystemMessage {
        final ActorCell<?> child;
        final Throwable cause;

        ChildFailed(ActorCell<?> child, Throwable cause) {
            this.child = child;
            this.cause = cause;
        }
    }

    /**
     * Supervisor's order for a suspended or halted child: a fresh instance in place, with the mailbox
     * kept or dead-lettered.
     */
    static final class Restart extends SystemMessage {
        final boolean keepMailbox;

        Restart(boolean keepMailbox) {
            this.keepMailbox = keepMailbox;
        }
    }

    /** Supervisor's order: drop the instance and children, keep the mailbox, wait for a Restart. */
    static final class Halt extends SystemMessage {}

    /** Supervisor's order: treat the running child as crashed with {@code cause}. */
    static final class Crash extends SystemMessage {
        final Throwable cause;

        Crash(Throwable cause) {
            this.cause = cause;
        }
    }

    /** Run {@code hook} when the receiver terminates, before its watchers hear of it. */
    static final class OnTermination extends SystemMessage {
        final java.util.function.Consumer<ExitReason> hook;

        OnTermination(java.util.function.Consumer<ExitReason> hook) {
            this.hook = hook;
        }
    }

    /** Marks a terminated cell's system channel: nothing is queued after it. */
    static final class Dead extends SystemMessage {}
}

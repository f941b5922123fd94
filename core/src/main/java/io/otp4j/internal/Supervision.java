package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The operations a supervisor needs on its children beyond the public API. Internal: the supervisor
 * package is its only user.
 *
 * <p>Threads: {@link #spawn} and {@link #ackStarted} on the supervisor's own thread; {@link #startInfo} and
 * {@link #ignoreStart} on the child's, in its {@code preStart}; the others from any thread (they send signals).
 */
public final class Supervision {

    private Supervision() {}

    /**
     * @return the props supervisors run with: a dispatcher that stands for the supervision dispatcher of the
     *     system an actor is spawned in (it runs nothing itself), and an unbounded mailbox
     */
    public static Props props() {
        return SupervisionDispatcher.PROPS;
    }

    /**
     * Called before a supervisor blocks its thread waiting for a child: the actor handed off to this thread
     * (a child supervisor just spawned, say) moves to where other threads can run it.
     */
    public static void beforeBlocking() {
        WorkStealingDispatcher.releaseHandoff();
    }

    /**
     * Spawns a child whose lifecycle is reported to {@code listener} instead of the usual
     * escalation: a failed child is suspended and waits for the listener's owner to decide.
     *
     * @param ctx the supervisor's context
     * @param name the child's name, or null for an anonymous child
     * @param factory builds instances
     * @param props mailbox and dispatcher
     * @param listener receives the child's lifecycle
     * @param <C> the child's message type
     * @return the child
     */
    public static <C> ActorRef<C> spawn(ActorContext<?> ctx, String name, Supplier<? extends Actor<C>> factory,
                                        Props props, ChildListener listener) {
        ActorCell<?> parent = SystemRuntime.local(ctx.self());
        return parent.runtime().spawn(parent, name, factory, props, listener);
    }

    /**
     * Reports the calling supervisor's own start to its listener, once its children have started.
     *
     * @param ctx the supervisor's context
     */
    public static void ackStarted(ActorContext<?> ctx) {
        SystemRuntime.local(ctx.self()).ackStarted();
    }

    /**
     * From a supervised child's {@code preStart}: hands {@code info} to the supervisor with the child's start.
     *
     * @param ctx the child's context
     * @param info the start info, not null
     * @throws IllegalStateException outside the preStart of a supervisor's child, or if it already answered
     */
    public static void startInfo(ActorContext<?> ctx, Object info) {
        SystemRuntime.local(ctx.self()).answerStart(Objects.requireNonNull(info, "info"));
    }

    /**
     * From a supervised child's {@code preStart}: the child ignores its start; once preStart returns it stops
     * with reason normal, before handling any message, and its supervisor is told it did not start.
     *
     * @param ctx the child's context
     * @throws IllegalStateException outside the preStart of a supervisor's child, or if it already answered
     */
    public static void ignoreStart(ActorContext<?> ctx) {
        SystemRuntime.local(ctx.self()).answerStart(null);
    }

    /**
     * Restarts a suspended or halted child in place: a fresh instance, the same ref.
     *
     * @param child the child
     * @param keepMailbox true to keep the messages waiting in its mailbox, false to dead-letter them
     *     (reason {@code DISCARDED_ON_RESTART})
     */
    public static void restart(ActorRef<?> child, boolean keepMailbox) {
        SystemRuntime.local(child).sendSystem(new SystemMessage.Restart(keepMailbox));
    }

    /**
     * Halts a child: children stopped, {@code postStop} run, instance dropped; the mailbox is kept for a
     * later {@link #restart}.
     *
     * @param child the child
     */
    public static void halt(ActorRef<?> child) {
        SystemRuntime.local(child).sendSystem(new SystemMessage.Halt());
    }

    /**
     * Suspends a running child as if it had crashed with {@code cause} (a failed health check).
     *
     * @param child the child
     * @param cause the reason given to the listener
     */
    public static void crash(ActorRef<?> child, Throwable cause) {
        SystemRuntime.local(child).sendSystem(new SystemMessage.Crash(cause));
    }

    /**
     * Stops a child with a reason.
     *
     * @param child the child
     * @param reason the exit reason
     */
    public static void stop(ActorRef<?> child, ExitReason reason) {
        SystemRuntime.local(child).sendSystem(new SystemMessage.Stop(reason));
    }

    /**
     * Gives up on a child that does not stop in time: it is killed (after its current code returns),
     * its name is released at once, and nothing more is reported about it.
     *
     * @param child the child
     */
    public static void abandon(ActorRef<?> child) {
        SystemRuntime.local(child).abandon();
    }

    /**
     * @param ctx an actor's context
     * @param ref any actor
     * @return true if {@code ref} is that actor's parent
     */
    public static boolean isParent(ActorContext<?> ctx, ActorRef<?> ref) {
        return SystemRuntime.local(ctx.self()).parentCell() == ref;
    }

    /**
     * @param child a child
     * @return true once it has terminated
     */
    public static boolean isTerminated(ActorRef<?> child) {
        return SystemRuntime.local(child).isTerminated();
    }

    /**
     * @param ref any ref, maybe not a child, maybe of another system
     * @return true if it is an actor that has terminated; false for a live actor and for a ref that is no actor
     *     (a reply address)
     */
    public static boolean isDeadActor(ActorRef<?> ref) {
        return ref instanceof ActorCell<?> cell && cell.isTerminated();
    }
}

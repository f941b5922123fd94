package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSnapshot;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.actor.SystemExtension;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.monitor.MonitorEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The runtime as the feature packages built on it (registry, broker, router, supervisor) see it: the one
 * class of this package they may use, so that the rest of it stays package-private and the runtime can
 * change behind this page. Its groups: features of a system ({@link #feature}); owners released when their
 * actor terminates ({@link #ownerOf}, {@link #onTermination}); sends that never block ({@link #deliver});
 * monitor events ({@link Events}); forwarding with a time to live ({@link Forwarder}); and what a supervisor
 * needs on its children beyond the public API ({@link SupervisingActor}, {@link ChildListener},
 * {@link #spawn} and the signals after it).
 *
 * <p>Threads: {@link #spawn} and {@link #ackStarted} on the supervisor's own thread; {@link #startInfo} and
 * {@link #ignoreStart} on the child's, in its {@code preStart}; the others from any thread.
 */
public final class RuntimeAccess {

    private RuntimeAccess() {}

    /**
     * A feature of a system (its registry, its broker), made on first use and kept for the system's life:
     * the extension pattern, so that {@link ActorSystem} names none of the features built on it. An
     * extension in the system's settings may provide it instead
     * ({@link io.otp4j.actor.SystemExtension#provide}); {@code factory} makes the runtime's own only if none
     * does.
     *
     * @param system the system
     * @param type the feature's type, its key
     * @param factory makes it, once, when no extension provides it; must not ask for another feature
     * @param <T> the feature's type
     * @return the system's one instance
     * @throws NullPointerException if {@code system} is null
     * @throws IllegalArgumentException if {@code system} is not one this runtime made
     */
    public static <T> T feature(ActorSystem system, Class<T> type, Function<ActorSystem, ? extends T> factory) {
        return local(system).feature(type, s -> SystemExtension.provided(s, type).orElseGet(() -> factory.apply(s)));
    }

    private static LocalActorSystem local(ActorSystem system) {
        Objects.requireNonNull(system, "system must not be null");
        if (system instanceof LocalActorSystem local) {
            return local;
        }
        throw new IllegalArgumentException(system + " was not made by ActorSystem.create");
    }

    /**
     * The owner of an actor's holdings in a feature (its names, its subscriptions), made on first use with
     * the termination hook that releases it: the one place where features tie what they hold to an actor's
     * life. Only this system's actors are accepted, since only their termination can release anything.
     *
     * @param system the feature's system
     * @param owners the feature's owners by actor
     * @param actor the actor
     * @param create makes a fresh owner
     * @param release runs once the actor has terminated, on the terminating actor's thread before its
     *     watchers are told, or at once on this thread if it is already dead (the owner is then released
     *     when this returns)
     * @param <O> the feature's owner type
     * @return the actor's owner
     * @throws IllegalArgumentException if {@code actor} is not an actor of {@code system}
     */
    public static <O> O ownerOf(ActorSystem system, ConcurrentMap<ActorRef<?>, O> owners, ActorRef<?> actor,
                                Function<ActorRef<?>, O> create, Consumer<O> release) {
        O owner = owners.get(actor);
        if (owner != null) {
            return owner;
        }
        LocalActors.of(system, actor);
        O fresh = create.apply(actor);
        owner = owners.putIfAbsent(actor, fresh);
        if (owner != null) {
            return owner;
        }
        // outside the map's update: the hook runs at once, here, if the actor is already dead
        onTermination(actor, reason -> release.accept(fresh));
        return fresh;
    }

    /**
     * Runs {@code hook} as the actor terminates, on its thread before its watchers are told; at once on
     * this thread if it already has.
     *
     * @param actor an actor of this runtime
     * @param hook gets the exit reason
     */
    public static void onTermination(ActorRef<?> actor, Consumer<ExitReason> hook) {
        TerminationHooks.onTermination(actor, hook);
    }

    /**
     * @param ref any ref
     * @return true if it is an actor of this runtime (not a test double or a promise)
     */
    public static boolean isActor(ActorRef<?> ref) {
        return ref instanceof ActorCell<?>;
    }

    /**
     * @param ref any ref
     * @return the number of messages queued for it; 0 for a ref that is not an actor of this runtime
     */
    public static int mailboxSize(ActorRef<?> ref) {
        return ref instanceof ActorCell<?> cell ? cell.mailboxSize() : 0;
    }

    /**
     * Sends a message of the runtime's own (a registry notice, a supervisor's reply): never blocks or
     * throws; a full or dead recipient turns it into a dead letter.
     *
     * @param to the recipient
     * @param message the message
     */
    public static void deliver(ActorRef<?> to, Object message) {
        RuntimeSends.deliver(to, message);
    }

    /**
     * @param system a system made by this runtime
     * @return where a feature reports monitor events for it
     */
    public static Events events(ActorSystem system) {
        return new Events(Monitoring.of(system));
    }

    /** A system's monitor as features see it. Threads: any. */
    public static final class Events {
        private final Monitoring monitoring;

        private Events(Monitoring monitoring) {
            this.monitoring = monitoring;
        }

        /** @return true if events are wanted at all (build them only then) */
        public boolean enabled() {
            return Monitoring.COMPILED_IN && monitoring.enabled();
        }

        /** @return true if per-message events are wanted */
        public boolean tracing() {
            return Monitoring.COMPILED_IN && monitoring.tracing();
        }

        /** @return the timestamp of an event happening now, on the system's clock (its scheduler's) */
        public Instant now() {
            return monitoring.now();
        }

        /** @param event reported to the monitor; a failing monitor is logged, never thrown */
        public void emit(MonitorEvent event) {
            monitoring.emit(event);
        }
    }

    /** Records a supervisor's escalation in the flight recorder (when one records). */
    public static void escalated(ActorPath supervisor, ExitReason reason) {
        if (Monitoring.COMPILED_IN) {
            FlightRecorder.escalated(supervisor, reason);
        }
    }

    // ------------------------------------------------------------------ forwarding

    /** Marks an actor that forwards: it receives messages with a time to live as {@link Timed}. */
    public interface Forwarder {}

    /**
     * A message with a time to live as a {@link Forwarder} receives it, so that it can pass the rest on.
     *
     * @param message the message
     * @param deadlineNanos when it expires, on the system scheduler's clock
     */
    public record Timed(Object message, long deadlineNanos) {}

    /** No deadline: the message never expires. */
    public static final long NO_DEADLINE = Forwarding.NO_DEADLINE;

    /**
     * @param self the forwarding actor, in its own run
     * @return the priority of the message it is handling, or null
     */
    public static Priority priorityOfCurrent(ActorRef<?> self) {
        return Forwarding.priorityOfCurrent(self);
    }

    /**
     * @param self the forwarding actor
     * @param priority the priority to keep, or null
     * @param deadlineNanos the deadline to keep, or {@link #NO_DEADLINE}
     * @return the options to forward with, or null if the deadline has passed
     */
    public static SendOptions forwardOptions(ActorRef<?> self, Priority priority, long deadlineNanos) {
        return Forwarding.options(self, priority, deadlineNanos);
    }

    // ------------------------------------------------------------------ supervision

    /**
     * An actor that supervises its children itself (the supervisor).
     *
     * <p>Threads: called on the actor's own thread.
     */
    public interface SupervisingActor {

        /**
         * Stops every child in the supervisor's own order and manner (reverse start order, each child's
         * shutdown spec); called before {@code postStop} whenever the instance goes away gracefully.
         */
        void terminateChildren();

        /**
         * Called from any thread (a snapshot being taken), so it may read only immutable state.
         *
         * @return the strategy and intensity this supervisor was built with
         */
        ActorSnapshot.Supervision supervision();

        /**
         * Marks a factory of supervisors built from a spec: its actor runs on the system's supervision
         * dispatcher with an unbounded mailbox, and a spawn with other props is refused.
         */
        interface Factory {}
    }

    /**
     * Receives the lifecycle of children spawned by a supervisor.
     *
     * <p>Threads: called on the child's thread, possibly concurrently for different children; an
     * implementation only records the event and wakes its supervisor.
     */
    public interface ChildListener {

        /**
         * The child finished starting: {@code preStart} returned (for a child supervisor: all its own
         * children started). Also after each in-place restart.
         *
         * @param child the child
         * @param incarnation which instance this is: 1 for the first, then one more per in-place restart
         * @param startInfo what its {@code preStart} handed over with {@link RuntimeAccess#startInfo}, or null
         */
        void started(ActorRef<?> child, int incarnation, Object startInfo);

        /**
         * The child's {@code preStart} answered {@link RuntimeAccess#ignoreStart ignore}: it is not started, and
         * is already stopping with reason normal; {@link #terminated} follows.
         *
         * @param child the child
         */
        void ignored(ActorRef<?> child);

        /**
         * The child's handler threw and its {@code onFailure} escalated (or a health check crashed it): it is
         * suspended, its mailbox kept, waiting for {@link RuntimeAccess#restart} or a stop.
         *
         * @param child the child
         * @param incarnation the instance that failed, so that a failure already dealt with by a restart
         *     can be told from a new one
         * @param cause what it threw
         */
        void failed(ActorRef<?> child, int incarnation, Throwable cause);

        /**
         * The child finished {@link RuntimeAccess#halt}: its instance and children are gone, its mailbox kept.
         *
         * @param child the child
         */
        void halted(ActorRef<?> child);

        /**
         * The child terminated, for whatever reason; its name is free again.
         *
         * @param child the child
         * @param reason why
         */
        void terminated(ActorRef<?> child, ExitReason reason);
    }

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

package io.otp4j.supervisor;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.InvalidActorNameException;
import io.otp4j.actor.Props;
import io.otp4j.actor.SystemTerminatedException;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.internal.RuntimeAccess.SupervisingActor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Entry point for supervision trees with Erlang/OTP semantics.
 *
 * <pre>{@code
 * SupervisorSpec spec = Supervisor.builder()
 *         .strategy(Strategy.ONE_FOR_ALL)
 *         .intensity(3, Duration.ofSeconds(60))
 *         .child(ChildSpec.worker("reader", Reader::new))
 *         .child(ChildSpec.worker("writer", Writer::new).withRestart(RestartType.TRANSIENT))
 *         .build();
 * SupervisorRef sup = Supervisor.start(system, "files", spec);
 * }</pre>
 *
 * <p>A supervisor is an actor. It starts its children in spec order, each one only after the previous
 * one's {@code preStart} returned (and, for a child supervisor, after all of its own children started);
 * if one fails to start, the started ones are stopped in reverse order and the supervisor's start fails
 * with the cause. It stops children in reverse start order.
 */
public final class Supervisor {

    /**
     * Unbounded whatever the system's default mailbox: a supervisor's own messages (its children's exits,
     * requests) must never be dropped or refused. On the supervision dispatcher, whatever the system's default.
     */
    private static final Props SUPERVISOR_PROPS = RuntimeAccess.props();

    private Supervisor() {}

    /** @return a builder with OTP's defaults: ONE_FOR_ONE, intensity 1 per 5 s, no auto shutdown */
    public static SupervisorSpec.Builder builder() {
        return new SupervisorSpec.Builder();
    }

    /**
     * A factory for a supervisor actor, to spawn it yourself as a plain actor (e.g. with
     * {@code ctx.spawn(name, Supervisor.behavior(spec))}). Prefer {@link #start(ActorSystem, String, SupervisorSpec)}
     * at the top, {@link #start(ActorContext, String, SupervisorSpec)} or {@link #spawn} under an ordinary actor,
     * and {@link ChildSpec#supervisor} inside a tree: they give a {@link SupervisorRef}.
     *
     * <p>The factory carries the props supervisors run with: the system's supervision dispatcher (see
     * {@link #start(ActorSystem, String, SupervisorSpec)}) and an unbounded mailbox, whatever the system's
     * defaults. A supervisor waits for its children on its own thread, so on a dispatcher where a child could
     * share that thread (a calling-thread dispatcher, a pool of one) it would wait for ever, and it must never
     * lose its children's exits to a bounded mailbox: a spawn of it with props of your own is refused.
     *
     * @param spec what to supervise
     * @return a factory of supervisor instances; spawned with props other than {@link Props#defaults()}, the
     *     spawn throws {@link IllegalArgumentException}
     */
    public static Supplier<Actor<SupervisorCommand>> behavior(SupervisorSpec spec) {
        Objects.requireNonNull(spec, "spec must not be null");
        return new Behavior(() -> spec);
    }

    /** @see ChildSpec#supervisorFrom */
    static Supplier<Actor<SupervisorCommand>> computedBehavior(Supplier<SupervisorSpec> specs) {
        return new Behavior(specs);
    }

    /**
     * A factory of supervisors, marked so that the runtime spawns them with {@link #props()} only.
     *
     * @param specs the spec of each instance, computed at each start and restart
     */
    record Behavior(Supplier<SupervisorSpec> specs)
            implements Supplier<Actor<SupervisorCommand>>, SupervisingActor.Factory {
        @Override
        public Actor<SupervisorCommand> get() {
            return new SupervisorActor(Objects.requireNonNull(specs.get(), "the supervisor spec supplier returned null"),
                    null, false);
        }
    }

    /**
     * The props supervisors run with: the supervision dispatcher of the system the supervisor is spawned in,
     * and an unbounded mailbox.
     *
     * <p>Each {@link ActorSystem} has one, created with its first supervisor and released at its shutdown: a
     * small pool of platform threads ({@code otp4j-<system>-supervision-worker-<n>}) that runs supervisors
     * only, and adds spare threads while supervisors block waiting for their children. Supervisors thus never
     * wait behind user actors: however busy those keep the default dispatcher or the virtual-thread
     * dispatcher (actors that compute without end on every carrier thread included), the operating system
     * time-slices the supervision threads against theirs, so a restart decision, an escalation and a control
     * call ({@link SupervisorRef#whichChildren()} and the like) wait for OS scheduling, not for user actors.
     * The architecture documentation on supervision gives the measured latencies under such load.
     *
     * <p>The children run where their own {@link ChildSpec#props()} say: the supervision dispatcher does not
     * make a child on a saturated dispatcher start sooner.
     */
    static Props props() {
        return SUPERVISOR_PROPS;
    }

    /** How long a start waits for all the children to start unless told otherwise. */
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Starts a top-level supervisor and waits (up to 30 s) until all its children have started, like
     * Erlang's {@code supervisor:start_link}. As {@link #start(ActorSystem, String, SupervisorSpec, Duration)}.
     *
     * @param system the system
     * @param name the supervisor's name, at {@code /user/<name>}; an actor name ({@link ActorPath#isValidName})
     * @param spec what to supervise
     * @return the running supervisor
     * @throws SupervisorException with {@code START_FAILED} if a child failed to start, or not all did in time
     */
    public static SupervisorRef start(ActorSystem system, String name, SupervisorSpec spec) {
        return start(system, name, spec, DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts a top-level supervisor and waits until all its children have started, or the timeout passes.
     * Either the supervisor runs with all its children when this returns, or nothing is left of it when this
     * throws: its name is free again at once.
     *
     * <ul>
     *   <li>The arguments are checked before anything starts.</li>
     *   <li>If a child fails to start, the ones started are stopped in reverse order, the supervisor
     *       terminates, and this throws {@code START_FAILED} with the cause.</li>
     *   <li>If the timeout passes first (a child's {@code preStart} blocks, say), the start is abandoned: the
     *       name is released and this throws {@code START_FAILED}. The supervisor then stops, in reverse order,
     *       the children it started and the one still starting (as soon as its {@code preStart} returns, or
     *       after its shutdown timeout), starts no other, and terminates. The same happens if the calling
     *       thread is interrupted (its interrupt flag is kept).</li>
     * </ul>
     * The timeout is measured on the system's {@link io.otp4j.timer.Scheduler}, so a manual scheduler in tests
     * decides when it passes.
     *
     * @param system the system
     * @param name the supervisor's name, at {@code /user/<name>}; an actor name ({@link ActorPath#isValidName})
     * @param spec what to supervise
     * @param timeout how long to wait for all children to start; positive
     * @return the running supervisor
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the timeout is not positive
     * @throws InvalidActorNameException if the name breaks the grammar or is taken
     * @throws SystemTerminatedException if the system is shutting down or terminated
     * @throws SupervisorException with {@code START_FAILED} if a child failed to start (the cause is attached),
     *     or not all started within the timeout
     */
    public static SupervisorRef start(ActorSystem system, String name, SupervisorSpec spec, Duration timeout) {
        Objects.requireNonNull(system, "system must not be null");
        checkStart(name, spec, timeout);
        return SupervisorStart.begin(system.scheduler(), name, spec, timeout,
                factory -> system.spawn(name, factory, SUPERVISOR_PROPS)).await();
    }

    /**
     * Starts a supervisor as a child of the calling actor, and tells when all its children have started:
     * the start of {@link #start(ActorSystem, String, SupervisorSpec)} for code that must not block. As
     * {@link #start(ActorContext, String, SupervisorSpec, Duration)}, with 30 s for the children to start.
     *
     * @param ctx the calling actor's context
     * @param name the supervisor's name among the actor's children ({@link ActorPath#isValidName})
     * @param spec what to supervise
     * @return completes with the running supervisor, or fails with {@link SupervisorException} {@code START_FAILED}
     */
    public static CompletionStage<SupervisorRef> start(ActorContext<?> ctx, String name, SupervisorSpec spec) {
        return start(ctx, name, spec, DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts a supervisor as a child of the calling actor, and tells when all its children have started: the
     * answer {@link #start(ActorSystem, String, SupervisorSpec, Duration)} gives at the top of a tree, as a
     * stage, for an actor that must not block ({@code ctx.pipeToSelf(Supervisor.start(ctx, "jobs", spec), ...)}).
     * Either the supervisor runs with all its children when the stage completes, or nothing is left of it when
     * the stage fails, with the same {@link SupervisorException} {@code START_FAILED} (the cause attached, or
     * the timeout named), and its name is free again among the actor's children.
     *
     * <p>The supervisor is the root of its own tree: nothing above it escalates, and a
     * {@link SupervisorEvent.RootTerminated} is published when it terminates. It stops with the calling actor.
     * The timeout is measured on the system's {@link io.otp4j.timer.Scheduler}.
     *
     * <p>Threads: call it from the actor's own hooks, as any {@link ActorContext} method. The stage completes on
     * the supervisor's thread or the scheduler's: use {@link ActorContext#pipeToSelf}, never block on it.
     *
     * @param ctx the calling actor's context
     * @param name the supervisor's name among the actor's children ({@link ActorPath#isValidName})
     * @param spec what to supervise
     * @param timeout how long its children may take to start; positive
     * @return completes with the running supervisor, or fails with {@link SupervisorException} {@code START_FAILED}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the timeout is not positive
     * @throws InvalidActorNameException if the name breaks the grammar or is taken; nothing was spawned
     * @throws IllegalStateException if the calling actor is stopping
     */
    public static CompletionStage<SupervisorRef> start(ActorContext<?> ctx, String name, SupervisorSpec spec,
                                                       Duration timeout) {
        Objects.requireNonNull(ctx, "ctx must not be null");
        checkStart(name, spec, timeout);
        return SupervisorStart.begin(ctx.system().scheduler(), name, spec, timeout,
                factory -> ctx.spawn(name, factory, SUPERVISOR_PROPS)).result();
    }

    /**
     * Spawns a supervisor as a child of the calling actor and returns its handle at once, without waiting for
     * its children to start (use {@link #start(ActorContext, String, SupervisorSpec)} to learn when they
     * have). A child that fails to start makes the supervisor terminate, which the calling actor sees as the
     * exit of any child it spawned. It runs with the props of {@link #behavior}.
     *
     * <p>Threads: call it from the actor's own hooks, as any {@link ActorContext} method.
     *
     * @param ctx the calling actor's context
     * @param name the supervisor's name among the actor's children ({@link ActorPath#isValidName})
     * @param spec what to supervise
     * @return the supervisor, its calls waiting {@link SupervisorRef#DEFAULT_TIMEOUT}
     * @throws NullPointerException if an argument is null
     * @throws InvalidActorNameException if the name breaks the grammar or is taken; nothing was spawned
     * @throws IllegalStateException if the calling actor is stopping
     */
    public static SupervisorRef spawn(ActorContext<?> ctx, String name, SupervisorSpec spec) {
        Objects.requireNonNull(ctx, "ctx must not be null");
        ActorPath.requireValidName("actor name", name);
        return new SupervisorRef(ctx.spawn(name, behavior(spec), SUPERVISOR_PROPS));
    }

    private static void checkStart(String name, SupervisorSpec spec, Duration timeout) {
        ActorPath.requireValidName("actor name", name);
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("start timeout must be positive: " + timeout);
        }
    }

    /**
     * From a child's {@code preStart}: the child does not start, as when an OTP child's {@code init} returns
     * {@code ignore}. Once {@code preStart} returns, the child stops with reason normal, before it handles any
     * message ({@code postStop} runs), and its supervisor answers its start with {@link StartResult.Ignored}.
     * A static supervisor keeps the spec, listed without a ref ({@link ChildStatus#UNDEFINED}), to be started
     * again by {@link SupervisorRef#restartChild} (a temporary child's spec is dropped); a SIMPLE_ONE_FOR_ONE
     * supervisor keeps nothing. An automatic restart that is ignored leaves the child so, and is not retried.
     *
     * @param ctx the child's context, in its {@code preStart}
     * @throws NullPointerException if {@code ctx} is null
     * @throws IllegalStateException outside the {@code preStart} of a supervisor's child, or if that
     *     {@code preStart} already answered its start
     */
    public static void ignoreStart(ActorContext<?> ctx) {
        RuntimeAccess.ignoreStart(Objects.requireNonNull(ctx, "ctx must not be null"));
    }

    /**
     * From a child's {@code preStart}: extra information its supervisor hands back with the child's ref, as
     * OTP's {@code {ok, Pid, Info}}: in {@link StartResult.Started#info()} of
     * {@link SupervisorRef#startChild(ChildSpec)} and {@link SupervisorRef#restartChild}. The supervisor does
     * nothing else with it; starts that no one asked for (the supervisor's own start, automatic restarts)
     * drop it.
     *
     * @param ctx the child's context, in its {@code preStart}
     * @param info the information, e.g. the port a listener bound
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException outside the {@code preStart} of a supervisor's child, or if that
     *     {@code preStart} already answered its start
     */
    public static void startInfo(ActorContext<?> ctx, Object info) {
        RuntimeAccess.startInfo(Objects.requireNonNull(ctx, "ctx must not be null"),
                Objects.requireNonNull(info, "info must not be null"));
    }
}

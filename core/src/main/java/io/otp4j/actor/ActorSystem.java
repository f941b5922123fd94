package io.otp4j.actor;

import io.otp4j.timer.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * A tree of actors with the threads that run them. Top-level actors live under {@code /user}.
 *
 * <pre>{@code
 * try (var system = ActorSystem.create("demo")) {
 *     ActorRef<Counter.Msg> counter = system.spawn("counter-1", Counter::new);
 *     counter.tell(new Counter.Increment(1));
 * }
 * }</pre>
 *
 * <p>Threads: every method may be called from any thread. {@link #close()} stops all actors top-down
 * (children before parents, independent subtrees concurrently), runs every {@code postStop}, waits at most
 * the configured shutdown timeout, abandons what still runs, and releases the threads; spawning after that
 * throws {@link SystemTerminatedException}. See {@link #shutdown(Duration)}.
 *
 * <p>Features built on the system are reached from their own packages, so that this one points at none of
 * them: {@code Registry.of(system)}, {@code MessageBroker.of(system)}.
 *
 * <p>Not for extension: the runtime provides the only implementation (see {@link ActorSystemProvider}).
 */
public abstract class ActorSystem implements AutoCloseable {

    /** For the runtime's implementation only. */
    protected ActorSystem() {}

    /**
     * @param name the system's name, used in addresses and thread names: 1 to 255 letters, digits,
     *     {@code -_.}, starting with a letter or digit
     * @return a new running system with default settings
     * @throws NullPointerException if the name is null
     * @throws IllegalArgumentException if the name is malformed
     */
    public static ActorSystem create(String name) {
        return create(name, ActorSystemSettings.defaults());
    }

    /**
     * @param name the system's name, as {@link #create(String)}
     * @param settings how the system runs
     * @return a new running system
     * @throws NullPointerException if an argument is null, or the settings' scheduler supplier returns null
     * @throws IllegalArgumentException if the name is malformed, or the settings' monitor throws from
     *     {@link io.otp4j.monitor.Monitor#tracesMessages()} (the exception is the cause); nothing is left
     *     running: the scheduler already built is closed again
     * @throws RuntimeException whatever a {@link SystemExtension}'s {@code start} throws: the system is closed
     *     again first
     */
    public static ActorSystem create(String name, ActorSystemSettings settings) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(settings, "settings must not be null");
        ActorNames.checkSystemName(name);
        ActorSystem system = RuntimeLookup.SYSTEMS.create(name, settings);
        List<SystemExtension> extensions = settings.systemExtensions();
        return extensions.isEmpty() ? system : startExtensions(system, extensions);
    }

    /** Starts the settings' extensions ({@link SystemExtension}); closes them, last first, once it terminates. */
    private static ActorSystem startExtensions(ActorSystem system, List<SystemExtension> extensions) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            for (SystemExtension extension : extensions) {
                started.push(Objects.requireNonNull(extension.start(system), () -> extension + ".start returned null"));
            }
        } catch (RuntimeException | Error e) {
            closeAll(started);
            system.close();
            throw e;
        }
        system.whenTerminated().whenComplete((report, failure) -> closeAll(started));
        return system;
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        for (AutoCloseable c; (c = started.poll()) != null; ) {
            try {
                c.close();
            } catch (Exception e) { // one that fails must not keep the others open
                LoggerFactory.getLogger(SystemExtension.class).warn("closing {} failed", c, e);
            }
        }
    }

    /** @return the system's name */
    public abstract String name();

    /**
     * Spawns a named top-level actor, at {@code /user/<name>}.
     *
     * @param name unique among live top-level actors; 1 to 255 characters from {@code A-Z a-z 0-9} and
     *     {@code - . _ ~ ! $ & ' ( ) * + , ; = : @}, not starting with {@code $}, not {@code .} or {@code ..}
     *     (the grammar of {@link ActorPath#isValidName}); never null
     * @param factory builds a fresh instance, at start and at each restart
     * @param <M> the actor's message type
     * @return its ref
     * @throws NullPointerException if the name or factory is null
     * @throws InvalidActorNameException if the name breaks the grammar or is taken; nothing was spawned
     * @throws SystemTerminatedException if the system is shutting down or terminated
     */
    public <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory) {
        return spawn(name, factory, Props.defaults());
    }

    /**
     * Spawns a named top-level actor with options.
     *
     * @param name as {@link #spawn(String, Supplier)}
     * @param factory builds a fresh instance
     * @param props mailbox and dispatcher
     * @param <M> the actor's message type
     * @return its ref
     */
    public abstract <M> ActorRef<M> spawn(String name, Supplier<? extends Actor<M>> factory, Props props);

    /**
     * Spawns a top-level actor with a generated name.
     *
     * @param factory builds a fresh instance
     * @param <M> the actor's message type
     * @return its ref
     */
    public <M> ActorRef<M> spawnAnonymous(Supplier<? extends Actor<M>> factory) {
        return spawnAnonymous(factory, Props.defaults());
    }

    /**
     * Spawns a top-level actor with a generated name and options.
     *
     * @param factory builds a fresh instance
     * @param props mailbox and dispatcher
     * @param <M> the actor's message type
     * @return its ref
     */
    public abstract <M> ActorRef<M> spawnAnonymous(Supplier<? extends Actor<M>> factory, Props props);

    /**
     * Stops any actor of this system with {@link ExitReason#SHUTDOWN}: children first, then
     * {@code postStop}; and tells when it is done, as OTP's {@code gen_server:stop} waits.
     *
     * <pre>{@code ExitReason reason = system.stop(ref).toCompletableFuture().get(5, TimeUnit.SECONDS);}</pre>
     *
     * <p>The stop itself is asynchronous: it acts after the actor's current message. The returned stage
     * completes once the actor has terminated ({@code postStop} run) and its watchers, links and parent have
     * been told, with the reason it terminated with: {@code shutdown}, or another reason if it was already
     * stopping for one (a kill, its own exit). If it had already terminated when the stop reached it, the
     * stage completes with {@link ExitReason#NO_PROC}, as {@code gen_server:stop} exits with {@code noproc}.
     * If the system shuts down first and abandons the actor, it completes with {@code killed}.
     *
     * <p>Threads: callable from any thread. The stage completes on the thread that ends the actor; keep its
     * callbacks short or use the async variants. Inside an actor never block on it (the actor being stopped
     * may be waiting for this one); watch the actor instead.
     *
     * @param ref the actor
     * @return a stage completed with the actor's exit reason once it has terminated
     * @throws NullPointerException if {@code ref} is null
     * @throws IllegalArgumentException if {@code ref} is not an actor of this system (another system's, even
     *     one with the same name, or not an actor at all); the message names both systems
     */
    public abstract CompletionStage<ExitReason> stop(ActorRef<?> ref);

    /**
     * Kills an actor after its current message: children are killed, no {@code postStop} runs, and
     * watchers and links see {@link ExitReason.Killed}.
     *
     * @param ref the actor
     * @throws NullPointerException if {@code ref} is null
     * @throws IllegalArgumentException as {@link #stop}
     */
    public abstract void kill(ActorRef<?> ref);

    /** @return the bus for runtime events such as dead letters */
    public abstract EventStream eventStream();

    /**
     * @return the scheduler behind timers, ask timeouts and expiry. Tasks scheduled on it directly run
     *     on a thread of their own, never on the one that fires the runtime's timers
     */
    public abstract Scheduler scheduler();

    /**
     * Walks the live actor tree without stopping anything: paths, actor classes, states, mailbox depths,
     * restart and processed counts. Cheap enough to call every second on a large system (the cost per
     * actor is measured by the benchmarks' {@code IntrospectionBenchmark}).
     *
     * @return the tree as it is now
     */
    public abstract SystemSnapshot snapshot();

    /**
     * @return the settings in effect: those this system was created with, with what it chose itself filled
     *     in ({@link ActorSystemSettings#parallelism()}, the number of threads of its own pool, when no
     *     dispatcher was given)
     */
    public abstract ActorSystemSettings settings();

    /**
     * @return a stage completed with the shutdown's report once every actor has terminated or been
     *     abandoned (see {@link #shutdown()}) and the system's threads are released
     */
    public abstract CompletionStage<ShutdownReport> whenTerminated();

    /**
     * Shuts the system down with the configured shutdown timeout; see {@link #shutdown(Duration)}.
     *
     * @return how the shutdown ended
     */
    public ShutdownReport shutdown() {
        return shutdown(settings().shutdownTimeout());
    }

    /**
     * Stops every actor and releases the system's threads.
     *
     * <ul>
     *   <li>Every actor is told to stop. A stop acts after the actor's current message, ahead of its queued
     *   messages, which go to dead letters. A parent stops after its children; independent subtrees stop
     *   concurrently (a supervisor stops its own children one at a time, in reverse start order).</li>
     *   <li>Waits at most {@code timeout} (saturated: {@code ChronoUnit.FOREVER} waits for ever). Actors
     *   still running then are abandoned, each named in the report with what it was doing: an abandoned
     *   actor runs no more of its code once its current message returns, and its messages, queued or
     *   sent later, go to dead letters.</li>
     *   <li>An actor whose dispatcher refuses to run it (closed before the system, or rejecting work) cannot
     *   stop cleanly: it ends where it stands, without its {@code postStop}, and the report names it
     *   ({@link ShutdownReport.Outcome#REFUSED}).</li>
     *   <li>When it returns, the threads are released and no actor code runs on them; every send to an
     *   actor of this system is dead-lettered, and spawning throws {@link SystemTerminatedException}.</li>
     *   <li>Called from inside one of this system's actors, it cannot wait for that actor: it begins the
     *   shutdown and returns at once with {@link ShutdownReport.Outcome#IN_PROGRESS}; a separate thread
     *   finishes it, and {@link #whenTerminated()} gives the final report.</li>
     * </ul>
     * Idempotent and thread-safe: a second call waits for, or returns, the first one's report.
     *
     * @param timeout the longest wait for the actors to stop
     * @return how the shutdown ended
     */
    public abstract ShutdownReport shutdown(Duration timeout);

    /**
     * {@link #shutdown()}, for try-with-resources: the report is logged (at WARN if not clean) and
     * available from {@link #whenTerminated()}.
     */
    @Override
    public final void close() {
        shutdown();
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name() + "]";
    }
}

package io.otp4j.actor;

import io.otp4j.timer.TimerScheduler;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * An actor's view of the runtime while it handles a message: its own ref, its children, watches, links,
 * timers.
 *
 * <p>Threads: use it only inside the actor's own hooks, on the thread that called them. The one exception
 * is {@link #self()}, whose ref may be handed to anyone.
 *
 * @param <M> the type of message the actor accepts
 */
public interface ActorContext<M> {

    /** @return this actor's own ref */
    ActorRef<M> self();

    /** @return the system this actor belongs to */
    ActorSystem system();

    /**
     * A logger named after this actor's class. While the actor runs, the first call also puts
     * {@code actorPath} and {@code actorSystem} in the SLF4J MDC until the end of the run, so every line
     * logged from then on in this message (by any logger) names the actor. Call it from the actor's own
     * thread only.
     *
     * @return the logger
     */
    Logger log();

    /**
     * Spawns a named child. The child starts asynchronously; messages sent to the returned ref are kept
     * until it has started.
     *
     * @param name unique among this actor's live children; 1 to 255 characters from {@code A-Z a-z 0-9} and
     *     {@code - . _ ~ ! $ & ' ( ) * + , ; = : @}, not starting with {@code $}, not {@code .} or {@code ..}
     *     (the grammar of {@link ActorPath#isValidName}); never null
     * @param factory builds a fresh actor instance; called again on each restart
     * @param <C> the child's message type
     * @return the child's ref
     * @throws NullPointerException if the name or factory is null
     * @throws InvalidActorNameException if the name breaks the grammar or is taken; nothing was spawned
     * @throws IllegalStateException if this actor is stopping
     */
    <C> ActorRef<C> spawn(String name, Supplier<? extends Actor<C>> factory);

    /**
     * Spawns a named child with options (mailbox, dispatcher).
     *
     * @param name as {@link #spawn(String, Supplier)}
     * @param factory builds a fresh actor instance
     * @param props mailbox and dispatcher
     * @param <C> the child's message type
     * @return the child's ref
     */
    <C> ActorRef<C> spawn(String name, Supplier<? extends Actor<C>> factory, Props props);

    /**
     * Spawns a child with a generated name ({@code $} followed by its id in base 36).
     *
     * @param factory builds a fresh actor instance
     * @param <C> the child's message type
     * @return the child's ref
     */
    <C> ActorRef<C> spawnAnonymous(Supplier<? extends Actor<C>> factory);

    /**
     * Spawns a child with a generated name and options.
     *
     * @param factory builds a fresh actor instance
     * @param props mailbox and dispatcher
     * @param <C> the child's message type
     * @return the child's ref
     */
    <C> ActorRef<C> spawnAnonymous(Supplier<? extends Actor<C>> factory, Props props);

    /** @return this actor's live children, oldest first */
    List<ActorRef<?>> children();

    /**
     * @param name a child's name
     * @return the live child with that name
     */
    Optional<ActorRef<?>> child(String name);

    /**
     * Stops this actor with {@link ExitReason#NORMAL} after the current message: its children stop
     * first (all at once; a supervisor stops its own in reverse start order), then {@code postStop} runs;
     * undelivered messages go to dead letters.
     *
     * <p>Called from {@link Actor#preStart}, the actor stops as soon as {@code preStart} returns, before it
     * handles any message: {@code postStop} runs (the start completed), and watchers and links see
     * {@code normal}. Under a supervisor the child counts as started and then exited normally: a transient
     * or temporary child is not restarted, a permanent one is (and, stopping again each time, soon exceeds
     * the restart intensity). To fail the start instead, as an Erlang {@code init} returning
     * {@code {stop, Reason}} does, throw from {@code preStart}.
     */
    void stop();

    /**
     * Stops this actor with the given reason after the current message, like Erlang's {@code exit(Reason)}.
     *
     * @param reason the exit reason watchers and links will see
     */
    void exit(ExitReason reason);

    /**
     * Sends an exit signal to another actor, like Erlang's {@code exit(Pid, Reason)}: not a link, and it
     * needs none. What the target does with it:
     * <ul>
     *   <li>{@link ExitReason#KILLED} (Erlang's {@code kill}) cannot be trapped: the target is killed as by
     *   {@link ActorSystem#kill}, without {@code postStop}, and exits with {@code killed}.</li>
     *   <li>If the target traps exits ({@link #trapExits(boolean)}), it gets {@link Signal.Exit} with this
     *   actor as {@code from} and the reason, {@code normal} included, and goes on.</li>
     *   <li>Otherwise {@link ExitReason#NORMAL} is ignored (unless the target is this actor itself, which then
     *   stops normally), and any other reason stops the target with that reason, {@code postStop} run, as if
     *   it had called {@link #exit(ExitReason)}.</li>
     * </ul>
     * An exit signal to an actor that has terminated does nothing. A supervisor, as OTP's, traps exits and
     * acts only on its parent's exit signal (and on a kill); stop it with {@link #stop(ActorRef)} or
     * {@link ActorSystem#stop}.
     *
     * @param target the actor to signal, of this actor's system
     * @param reason the reason the signal carries
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code target} is not an actor of this system
     */
    void exit(ActorRef<?> target, ExitReason reason);

    /**
     * Stops one of this actor's children with {@link ExitReason#SHUTDOWN}.
     *
     * @param child a child of this actor
     * @throws IllegalArgumentException if {@code child} is not a child of this actor
     */
    void stop(ActorRef<?> child);

    /**
     * Watches another actor (an Erlang monitor): when it terminates, this actor gets one
     * {@link Signal.Terminated} with the reason. If it has already terminated when the watch reaches it, the
     * signal comes at once with {@link ExitReason#NO_PROC} instead of its reason, as Erlang's monitor answers
     * {@code noproc}. Watching twice is one watch.
     *
     * @param other the actor to watch
     */
    void watch(ActorRef<?> other);

    /**
     * Watches another actor, and on its termination receives {@code message} instead of a signal.
     *
     * @param other the actor to watch
     * @param message what to receive when it terminates
     */
    void watchWith(ActorRef<?> other, M message);

    /**
     * Stops watching; a termination notice already on its way is discarded.
     *
     * @param other the watched actor
     */
    void unwatch(ActorRef<?> other);

    /**
     * Links this actor with another, both ways (an Erlang link): when either exits with any reason other
     * than {@link ExitReason.Normal} (a failure, a kill, and also {@code shutdown}, as in Erlang) the other
     * exits with the same reason, unless it traps exits, in which case it gets a {@link Signal.Exit}.
     * Linking to an actor that has already terminated delivers an exit with {@link ExitReason#NO_PROC} at
     * once, as in Erlang: a {@link Signal.Exit} when trapping exits, else this actor exits with
     * {@code noproc}.
     *
     * @param other the actor to link with
     */
    void link(ActorRef<?> other);

    /**
     * Removes a link, both ways.
     *
     * @param other the linked actor
     */
    void unlink(ActorRef<?> other);

    /**
     * While true, exits of linked actors and exit signals ({@link #exit(ActorRef, ExitReason)}) arrive as
     * {@link Signal.Exit} instead of stopping this actor; a kill still kills.
     *
     * @param trap whether to trap exits
     */
    void trapExits(boolean trap);

    /** @return this actor's timers; all are cancelled when it stops or restarts */
    TimerScheduler<M> timers();

    /**
     * Delivers the outcome of an asynchronous computation to this actor as a message, so that its state is
     * only ever touched from {@code receive}.
     *
     * @param stage the computation
     * @param toMessage maps (value, failure) to a message; exactly one of the two is non-null
     * @param <T> the value type
     */
    <T> void pipeToSelf(CompletionStage<T> stage, BiFunction<? super T, Throwable, ? extends M> toMessage);
}

package io.otp4j.actor;

import java.util.function.Function;

/**
 * An actor: private state changed only by the messages it receives, one at a time.
 *
 * <p>An actor handles messages of one type {@code M}, usually a sealed interface of records, so that
 * {@code receive} is an exhaustive {@code switch}. The runtime creates actors from a factory (see
 * {@link ActorSystem#spawn(String, java.util.function.Supplier)}) so that a restart gets a fresh instance.
 *
 * <p>Threads: every method here is called by the runtime, never by two threads at once, and each call
 * happens-after the previous one. Never call them yourself.
 *
 * <p>Lifecycle: {@link #preStart} runs once before the first message; {@link #receive} runs per message;
 * {@link #postStop} runs once after the last message and after all children have stopped. On a restart
 * the old instance's {@code postStop} runs, then a new instance is built by the factory and its
 * {@code preStart} runs; the mailbox is kept.
 *
 * <p>Failures ("let it crash"): an exception thrown by {@code receive} or {@code onSignal} is passed to
 * {@link #onFailure}, whose {@link ErrorAction} decides what happens next. The default escalates to the
 * parent; a parent that is not a supervisor stops the failed child, whose watchers and links then see
 * {@link ExitReason.Failed}.
 *
 * @param <M> the type of message this actor accepts
 */
public interface Actor<M> {

    /**
     * An actor built from its context, like Pekko's {@code Behaviors.setup}: the runtime calls
     * {@code factory} with the actor's context each time it builds an instance (at start and at each
     * restart), just before that instance's {@link #preStart}, so that fields needing {@code self()}, a
     * child or a timer can be final and set in the constructor.
     *
     * <pre>{@code
     * final class Ticker implements Actor<Ticker.Msg> {
     *     private final ActorRef<Msg> self;
     *
     *     Ticker(ActorContext<Msg> ctx) {
     *         this.self = ctx.self();
     *     }
     *     ...
     * }
     * ActorRef<Ticker.Msg> ticker = system.spawn("ticker", () -> Actor.setup(Ticker::new));
     * }</pre>
     *
     * <p>Wherever a factory is asked for (a spawn, a {@code ChildSpec}, a {@code ChildTemplate}), return
     * {@code Actor.setup(...)} from it. The factory may use the context as {@code preStart} may; a failure in
     * it is a failure to start, as one in {@code preStart}. The returned value is only a placeholder for the
     * runtime to replace: it handles no message itself.
     *
     * @param factory builds the actor from its context; must not return null
     * @param <M> the actor's message type
     * @return a placeholder the runtime replaces by what {@code factory} builds
     * @throws NullPointerException if {@code factory} is null
     */
    static <M> Actor<M> setup(Function<? super ActorContext<M>, ? extends Actor<M>> factory) {
        return new SetupActor<>(factory);
    }

    /**
     * Handles one message.
     *
     * @param message the message, never {@code null}
     * @param ctx this actor's context, valid only during this call and on this thread
     * @throws Exception any failure; it goes to {@link #onFailure}
     */
    void receive(M message, ActorContext<M> ctx) throws Exception;

    /**
     * Runs once before the first message (and on each fresh instance after a restart).
     * A failure here stops the actor with {@link ExitReason.Failed}. Calling {@link ActorContext#stop()}
     * here stops it once this returns, before any message, {@code postStop} included (see there).
     *
     * @param ctx this actor's context
     * @throws Exception any failure
     */
    default void preStart(ActorContext<M> ctx) throws Exception {}

    /**
     * Runs once when the actor stops or before it is replaced by a restart, after its children have
     * stopped. Messages told from here are delivered as usual; messages to itself go to dead letters.
     * A failure here is logged and published as an event; the stop goes on.
     * Not called when the actor is killed ({@link ExitReason.Killed}).
     *
     * @param ctx this actor's context
     * @throws Exception any failure
     */
    default void postStop(ActorContext<M> ctx) throws Exception {}

    /**
     * Handles a runtime signal: a watched actor terminated ({@link Signal.Terminated}) or, when trapping
     * exits, a linked actor exited ({@link Signal.Exit}). The default ignores signals.
     *
     * @param signal the signal
     * @param ctx this actor's context
     * @throws Exception any failure; it goes to {@link #onFailure}
     */
    default void onSignal(Signal signal, ActorContext<M> ctx) throws Exception {}

    /**
     * Decides what to do after {@code receive} or {@code onSignal} threw. The default,
     * {@link ErrorAction#ESCALATE}, hands the decision to the parent (a supervisor applies its strategy;
     * any other parent stops the child). If this method itself throws, the actor stops.
     *
     * <p>Not called for a {@link VirtualMachineError} ({@link OutOfMemoryError}, {@link StackOverflowError},
     * {@link InternalError}): the instance's state can no longer be trusted, so it is never resumed; the
     * actor stops with the error as its exit reason ({@link ExitReason.Failed}), which its parent or
     * supervisor handles as any crash (a supervisor may restart it with a fresh instance).
     *
     * @param cause what was thrown
     * @param ctx this actor's context
     * @return what the runtime does next
     */
    default ErrorAction onFailure(Throwable cause, ActorContext<M> ctx) {
        return ErrorAction.ESCALATE;
    }
}

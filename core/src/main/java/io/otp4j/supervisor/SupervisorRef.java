package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSnapshot;
import io.otp4j.actor.DeadActorException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A handle on a running supervisor: OTP's supervisor API as asynchronous calls. Each method sends one
 * request; the supervisor answers after finishing whatever it was doing (a restart, say), so answers
 * reflect a settled state. Failures come as {@link SupervisorException} with OTP's error names.
 *
 * <p>Each call watches the supervisor until it answers, as Erlang's {@code gen:call} does: a call to a
 * supervisor that is not running, or that terminates before answering (a request that reached it as it
 * stopped), fails at once with {@link SupervisorException.Error#NO_SUPERVISOR}. Only a supervisor that lives
 * but does not answer within {@link #timeout()} ({@link #DEFAULT_TIMEOUT}, 30 s, unless set with
 * {@link #withTimeout}) makes a call fail with {@link io.otp4j.actor.AskTimeoutException}; the request may
 * still be carried out after that. The timeout is measured on the system's {@link io.otp4j.timer.Scheduler},
 * so a manual scheduler in tests decides when it passes. OTP's supervisor calls wait for ever
 * ({@code infinity}); {@code withTimeout(ChronoUnit.FOREVER.getDuration())} does the same.
 *
 * <p>A handle comes from the supervisor's start ({@link Supervisor#start}, {@link Supervisor#spawn}) or from
 * its parent ({@link #childSupervisor(String)}): it cannot be built around any other ref. Equal when the
 * supervisor and the timeout are.
 *
 * <p>Threads: safe from any thread. Do not block on the stages inside an actor.
 */
public final class SupervisorRef {

    /** How long a call waits for the answer unless {@link #withTimeout} says otherwise: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final ActorRef<SupervisorCommand> ref;
    private final Duration timeout;

    /**
     * @param ref the supervisor actor
     * @param timeout how long each call waits for the answer; positive
     * @throws IllegalArgumentException if the timeout is not positive
     */
    private SupervisorRef(ActorRef<SupervisorCommand> ref, Duration timeout) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("call timeout must be positive: " + timeout);
        }
    }

    /** @param ref a supervisor actor this package spawned or found in a tree; calls wait {@link #DEFAULT_TIMEOUT} */
    SupervisorRef(ActorRef<SupervisorCommand> ref) {
        this(ref, DEFAULT_TIMEOUT);
    }

    /**
     * A handle on a supervisor found in a snapshot of the tree, for tools that act on what they show (an
     * observer restarting a child through its supervisor).
     *
     * @param actor an actor of a snapshot
     * @return a handle whose calls wait {@link #DEFAULT_TIMEOUT}, if the actor was a supervisor built from a
     *     spec ({@link ActorSnapshot#supervision()} present); empty for any other actor
     */
    @SuppressWarnings("unchecked") // only a supervisor built from a spec reports a supervision
    public static Optional<SupervisorRef> of(ActorSnapshot actor) {
        Objects.requireNonNull(actor, "actor must not be null");
        return actor.supervision().map(s -> new SupervisorRef((ActorRef<SupervisorCommand>) actor.ref()));
    }

    /** @return the supervisor actor, to watch it, stop it or hand it on */
    public ActorRef<SupervisorCommand> ref() {
        return ref;
    }

    /** @return how long each call waits for the supervisor's answer */
    public Duration timeout() {
        return timeout;
    }

    /**
     * @param value how long each call through the copy waits for the answer; positive (a duration too long
     *     for a {@code long} of nanoseconds, such as {@code ChronoUnit.FOREVER.getDuration()}, never passes)
     * @return a handle on the same supervisor whose calls wait that long
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public SupervisorRef withTimeout(Duration value) {
        return new SupervisorRef(ref, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SupervisorRef s && s.ref.equals(ref) && s.timeout.equals(timeout);
    }

    @Override
    public int hashCode() {
        return 31 * ref.hashCode() + timeout.hashCode();
    }

    @Override
    public String toString() {
        return "SupervisorRef[" + ref + ", timeout=" + timeout + "]";
    }

    /**
     * A handle on a child supervisor of this one, by id: a child built by {@link ChildSpec#supervisor} or
     * {@link ChildSpec#supervisorFrom}. Its calls wait as long as this handle's.
     *
     * @param id the child's id
     * @return the child supervisor, or empty while it is not running; fails with NOT_FOUND if there is no such
     *     child or it is not a supervisor built from a spec (a {@link ChildSpec#supervisingActor} is an actor of
     *     yours), or with SIMPLE_ONE_FOR_ONE (ask by ref there)
     */
    public CompletionStage<Optional<SupervisorRef>> childSupervisor(String id) {
        Objects.requireNonNull(id, "id must not be null");
        return childSupervisor(r -> new Commands.ChildSupervisor(id, null, r));
    }

    /**
     * A handle on a child supervisor of this SIMPLE_ONE_FOR_ONE supervisor, whose template is
     * {@link ChildTemplate#supervisor}, by the ref {@link #startChild(ChildTemplate, Object)} gave.
     *
     * @param child the child's ref
     * @return the child supervisor, or empty while it is not running; fails with NOT_FOUND if it is no child
     *     of this supervisor or not a supervisor built from a spec, and always on other strategies, whose
     *     children are found by id only
     */
    public CompletionStage<Optional<SupervisorRef>> childSupervisor(ActorRef<SupervisorCommand> child) {
        Objects.requireNonNull(child, "child must not be null");
        return childSupervisor(r -> new Commands.ChildSupervisor(null, child, r));
    }

    @SuppressWarnings("unchecked")
    private CompletionStage<Optional<SupervisorRef>> childSupervisor(
            Function<ActorRef<Commands.Reply>, Commands.Control> request) {
        return call(request).thenApply(v -> ((Optional<ActorRef<SupervisorCommand>>) v)
                .map(child -> new SupervisorRef(child, timeout)));
    }

    /** @return each child spec with its current ref and status, in start order ({@code which_children}) */
    @SuppressWarnings("unchecked")
    public CompletionStage<List<ChildInfo>> whichChildren() {
        return call(Commands.WhichChildren::new).thenApply(v -> (List<ChildInfo>) v);
    }

    /**
     * The current ref of a child, typed by the spec it was declared with, so no cast is needed:
     * {@code ActorRef<Worker.Msg> w = sup.child(WORKER).toCompletableFuture().join().orElseThrow();}.
     * A child restarted in place keeps its ref; one started afresh (after it terminated for good) has a new one.
     *
     * @param spec the spec the child was declared or started with (the same object, or an equal one)
     * @param <M> the child's message type
     * @return the ref, or empty while the child is not running; fails with NOT_FOUND if this supervisor has no
     *     child with that spec (for SIMPLE_ONE_FOR_ONE children, keep the ref {@link #startChild(Object)} gives)
     */
    @SuppressWarnings("unchecked")
    public <M> CompletionStage<Optional<ActorRef<M>>> child(ChildSpec<M> spec) {
        Objects.requireNonNull(spec, "spec");
        return call(r -> new Commands.ChildRef(spec, r)).thenApply(v -> (Optional<ActorRef<M>>) v);
    }

    /**
     * The current ref of a child, by id: the untyped sibling of {@link #child(ChildSpec)}, for when the spec
     * object is not at hand.
     *
     * @param id the child's id
     * @return the ref, or empty while the child is not running; fails with NOT_FOUND, or SIMPLE_ONE_FOR_ONE
     *     (dynamic children have no id to ask by: keep the ref {@link #startChild(Object)} gives)
     */
    public CompletionStage<Optional<ActorRef<?>>> child(String id) {
        return whichChild(id).thenApply(ChildInfo::ref);
    }

    /**
     * One child's row of {@link #whichChildren()} ({@code which_child}).
     *
     * @param id the child's id
     * @return its id, ref, status and type; fails with NOT_FOUND, or SIMPLE_ONE_FOR_ONE (ask by ref there)
     */
    public CompletionStage<ChildInfo> whichChild(String id) {
        Objects.requireNonNull(id, "id");
        return call(r -> new Commands.WhichChild(id, null, r)).thenApply(v -> (ChildInfo) v);
    }

    /**
     * One child of a SIMPLE_ONE_FOR_ONE supervisor, by ref ({@code which_child} with a pid).
     *
     * @param child the child's ref
     * @return its row of {@link #whichChildren()}; fails with NOT_FOUND if it is not a child of this
     *     supervisor, and always on other strategies, whose children are found by id only, as in OTP
     */
    public CompletionStage<ChildInfo> whichChild(ActorRef<?> child) {
        Objects.requireNonNull(child, "child");
        return call(r -> new Commands.WhichChild(null, child, r)).thenApply(v -> (ChildInfo) v);
    }

    /**
     * The spec a child was declared or started with ({@code get_childspec}), the very object.
     *
     * @param id the child's id
     * @return its spec; fails with NOT_FOUND, or SIMPLE_ONE_FOR_ONE (whose one spec is
     *     {@link SupervisorSpec#template()})
     */
    public CompletionStage<ChildSpec<?>> childSpec(String id) {
        Objects.requireNonNull(id, "id");
        return call(r -> new Commands.GetChildSpec(id, r)).thenApply(v -> (ChildSpec<?>) v);
    }

    /** @return counts of specs, active children, supervisors and workers ({@code count_children}) */
    public CompletionStage<ChildCounts> countChildren() {
        return call(Commands.CountChildren::new).thenApply(v -> (ChildCounts) v);
    }

    /**
     * Stops a child as its shutdown spec says; a non-temporary child's spec is kept, so
     * {@link #restartChild} can start it again ({@code terminate_child}).
     *
     * @param id the child's id
     * @return completes when the child has stopped; fails with NOT_FOUND, or SIMPLE_ONE_FOR_ONE
     */
    public CompletionStage<Void> terminateChild(String id) {
        Objects.requireNonNull(id, "id");
        return call(r -> new Commands.TerminateChild(id, null, r)).thenApply(v -> null);
    }

    /**
     * Stops a SIMPLE_ONE_FOR_ONE child given its ref, and forgets it ({@code terminate_child(Sup, Pid)}). As in
     * OTP: a child whose restart is due is found by the ref it had, and is not restarted; a ref that is no child
     * of this supervisor fails with NOT_FOUND while its actor lives, and completes normally once it has
     * terminated (a child that already went, say). Other supervisors address their children by id only:
     * there, any ref fails with NOT_FOUND.
     *
     * @param child the child's ref
     * @return completes when it has stopped; fails with NOT_FOUND
     */
    public CompletionStage<Void> terminateChild(ActorRef<?> child) {
        Objects.requireNonNull(child, "child");
        return call(r -> new Commands.TerminateChild(null, child, r)).thenApply(v -> null);
    }

    /**
     * Starts a terminated child again from its spec ({@code restart_child}).
     *
     * @param id the child's id
     * @return its new ref with its start info, or {@link StartResult.Ignored} if it ignored its start (it stays
     *     without a ref); fails with RUNNING, RESTARTING, NOT_FOUND, START_FAILED (with
     *     {@link SupervisorException#exitReason()}) or SIMPLE_ONE_FOR_ONE
     */
    public CompletionStage<StartResult<?>> restartChild(String id) {
        Objects.requireNonNull(id, "id");
        return call(r -> new Commands.RestartChild(id, r)).thenApply(v -> (StartResult<?>) v);
    }

    /**
     * Removes the spec of a terminated child ({@code delete_child}).
     *
     * @param id the child's id
     * @return completes when removed; fails with RUNNING, RESTARTING, NOT_FOUND or SIMPLE_ONE_FOR_ONE
     */
    public CompletionStage<Void> deleteChild(String id) {
        Objects.requireNonNull(id, "id");
        return call(r -> new Commands.DeleteChild(id, r)).thenApply(v -> null);
    }

    /**
     * Adds a child spec and starts the child, after the existing ones ({@code start_child/2}).
     *
     * @param spec the child spec
     * @param <M> the child's message type
     * @return its ref with its start info, or {@link StartResult.Ignored} if it ignored its start (the spec is
     *     then kept without a ref, unless temporary); fails with ALREADY_STARTED (while a child with that id
     *     runs: its ref is {@link SupervisorException#child()}), ALREADY_PRESENT (the id's child does not run),
     *     START_FAILED (with the child's id and {@link SupervisorException#exitReason()}), INVALID_SPEC or
     *     SIMPLE_ONE_FOR_ONE
     */
    @SuppressWarnings("unchecked")
    public <M> CompletionStage<StartResult<M>> startChild(ChildSpec<M> spec) {
        Objects.requireNonNull(spec, "spec");
        return call(r -> new Commands.StartChild(spec, r)).thenApply(v -> (StartResult<M>) v);
    }

    /**
     * Starts a child of a SIMPLE_ONE_FOR_ONE supervisor from its template and an argument.
     *
     * @param argument passed to the template's factory, at start and at each restart
     * @return the child's ref (its id is its name) with its start info, or {@link StartResult.Ignored} if it
     *     ignored its start (nothing is kept); fails with START_FAILED or SIMPLE_ONE_FOR_ONE
     */
    public CompletionStage<StartResult<?>> startChild(Object argument) {
        Objects.requireNonNull(argument, "argument");
        return call(r -> new Commands.StartDynamicChild(null, argument, r)).thenApply(v -> (StartResult<?>) v);
    }

    /**
     * Starts a child of a SIMPLE_ONE_FOR_ONE supervisor, typed by the template it was built with, so no cast is
     * needed: {@code ActorRef<Session.Msg> s = sessions.startChild(SESSIONS, "alice").toCompletableFuture().join()
     * .orElseThrow();}.
     *
     * @param template the template this supervisor was built with (the same object, or an equal one)
     * @param argument passed to the template's factory, at start and at each restart
     * @param <A> the argument type
     * @param <M> the children's message type
     * @return the child's ref with its start info, or {@link StartResult.Ignored} if it ignored its start;
     *     fails with START_FAILED, SIMPLE_ONE_FOR_ONE, or NOT_FOUND if the supervisor was built with another
     *     template
     */
    @SuppressWarnings("unchecked")
    public <A, M> CompletionStage<StartResult<M>> startChild(ChildTemplate<A, M> template, A argument) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(argument, "argument");
        return call(r -> new Commands.StartDynamicChild(template, argument, r)).thenApply(v -> (StartResult<M>) v);
    }

    /**
     * Sends one request and watches the supervisor until the answer: if it terminates first (or already has),
     * the stage fails at once with NO_SUPERVISOR instead of waiting out the timeout.
     */
    private CompletionStage<Object> call(Function<ActorRef<Commands.Reply>, Commands.Control> request) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        PendingCalls.track(ref, result);
        if (result.isDone()) {
            return result;
        }
        CompletionStage<Commands.Reply> answer;
        try {
            answer = ref.ask(request, timeout);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        answer.whenComplete((reply, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
                result.completeExceptionally(cause instanceof DeadActorException
                        ? PendingCalls.noSupervisor(ref, cause) : cause);
            } else if (reply.error() != null) {
                result.completeExceptionally(reply.error());
            } else {
                result.complete(reply.value());
            }
        });
        return result;
    }
}

package io.otp4j.supervisor;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorLimitExceededException;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSnapshot;
import io.otp4j.actor.AskTimeoutException;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.internal.RuntimeAccess.SupervisingActor;
import io.otp4j.supervisor.ChildInbox.Event;
import io.otp4j.supervisor.Commands.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A supervisor: OTP's {@code supervisor} behaviour as an otp4j actor.
 *
 * <h2>Design</h2>
 * Children report their lifecycle to a {@link ChildInbox}; the supervisor handles one event at a time,
 * and each handling is a straight sequence like OTP's: "terminate these in reverse start order, waiting
 * for each; restart those in start order, waiting for each". While it waits for one child, events of
 * the others are set aside and handled after, in order. Control requests ({@link SupervisorRef}) are
 * messages handled between events.
 *
 * <h2>Restarts keep the ref</h2>
 * A child that crashed is suspended by the runtime, not stopped; restarting it builds a fresh instance
 * in the same cell, so its ref stays valid and its mailbox keeps undelivered messages. Siblings that a
 * strategy terminates are halted the same way (postStop runs, mailbox kept). Only a child that
 * terminated for good (it stopped itself, was killed, or did not stop in time) is started afresh under
 * the same name, with a new ref.
 *
 * <p>Threads: all methods run on the supervisor's own thread.
 */
final class SupervisorActor implements Actor<SupervisorCommand>, SupervisingActor {

    private static final String HEALTH = "health:";

    private final SupervisorSpec spec;
    private final CompletableFuture<Void> startResult; // completed for a top-level start; may be null
    private final boolean root;
    private final List<Child> children = new ArrayList<>();
    private final RestartIntensity intensity;
    private ActorContext<SupervisorCommand> ctx;
    private RuntimeAccess.Events monitoring; // built on first use, from ctx
    private ChildInbox inbox;
    private boolean terminating;
    /** In the preStart of a top-level start, which {@link Supervisor#start} may abandon. */
    private boolean startingRoot;
    private ExitReason exitReason = ExitReason.SHUTDOWN;
    private long restartTokens;
    /** Restarts waiting for a timer (backoff or retry), by key: the token of the latest one. */
    private final java.util.Map<String, Long> pendingRestarts = new java.util.HashMap<>();

    SupervisorActor(SupervisorSpec spec, CompletableFuture<Void> startResult, boolean root) {
        this.spec = spec;
        this.startResult = startResult;
        this.root = root;
        this.intensity = new RestartIntensity(spec.maxRestarts(), spec.period());
    }

    // ------------------------------------------------------------------ start

    /**
     * Starts the children in spec order. A top-level start ({@code startResult} set) may be abandoned by
     * {@link Supervisor#start} when it times out or is interrupted: it fails {@code startResult}, which ends
     * the wait for the child being started; then the children started so far, and the one still starting,
     * are stopped in reverse order, and this start fails.
     */
    @Override
    public void preStart(ActorContext<SupervisorCommand> context) {
        this.ctx = context;
        context.trapExits(true); // as OTP's supervisor: exit signals are sorted by sender in onSignal
        ActorRef<SupervisorCommand> self = context.self();
        this.inbox = new ChildInbox(() -> RuntimeAccess.deliver(self, Commands.Wakeup.INSTANCE),
                context.system().scheduler());
        if (startResult != null) { // at once, here, if the start was abandoned before this actor ran
            startingRoot = true;
            startResult.whenComplete((ok, abandoned) -> {
                if (abandoned != null) {
                    inbox.abortStart();
                }
            });
        }
        for (ChildSpec<?> childSpec : spec.children()) {
            if (inbox.startAborted()) {
                abandonStart();
            }
            Child child = new Child(childSpec.id(), childSpec);
            children.add(child);
            ExitReason failure = startChild(child, false);
            if (failure == START_ABORTED) {
                abandonStart(); // the child keeps its ref: it is stopped with the others once its preStart returns
            }
            if (failure != null) {
                children.remove(child);
                terminateChildren();
                RuntimeException cause = SupervisorException.startFailed(child.id, failure,
                        "child '" + child.id + "' of " + self.path() + " failed to start: " + failure);
                if (startResult != null) {
                    startResult.completeExceptionally(cause);
                }
                throw cause;
            }
        }
        if (startResult != null && !startResult.complete(null)) {
            abandonStart(); // abandoned just as the last child started
        }
        startingRoot = false;
        RuntimeAccess.ackStarted(context);
    }

    /** The wait for this start was abandoned: stop what was started, in reverse order, and fail. */
    private void abandonStart() {
        terminateChildren();
        throw new SupervisorException(SupervisorException.Error.START_FAILED,
                ctx.self().path() + ": start abandoned (it timed out or the starting thread was interrupted)", null);
    }

    /** What {@link #startChild} returns when the start was abandoned while the child was starting. */
    private static final ExitReason START_ABORTED = new ExitReason.Shutdown("start abandoned");

    /**
     * Starts (or restarts) one child and waits until it has started, or ignored its start: then it is left
     * without a ref, and forgotten if temporary or dynamic, as OTP's {@code {ok, undefined}}.
     *
     * @return null if it started or ignored its start, else the reason it did not start
     */
    private ExitReason startChild(Child child, boolean restart) {
        ActorRef<?> ref = child.ref;
        if (ref != null && !RuntimeAccess.isTerminated(ref)) {
            RuntimeAccess.restart(ref, child.spec.keepMailbox()); // suspended or halted: a fresh instance in place
        } else {
            try {
                ref = spawn(child);
            } catch (ActorLimitExceededException full) { // a failed start, retried and counted as any other
                child.ref = null;
                child.status = ChildStatus.UNDEFINED;
                ExitReason reason = ExitReason.failed(full);
                publish(new SupervisorEvent.ChildStartFailed(now(), ctx.self(), child.id, reason));
                return reason;
            }
            child.ref = ref;
            if (simple() && !restart) {
                child.id = ref.path().name(); // a dynamic child is known by its actor's name
            }
        }
        Event outcome = inbox.await(ref, e -> e instanceof ChildInbox.Started || e instanceof ChildInbox.Ignored
                || e instanceof ChildInbox.Terminated, child.spec.startTimeout().orElse(null), startingRoot);
        if (outcome == null && startingRoot && inbox.startAborted()) {
            return START_ABORTED; // child.ref stays set, so that terminateChildren stops it
        }
        if (outcome == null) { // its preStart outlasted the spec's startTimeout
            return startTimedOut(child);
        }
        if (outcome instanceof ChildInbox.Ignored) {
            awaitIgnored(child);
            return null;
        }
        if (outcome instanceof ChildInbox.Terminated t) {
            child.ref = null;
            child.status = ChildStatus.UNDEFINED;
            publish(new SupervisorEvent.ChildStartFailed(now(), ctx.self(), child.id, t.reason()));
            return t.reason();
        }
        ChildInbox.Started started = (ChildInbox.Started) outcome;
        if (simple()) {
            // a dynamic child restarted afresh takes its new actor's name only now: until it has started, it
            // keeps the id it was known by, which a retry of a failed restart looks it up by
            child.id = ref.path().name();
        }
        child.startedRef = ref;
        child.incarnation = started.incarnation();
        child.startInfo = Optional.ofNullable(started.info());
        child.status = ChildStatus.RUNNING;
        child.restartDue = false;
        child.healthFailures = 0;
        child.health = Health.healthy(); // a fresh instance: its health is the checks' to tell
        if (restart) {
            child.restarts++;
        }
        child.spec.healthCheck().ifPresent(h -> ctx.timers().startTimerAtFixedRate(
                HEALTH + child.id, new Commands.HealthTick(child.id), h.interval(), h.interval()));
        publish(new SupervisorEvent.ChildStarted(now(), ctx.self(), child.id, ref, restart));
        return null;
    }

    /**
     * The child's {@code preStart} did not return within its start timeout: it is abandoned (killed as soon as
     * its code returns, its name free at once, nothing more reported about it) and the start fails.
     */
    private ExitReason startTimedOut(Child child) {
        Duration timeout = child.spec.startTimeout().orElseThrow();
        RuntimeAccess.abandon(child.ref);
        child.ref = null;
        child.status = ChildStatus.UNDEFINED;
        ExitReason reason = ExitReason.failed(new TimeoutException(
                "child '" + child.id + "' of " + ctx.self().path() + " did not start within " + timeout));
        publish(new SupervisorEvent.ChildStartFailed(now(), ctx.self(), child.id, reason));
        return reason;
    }

    /**
     * The child ignored its start and is stopping itself: wait until its name is free (a restart may spawn
     * it again), as its shutdown spec allows, then keep its spec without a ref, unless it is temporary or
     * dynamic. Nothing is published: it never started.
     */
    private void awaitIgnored(Child child) {
        Event e = inbox.await(child.ref, ev -> ev instanceof ChildInbox.Terminated, timeoutOf(child));
        if (e == null) {
            abandon(child);
        }
        child.ref = null;
        child.status = ChildStatus.UNDEFINED;
        child.startInfo = Optional.empty();
        if (child.spec.restart() == RestartType.TEMPORARY || simple()) {
            children.remove(child);
        }
    }

    /** @return the answer to a request that started {@code child}: started with its info, or ignored */
    private static StartResult<?> startResult(Child child) {
        return child.ref == null ? new StartResult.Ignored<>() : new StartResult.Started<>(child.ref, child.startInfo);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ActorRef<?> spawn(Child child) {
        String name = simple() ? null : child.id;
        return RuntimeAccess.spawn(ctx, name, (Supplier) child.factory(), child.props(), inbox);
    }

    // ------------------------------------------------------------------ exit signals

    /**
     * OTP's supervisor traps exits and sorts them by sender: its parent's exit signal ends it with the
     * parent's reason; one from anyone else is ignored, a linked stranger's as well as a child's (the
     * runtime reports its children's exits to the {@link ChildInbox}, whatever links they make).
     * A kill cannot be trapped and never gets here.
     */
    @Override
    public void onSignal(Signal signal, ActorContext<SupervisorCommand> context) {
        if (signal instanceof Signal.Exit(var from, var reason)) {
            if (RuntimeAccess.isParent(context, from)) {
                exitReason = reason;
                context.exit(reason);
            } else {
                context.log().debug("{}: ignored the exit signal of {} ({}): not its parent",
                        context.self().path(), from, reason);
            }
        }
    }

    // ------------------------------------------------------------------ messages

    @Override
    public void receive(SupervisorCommand command, ActorContext<SupervisorCommand> context) {
        switch (command) {
            case Commands.Wakeup w -> drainInbox();
            case Commands.RestartDue due -> {
                if (pendingRestarts.remove(due.key(), due.token())) {
                    restartGroup(due.ids());
                }
            }
            case Commands.HealthTick tick -> checkHealth(tick.id());
            case Commands.HealthResult result -> onHealthResult(result);
            case Commands.Control control -> RuntimeAccess.deliver(control.replyTo(), control(control));
        }
    }

    private void drainInbox() {
        for (Event e; !terminating && (e = inbox.next()) != null; ) {
            switch (e) {
                case ChildInbox.Failed f -> {
                    Child child = byRef(f.child());
                    if (child == null) {
                        RuntimeAccess.stop(f.child(), ExitReason.failed(f.cause()));
                    } else if (child.status == ChildStatus.RUNNING && child.incarnation == f.incarnation()) {
                        onChildExit(child, ExitReason.failed(f.cause()), true);
                    } // else stale: that instance was already halted or replaced by a restart
                }
                case ChildInbox.Terminated t -> {
                    Child child = byRef(t.child());
                    if (child != null) {
                        child.ref = null;
                        onChildExit(child, t.reason(), false);
                    }
                }
                default -> { } // late acks of waits that already ended
            }
        }
    }

    private Child byRef(ActorRef<?> ref) {
        for (Child c : children) {
            if (c.ref == ref) {
                return c;
            }
        }
        return null;
    }

    /** A dynamic child by the ref its latest start handed out: its live actor, or its old one while a restart is due. */
    private Child byStartedRef(ActorRef<?> ref) {
        Child live = byRef(ref);
        if (live != null) {
            return live;
        }
        for (Child c : children) {
            if (c.ref == null && c.startedRef == ref && c.status == ChildStatus.RESTARTING) {
                return c;
            }
        }
        return null;
    }

    private Child byId(String id) {
        for (Child c : children) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ exits and strategies

    /** A child crashed ({@code suspended}: its cell waits for us) or terminated on its own. */
    private void onChildExit(Child child, ExitReason reason, boolean suspended) {
        publish(new SupervisorEvent.ChildExited(now(), ctx.self(), child.id, reason));
        ctx.timers().cancel(HEALTH + child.id);
        boolean restart = switch (child.spec.restart()) {
            case PERMANENT -> true;
            case TRANSIENT -> !reason.isNormal();
            case TEMPORARY -> false;
        };
        if (!restart) {
            if (!reason.isNormal()) {
                ctx.log().warn("{}: child '{}' exited: {}; decision: not restarted ({})", ctx.self().path(), child.id,
                        describe(reason), child.spec.restart(), causeOf(reason));
            }
            if (suspended) {
                stopChild(child, reason);
            }
            child.ref = null;
            child.status = ChildStatus.UNDEFINED;
            if (child.spec.restart() == RestartType.TEMPORARY || simple()) {
                children.remove(child); // OTP forgets a dynamic child that is not restarted
            }
            checkAutoShutdown(child);
            return;
        }
        if (!intensity.addRestart(ctx.system().scheduler().nanoTime())) {
            ctx.log().error("{}: child '{}' exited: {}; decision: give up (restart intensity exceeded)",
                    ctx.self().path(), child.id, describe(reason), causeOf(reason));
            giveUp();
            return;
        }
        List<Child> group = switch (spec.strategy()) {
            case ONE_FOR_ONE, SIMPLE_ONE_FOR_ONE -> List.of(child);
            case ONE_FOR_ALL -> List.copyOf(children);
            case REST_FOR_ONE -> List.copyOf(children.subList(children.indexOf(child), children.size()));
        };
        if (group.size() > 1) {
            if (suspended) {
                haltChild(child, false); // the failed one goes first, as it died first; its exit is reported
            }
            List<Child> others = new ArrayList<>(group);
            others.remove(child);
            Collections.reverse(others);
            for (Child other : others) {
                if (other.hasActor()) {
                    if (other.spec.restart() == RestartType.TEMPORARY) {
                        stopChild(other, ExitReason.SHUTDOWN);
                        children.remove(other);
                    } else {
                        haltChild(other);
                    }
                }
            }
        }
        List<String> ids = new ArrayList<>();
        for (Child c : group) {
            if (children.contains(c) && (c == child || c.spec.restart() != RestartType.TEMPORARY)) {
                ids.add(c.id);
                c.restartDue = true;
                // as OTP lists them: the child whose restart is under way is restarting; the siblings
                // terminated with it, not restarted yet, are undefined
                c.status = c == child ? ChildStatus.RESTARTING : ChildStatus.UNDEFINED;
            }
        }
        ctx.log().warn("{}: child '{}' exited: {}; decision: {} restarts {}", ctx.self().path(), child.id,
                describe(reason), spec.strategy(), ids, causeOf(reason));
        publish(new SupervisorEvent.StrategyApplied(now(), ctx.self(), spec.strategy(), child.id, List.copyOf(ids)));
        Duration delay = backoffDelay(child);
        if (delay.isZero()) {
            restartGroup(ids);
        } else {
            scheduleRestart(child.id, ids, delay);
            publish(new SupervisorEvent.BackoffScheduled(now(), ctx.self(), child.id, delay));
        }
    }

    private Duration backoffDelay(Child child) {
        long now = ctx.system().scheduler().nanoTime();
        Optional<Backoff> backoff = child.spec.backoff();
        if (backoff.isEmpty()) {
            return Duration.ZERO;
        }
        Backoff b = backoff.get();
        if (child.consecutiveRestarts > 0 && now - child.lastRestartNanos > b.resetAfter().toNanos()) {
            child.consecutiveRestarts = 0;
        }
        child.consecutiveRestarts++;
        child.lastRestartNanos = now;
        return b.delay(child.consecutiveRestarts, ThreadLocalRandom.current().nextDouble());
    }

    /** Schedules {@link #restartGroup} after {@code delay} (zero: as the next message), keyed by child. */
    private void scheduleRestart(String key, List<String> ids, Duration delay) {
        long token = ++restartTokens;
        pendingRestarts.put(key, token);
        Commands.RestartDue due = new Commands.RestartDue(key, token, List.copyOf(ids));
        if (delay.isZero()) {
            RuntimeAccess.deliver(ctx.self(), due);
        } else {
            ctx.timers().startSingleTimer("restart:" + key, due, delay);
        }
    }

    /**
     * Restarts children in start order. A failed start counts as another restart and is retried: for
     * ONE_FOR_ALL the strategy applies again to the whole group (the ones already restarted are halted
     * again, in reverse order), otherwise from the child that failed on.
     */
    private void restartGroup(List<String> ids) {
        List<Child> restarted = new ArrayList<>();
        for (int i = 0; i < ids.size() && !terminating; i++) {
            Child c = byId(ids.get(i));
            if (c == null || !c.restartDue) {
                continue; // deleted, terminated or restarted by request meanwhile
            }
            if (startChild(c, true) == null) {
                restarted.add(c);
                continue;
            }
            c.status = ChildStatus.RESTARTING;
            if (!intensity.addRestart(ctx.system().scheduler().nanoTime())) {
                giveUp();
                return;
            }
            List<String> retry = ids.subList(i, ids.size());
            if (spec.strategy() == Strategy.ONE_FOR_ALL) {
                for (int j = restarted.size() - 1; j >= 0; j--) {
                    ctx.timers().cancel(HEALTH + restarted.get(j).id);
                    haltChild(restarted.get(j));
                }
                retry = ids;
            }
            scheduleRestart(ids.get(0), retry, Duration.ZERO);
            return;
        }
    }

    /**
     * Restart intensity exceeded: stop everything and exit with plain shutdown, as OTP's supervisor does,
     * escalating to the parent. The explanation goes to the IntensityExceeded event and the log: a reason
     * with a detail would read as {@code {shutdown, Detail}} to an Erlang user.
     */
    private void giveUp() {
        publish(new SupervisorEvent.IntensityExceeded(now(), ctx.self(), spec.maxRestarts(), spec.period()));
        exitReason = ExitReason.SHUTDOWN;
        ctx.log().error("{}: more than {} restarts within {}; stopping all children and escalating",
                ctx.self().path(), spec.maxRestarts(), spec.period());
        RuntimeAccess.escalated(ctx.self().path(), exitReason);
        publish(new SupervisorEvent.Escalated(now(), ctx.self(), exitReason));
        ctx.exit(exitReason);
    }

    private void checkAutoShutdown(Child child) {
        if (!child.spec.significant() || terminating) {
            return;
        }
        boolean stop = switch (spec.autoShutdown()) {
            case NEVER -> false;
            case ANY_SIGNIFICANT -> true;
            case ALL_SIGNIFICANT -> children.stream().noneMatch(c -> c.spec.significant() && c.hasActor());
        };
        if (stop) {
            publish(new SupervisorEvent.AutoShutdownTriggered(now(), ctx.self(), child.id));
            exitReason = ExitReason.SHUTDOWN;
            ctx.exit(exitReason);
        }
    }

    // ------------------------------------------------------------------ stopping children

    /** Halts a child in place for a later restart; falls back to abandoning it after its timeout. */
    private void haltChild(Child child) {
        haltChild(child, true);
    }

    /**
     * Halts a child for a group restart; {@code report}: publish it as terminated (not for the one that failed).
     * The child is then due for the group's restart, and listed as undefined until it is restarted.
     */
    private void haltChild(Child child, boolean report) {
        ActorRef<?> ref = child.ref;
        if (ref == null) {
            return;
        }
        if (child.spec.shutdown() instanceof ChildShutdown.BrutalKill) {
            abandon(child);
        } else {
            RuntimeAccess.halt(ref);
            Event e = inbox.await(ref, ev -> ev instanceof ChildInbox.Halted || ev instanceof ChildInbox.Terminated,
                    timeoutOf(child));
            if (e == null) {
                abandon(child);
            } else {
                if (e instanceof ChildInbox.Terminated) {
                    child.ref = null;
                }
                if (report) {
                    publish(new SupervisorEvent.ChildTerminated(now(), ctx.self(), child.id, ExitReason.SHUTDOWN));
                }
            }
        }
        child.status = ChildStatus.UNDEFINED;
        child.restartDue = true;
    }

    /** Stops a child for good, waiting as its shutdown spec says. */
    private void stopChild(Child child, ExitReason reason) {
        ActorRef<?> ref = child.ref;
        if (ref == null) {
            return;
        }
        if (child.spec.shutdown() instanceof ChildShutdown.BrutalKill) {
            abandon(child);
            return;
        }
        RuntimeAccess.stop(ref, reason);
        Event e = inbox.await(ref, ev -> ev instanceof ChildInbox.Terminated, timeoutOf(child));
        if (e == null) {
            abandon(child);
        } else {
            child.ref = null;
            child.status = ChildStatus.UNDEFINED;
            publish(new SupervisorEvent.ChildTerminated(now(), ctx.self(), child.id, ((ChildInbox.Terminated) e).reason()));
        }
    }

    private void abandon(Child child) {
        RuntimeAccess.abandon(child.ref);
        child.ref = null;
        child.status = ChildStatus.UNDEFINED;
        publish(new SupervisorEvent.ChildTerminated(now(), ctx.self(), child.id, ExitReason.KILLED));
    }

    private static Duration timeoutOf(Child child) {
        return child.spec.shutdown() instanceof ChildShutdown.Timeout t ? t.duration() : null;
    }

    @Override
    public ActorSnapshot.Supervision supervision() {
        return new ActorSnapshot.Supervision(spec.strategy().name(), spec.maxRestarts(), spec.period());
    }

    @Override
    public void terminateChildren() {
        terminating = true;
        ctx.timers().cancelAll();
        List<Child> reversed = new ArrayList<>(children);
        Collections.reverse(reversed);
        if (spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE) {
            for (Child c : reversed) { // all at once: order undefined, as in OTP
                if (c.ref != null && !(c.spec.shutdown() instanceof ChildShutdown.BrutalKill)) {
                    RuntimeAccess.stop(c.ref, ExitReason.SHUTDOWN);
                }
            }
        }
        for (Child c : reversed) {
            stopChild(c, ExitReason.SHUTDOWN);
        }
    }

    @Override
    public void postStop(ActorContext<SupervisorCommand> context) {
        if (root) {
            publish(new SupervisorEvent.RootTerminated(now(), context.self(), exitReason));
        }
    }

    // ------------------------------------------------------------------ health checks

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void checkHealth(String id) {
        Child c = byId(id);
        if (c == null || c.status != ChildStatus.RUNNING || c.ref == null || c.spec.healthCheck().isEmpty()) {
            return;
        }
        HealthCheck check = c.spec.healthCheck().get();
        ActorRef target = c.ref;
        int incarnation = c.incarnation;
        CompletionStage<Object> answer;
        try {
            answer = target.ask(check.request(), check.timeout());
        } catch (RuntimeException e) { // the request function threw or built null: that child's check failed
            ctx.log().warn("{}: health check of child '{}' could not be sent; counted as a failed check",
                    ctx.self().path(), id, e);
            onHealthResult(new Commands.HealthResult(id, target, incarnation,
                    Health.failed("the health request could not be built: " + e)));
            return;
        }
        ctx.pipeToSelf(answer, (health, failure) -> new Commands.HealthResult(id, target, incarnation,
                answered(health, failure, check.timeout())));
    }

    /** The health an ask answered: what the child replied, or FAILED for no reply in time or a reply not a health. */
    private static Health answered(Object reply, Throwable failure, Duration timeout) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return Health.failed(cause instanceof AskTimeoutException
                    ? "no answer within " + timeout : "the check failed: " + cause);
        }
        return reply instanceof Health h ? h : Health.failed("answered " + reply + ", not a Health");
    }

    private void onHealthResult(Commands.HealthResult result) {
        Child c = byId(result.id());
        if (c == null || c.ref != result.child() || c.incarnation != result.incarnation()
                || c.status != ChildStatus.RUNNING) {
            return; // an older incarnation's answer
        }
        Health health = result.health();
        if (!health.equals(c.health)) {
            c.health = health;
            if (health instanceof Health.Degraded d) {
                ctx.log().warn("{}: child '{}' is degraded: {}; decision: reported, not restarted",
                        ctx.self().path(), c.id, d.reason());
            }
            publish(new SupervisorEvent.HealthChanged(now(), ctx.self(), c.id, health));
        }
        if (!(health instanceof Health.Failed failed)) {
            c.healthFailures = 0; // healthy or degraded: it works, so a run of failed checks ends
            return;
        }
        int allowed = c.spec.healthCheck().map(HealthCheck::failuresAllowed).orElse(0);
        if (++c.healthFailures > allowed) {
            publish(new SupervisorEvent.HealthCheckFailed(now(), ctx.self(), c.id, c.healthFailures));
            ctx.timers().cancel(HEALTH + c.id);
            RuntimeAccess.crash(c.ref, new HealthCheckFailedException("child '" + c.id + "' failed "
                    + c.healthFailures + " health checks in a row; the last: " + failed.reason()));
        }
    }

    // ------------------------------------------------------------------ control requests

    private Reply control(Commands.Control request) {
        return switch (request) {
            case Commands.WhichChildren w -> Reply.ok(children.stream().map(SupervisorActor::info).toList());
            case Commands.WhichChild w -> whichChild(w);
            case Commands.ChildSupervisor cs -> childSupervisor(cs);
            case Commands.GetChildSpec g -> {
                Reply refused = refuseIdUnderSimple("childSpec");
                if (refused != null) {
                    yield refused;
                }
                Child c = byId(g.id());
                yield c == null ? notFound(g.id()) : Reply.ok(c.spec);
            }
            case Commands.CountChildren c -> {
                int active = 0;
                int supervisors = 0;
                for (Child child : children) {
                    if (child.status == ChildStatus.RUNNING) {
                        active++;
                    }
                    if (child.spec.supervisor()) {
                        supervisors++;
                    }
                }
                // a SIMPLE_ONE_FOR_ONE supervisor has one spec, its template, as in OTP
                yield Reply.ok(new ChildCounts(simple() ? 1 : children.size(), active, supervisors,
                        children.size() - supervisors));
            }
            case Commands.ChildRef r -> {
                Child c = simple() ? null : byId(r.spec().id());
                if (c == null || !c.spec.equals(r.spec())) {
                    yield Reply.error(SupervisorException.aboutChild(SupervisorException.Error.NOT_FOUND, r.spec().id(),
                            c == null ? "no child '" + r.spec().id() + "'"
                                    : "child '" + r.spec().id() + "' was declared with another spec"));
                }
                yield Reply.ok(listedRef(c));
            }
            case Commands.TerminateChild t -> terminateRequest(t);
            case Commands.RestartChild r -> restartRequest(r.id());
            case Commands.DeleteChild d -> deleteRequest(d.id());
            case Commands.StartChild s -> startRequest(s.spec());
            case Commands.StartDynamicChild s -> startDynamic(s.template(), s.argument());
        };
    }

    private boolean simple() {
        return spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE;
    }

    /** One row of {@code which_children}, as OTP lists it. */
    private static ChildInfo info(Child c) {
        return new ChildInfo(c.id, listedRef(c), c.status, c.spec.supervisor(), c.restarts);
    }

    /**
     * The ref the control API shows: none for an undefined child, also one halted by a strategy whose cell waits
     * for the group's restart (OTP lists such a child without a pid).
     */
    private static Optional<ActorRef<?>> listedRef(Child c) {
        return c.status == ChildStatus.UNDEFINED ? Optional.empty() : Optional.ofNullable(c.ref);
    }

    /** OTP addresses dynamic children by pid only: a request by id is refused; null if it may go on. */
    private Reply refuseIdUnderSimple(String request) {
        return simple() ? Reply.error(SupervisorException.Error.SIMPLE_ONE_FOR_ONE,
                request + " takes a child's ref under SIMPLE_ONE_FOR_ONE, not an id", null) : null;
    }

    private Reply whichChild(Commands.WhichChild w) {
        if (w.id() != null) {
            Reply refused = refuseIdUnderSimple("whichChild");
            if (refused != null) {
                return refused;
            }
            Child c = byId(w.id());
            return c == null ? notFound(w.id()) : Reply.ok(info(c));
        }
        Child c = simple() ? byRef(w.child()) : null; // OTP finds static children by id only
        return c == null ? notFound(w.child()) : Reply.ok(info(c));
    }

    /** A child supervisor built from a spec, as {@link #whichChild} finds a child. */
    private Reply childSupervisor(Commands.ChildSupervisor request) {
        Child c;
        if (request.id() != null) {
            Reply refused = refuseIdUnderSimple("childSupervisor");
            if (refused != null) {
                return refused;
            }
            c = byId(request.id());
        } else {
            c = simple() ? byRef(request.child()) : null; // OTP finds static children by id only
        }
        if (c == null) {
            return notFound(request.id() != null ? request.id() : request.child());
        }
        if (c.spec.kind() != ChildSpec.Kind.SUPERVISOR_TREE) {
            return Reply.error(SupervisorException.aboutChild(SupervisorException.Error.NOT_FOUND, c.id,
                    "child '" + c.id + "' is not a supervisor built from a spec"));
        }
        return Reply.ok(listedRef(c));
    }

    /** NOT_FOUND for a request by id (the error names the id, as the other id-based errors do) or by ref. */
    private static Reply notFound(Object idOrRef) {
        return idOrRef instanceof String id
                ? Reply.error(SupervisorException.aboutChild(SupervisorException.Error.NOT_FOUND, id,
                        "no child '" + id + "'"))
                : Reply.error(SupervisorException.Error.NOT_FOUND, "no child " + idOrRef, null);
    }

    /**
     * OTP's {@code terminate_child}: a static child by its id only (a ref answers NOT_FOUND); a dynamic child by
     * its ref, also while its restart is due, and a ref that is no child answers NOT_FOUND while it lives, ok
     * once it has terminated.
     */
    private Reply terminateRequest(Commands.TerminateChild t) {
        Child c;
        if (t.child() != null) {
            if (!simple()) {
                return Reply.error(SupervisorException.Error.NOT_FOUND, "no child " + t.child()
                        + " (a " + spec.strategy() + " supervisor terminates children by id)", null);
            }
            c = byStartedRef(t.child());
            if (c == null && RuntimeAccess.isDeadActor(t.child())) {
                return Reply.ok(null); // a child that already went, or a dead stranger: nothing to terminate
            }
        } else {
            if (simple()) {
                return Reply.error(SupervisorException.Error.SIMPLE_ONE_FOR_ONE,
                        "terminate a SIMPLE_ONE_FOR_ONE child by its ref, not by id", null);
            }
            c = byId(t.id());
        }
        if (c == null) {
            return t.child() != null
                    ? Reply.error(SupervisorException.Error.NOT_FOUND, "no child " + t.child(), null)
                    : Reply.error(SupervisorException.aboutChild(SupervisorException.Error.NOT_FOUND, t.id(),
                            "no child '" + t.id() + "'"));
        }
        ctx.timers().cancel(HEALTH + c.id);
        stopChild(c, ExitReason.SHUTDOWN);
        c.status = ChildStatus.UNDEFINED;
        c.restartDue = false;
        if (simple() || c.spec.restart() == RestartType.TEMPORARY) {
            children.remove(c);
        }
        return Reply.ok(null);
    }

    private Reply restartRequest(String id) {
        Reply refused = refuseUnlessStopped("restartChild", id);
        if (refused != null) {
            return refused;
        }
        Child c = byId(id);
        ExitReason failure = startChild(c, false);
        return failure == null ? Reply.ok(startResult(c))
                : Reply.error(SupervisorException.startFailed(id, failure, "child '" + id + "': " + failure));
    }

    private Reply deleteRequest(String id) {
        Reply refused = refuseUnlessStopped("deleteChild", id);
        if (refused != null) {
            return refused;
        }
        Child c = byId(id);
        stopChild(c, ExitReason.SHUTDOWN); // a sibling halted by a strategy still has its cell, waiting for a restart
        children.remove(c);
        configurationChanged(id, SupervisorEvent.ConfigurationChanged.Change.CHILD_DELETED);
        return Reply.ok(null);
    }

    /** OTP's checks before {@code restart_child} and {@code delete_child}: null if the request may go on. */
    private Reply refuseUnlessStopped(String request, String id) {
        if (simple()) {
            return Reply.error(SupervisorException.Error.SIMPLE_ONE_FOR_ONE, request + " does not apply", null);
        }
        Child c = byId(id);
        if (c == null) {
            return Reply.error(SupervisorException.aboutChild(SupervisorException.Error.NOT_FOUND, id,
                    "no child '" + id + "'"));
        }
        return switch (c.status) {
            case RUNNING -> Reply.error(SupervisorException.aboutChild(SupervisorException.Error.RUNNING, id,
                    "child '" + id + "' is running"));
            case RESTARTING -> Reply.error(SupervisorException.aboutChild(SupervisorException.Error.RESTARTING, id,
                    "child '" + id + "' is restarting"));
            case UNDEFINED -> null;
        };
    }

    private Reply startRequest(ChildSpec<?> childSpec) {
        if (simple()) {
            return Reply.error(SupervisorException.Error.SIMPLE_ONE_FOR_ONE,
                    "a SIMPLE_ONE_FOR_ONE supervisor starts children from its template and an argument", null);
        }
        try {
            SupervisorSpec.checkSignificant(childSpec, spec.autoShutdown());
        } catch (InvalidSupervisorSpecException e) {
            return Reply.error(SupervisorException.Error.INVALID_SPEC, e.getMessage(), e);
        }
        Child existing = byId(childSpec.id());
        if (existing != null) { // as OTP: already started only while it runs, else its spec is already present
            return existing.status == ChildStatus.RUNNING
                    ? Reply.error(SupervisorException.alreadyStarted(existing.id, existing.ref))
                    : Reply.error(SupervisorException.aboutChild(SupervisorException.Error.ALREADY_PRESENT,
                            existing.id, "child '" + childSpec.id() + "' exists"));
        }
        Child c = new Child(childSpec.id(), childSpec);
        children.add(c);
        ExitReason failure = startChild(c, false);
        if (failure != null) {
            children.remove(c);
            return Reply.error(SupervisorException.startFailed(c.id, failure, "child '" + c.id + "': " + failure));
        }
        if (children.contains(c)) { // a temporary child that ignored its start leaves no spec behind
            configurationChanged(c.id, SupervisorEvent.ConfigurationChanged.Change.CHILD_ADDED);
        }
        return Reply.ok(startResult(c));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Reply startDynamic(ChildTemplate<?, ?> expected, Object argument) {
        if (!simple()) {
            return Reply.error(SupervisorException.Error.SIMPLE_ONE_FOR_ONE,
                    "startChild(argument) needs a SIMPLE_ONE_FOR_ONE supervisor", null);
        }
        if (expected != null && !expected.equals(spec.template().orElseThrow())) {
            return Reply.error(SupervisorException.Error.NOT_FOUND,
                    "this supervisor was not built with that child template", null);
        }
        ChildTemplate template = spec.template().orElseThrow();
        Supplier<Actor<?>> factory = () -> (Actor<?>) Objects.requireNonNull(
                template.factory().apply(argument), "child template returned null");
        ChildSpec<?> childSpec = new ChildSpec(TEMPLATE_ID, factory, template.kind(), template.props(),
                template.restart(), template.shutdown(), template.significant(), (Backoff) template.backoff().orElse(null),
                null, true, null);
        Child c = new Child(TEMPLATE_ID, childSpec);
        children.add(c);
        ExitReason failure = startChild(c, false);
        if (failure != null) {
            children.remove(c);
            return Reply.error(SupervisorException.startFailed(c.id, failure, "dynamic child '" + c.id + "': " + failure));
        }
        return Reply.ok(startResult(c));
    }

    /** The spec id of dynamic children until they get their actor's name. */
    private static final String TEMPLATE_ID = "template";

    private static String describe(ExitReason reason) {
        return reason instanceof ExitReason.Failed f ? "crashed with " + f.cause() : String.valueOf(reason);
    }

    private static Throwable causeOf(ExitReason reason) {
        return reason instanceof ExitReason.Failed f ? f.cause() : null;
    }

    /** One event, to both audiences: the event stream's subscribers and the system's monitor. */
    private void publish(SupervisorEvent event) {
        ctx.system().eventStream().publish(event);
        if (monitoring().enabled()) {
            monitoring.emit(event);
        }
    }

    /** @return the timestamp of an event happening now, on the system's clock (its scheduler's) */
    private Instant now() {
        return monitoring().now();
    }

    /** Reported to monitors only: the event stream's subscribers already hold the answer to their request. */
    private void configurationChanged(String childId, SupervisorEvent.ConfigurationChanged.Change change) {
        if (monitoring().enabled()) {
            monitoring.emit(new SupervisorEvent.ConfigurationChanged(now(), ctx.self(), childId, change));
        }
    }

    private RuntimeAccess.Events monitoring() {
        RuntimeAccess.Events m = monitoring;
        if (m == null) {
            m = RuntimeAccess.events(ctx.system());
            monitoring = m;
        }
        return m;
    }
}

package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.dispatch.Dispatcher;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Gate;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What happens after {@code receive} throws, per {@link ErrorAction} returned by {@link Actor#onFailure}.
 *
 * <p>To be sure messages are queued <em>behind</em> the failing one, the actor is first held on a
 * {@link Hold} gate while the test enqueues the failing message and its followers, then released. The hold
 * is sent from a thread of its own ({@link Gate#sendAndAwaitArrival}), so that on the calling-thread
 * dispatcher the actor waits there and not on the test's thread.
 */
@OnEveryDispatcher
class ErrorActionTest {

    /** A counter whose instances are numbered, so a test can tell a restarted instance from the first. */
    static final class Counter implements Actor<Counter.Msg> {
        sealed interface Msg permits Increment, Fail, Hold, Get {}

        record Increment() implements Msg {}

        record Fail(RuntimeException cause) implements Msg {}

        /** Blocks the actor until the gate opens, so that later messages queue up behind. */
        record Hold(Gate gate) implements Msg {}

        record Get(ActorRef<Count> replyTo) implements Msg {}

        record Count(int incarnation, long value) {}

        private final int incarnation;
        private final ErrorAction action;
        private final List<String> events;
        private long total;

        Counter(int incarnation, ErrorAction action, List<String> events) {
            this.incarnation = incarnation;
            this.action = action;
            this.events = events;
        }

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            events.add("preStart#" + incarnation);
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) throws Exception {
            switch (msg) {
                case Increment() -> total++;
                case Fail(var cause) -> throw cause;
                case Hold(var gate) -> gate.pass();
                case Get(var replyTo) -> replyTo.tell(new Count(incarnation, total));
            }
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
            events.add("onFailure#" + incarnation + ": " + cause.getMessage());
            return action;
        }

        @Override
        public void postStop(ActorContext<Msg> ctx) {
            events.add("postStop#" + incarnation);
        }
    }

    /** Default {@link Actor#onFailure}: escalates. */
    static final class EscalatingCounter implements Actor<Counter.Msg> {
        private final Counter delegate;

        EscalatingCounter(Counter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void preStart(ActorContext<Counter.Msg> ctx) {
            delegate.preStart(ctx);
        }

        @Override
        public void receive(Counter.Msg msg, ActorContext<Counter.Msg> ctx) throws Exception {
            delegate.receive(msg, ctx);
        }

        @Override
        public void postStop(ActorContext<Counter.Msg> ctx) {
            delegate.postStop(ctx);
        }
    }

    private final ActorTestKit kit;
    private final TestProbe<Counter.Count> replies;
    private final TestProbe<Object> watcher;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger incarnations = new AtomicInteger();
    private final RuntimeException boom = new IllegalStateException("boom");

    ErrorActionTest(DispatcherUnderTest on) {
        kit = on.testKit();
        replies = kit.createTestProbe();
        watcher = kit.createTestProbe();
    }

    @AfterEach
    void closeKit() {
        kit.close();
    }

    private ActorRef<Counter.Msg> spawnCounter(ErrorAction action) {
        return kit.spawn(() -> new Counter(incarnations.incrementAndGet(), action, events));
    }

    @Test
    void resumeKeepsTheInstanceAndItsStateAndHandlesTheMessagesBehindTheFailure() throws InterruptedException {
        ActorRef<Counter.Msg> counter = spawnCounter(ErrorAction.RESUME);
        Gate gate = new Gate();
        counter.tell(new Counter.Increment());
        counter.tell(new Counter.Increment());
        gate.sendAndAwaitArrival(() -> counter.tell(new Counter.Hold(gate)));
        counter.tell(new Counter.Fail(boom));
        counter.tell(new Counter.Increment());
        counter.tell(new Counter.Get(replies.ref()));
        gate.open();

        replies.expectMessage(new Counter.Count(1, 3));
        assertThat(events).containsExactly("preStart#1", "onFailure#1: boom");
        assertThat(incarnations).hasValue(1);
    }

    @Test
    void restartBuildsAFreshInstanceFromTheFactoryAndKeepsTheMailbox() throws InterruptedException {
        ActorRef<Counter.Msg> counter = spawnCounter(ErrorAction.RESTART);
        Gate gate = new Gate();
        counter.tell(new Counter.Increment());
        counter.tell(new Counter.Increment());
        gate.sendAndAwaitArrival(() -> counter.tell(new Counter.Hold(gate)));
        counter.tell(new Counter.Fail(boom));
        counter.tell(new Counter.Increment());
        counter.tell(new Counter.Get(replies.ref()));
        gate.open();

        // the fresh instance started from 0 and handled the Increment queued behind the failure
        replies.expectMessage(new Counter.Count(2, 1));
        assertThat(events).containsExactly("preStart#1", "onFailure#1: boom", "postStop#1", "preStart#2");
    }

    @Test
    void restartKeepsTheSameRefAndTheActorStaysAlive() {
        ActorRef<Counter.Msg> counter = spawnCounter(ErrorAction.RESTART);
        counter.tell(new Counter.Fail(boom));
        counter.tell(new Counter.Fail(boom));
        counter.tell(new Counter.Increment());
        counter.tell(new Counter.Get(replies.ref()));

        replies.expectMessage(new Counter.Count(3, 1));
        assertThat(events).containsExactly(
                "preStart#1", "onFailure#1: boom", "postStop#1",
                "preStart#2", "onFailure#2: boom", "postStop#2",
                "preStart#3");
    }

    @Test
    void stopTerminatesWithFailedCauseSeenByAWatcherAndQueuedMessagesBecomeDeadLetters() throws InterruptedException {
        TestProbe<DeadLetter> deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        ActorRef<Counter.Msg> counter = spawnCounter(ErrorAction.STOP);
        Gate gate = new Gate();
        gate.sendAndAwaitArrival(() -> counter.tell(new Counter.Hold(gate)));
        counter.tell(new Counter.Fail(boom));
        Counter.Get queuedBehind = new Counter.Get(replies.ref());
        counter.tell(queuedBehind);
        gate.open();

        Signal.Terminated terminated = watcher.expectTerminated(counter);

        assertThat(terminated.reason()).isEqualTo(ExitReason.failed(boom));
        assertThat(((ExitReason.Failed) terminated.reason()).cause()).isSameAs(boom);
        assertThat(events).containsExactly("preStart#1", "onFailure#1: boom", "postStop#1");
        assertThat(deadLetters.receiveMessage())
                .isEqualTo(new DeadLetter(queuedBehind, counter, DeadLetter.Reason.RECIPIENT_TERMINATED));
    }

    @Test
    void escalateIsTheDefaultAndATopLevelActorIsStoppedWithFailed() {
        ActorRef<Counter.Msg> counter = kit.spawn(
                () -> new EscalatingCounter(new Counter(incarnations.incrementAndGet(), null, events)));
        counter.tell(new Counter.Fail(boom));

        Signal.Terminated terminated = watcher.expectTerminated(counter);

        assertThat(terminated.reason()).isEqualTo(ExitReason.failed(boom));
        assertThat(events).containsExactly("preStart#1", "postStop#1");
    }

    sealed interface ParentMsg permits SpawnChild, CountChildren {}

    record SpawnChild(ActorRef<Object> replyTo) implements ParentMsg {}

    record CountChildren(ActorRef<Object> replyTo) implements ParentMsg {}

    @Test
    void escalateToAParentThatIsNotASupervisorStopsTheChildWithFailedAndTheParentGoesOn() {
        ActorRef<ParentMsg> parent = kit.spawn("parent", Scripted.<ParentMsg>receiving((msg, ctx) -> {
            switch (msg) {
                case SpawnChild(var replyTo) -> replyTo.tell(ctx.spawn("child",
                        () -> new EscalatingCounter(new Counter(incarnations.incrementAndGet(), null, events))));
                case CountChildren(var replyTo) -> replyTo.tell(ctx.children().size());
            }
        }).postStop(ctx -> events.add("parent postStop")));
        parent.tell(new SpawnChild(watcher.ref()));
        @SuppressWarnings("unchecked")
        ActorRef<Counter.Msg> child = (ActorRef<Counter.Msg>) watcher.receiveMessage();

        child.tell(new Counter.Fail(boom));
        Signal.Terminated terminated = watcher.expectTerminated(child);

        assertThat(terminated.reason()).isEqualTo(ExitReason.failed(boom));
        assertThat(events).containsExactly("preStart#1", "postStop#1");
        // the parent is alive, handles messages, and no longer has the child
        parent.tell(new CountChildren(watcher.ref()));
        watcher.expectMessage(0);
        assertThat(events).doesNotContain("parent postStop");
    }

    @Test
    void anOnFailureThatThrowsStopsTheActorWithFailed() {
        ActorRef<Counter.Msg> ref = kit.spawn(Scripted.<Counter.Msg>receiving((msg, ctx) -> {
            throw boom;
        }).onFailure((cause, ctx) -> {
            throw new IllegalArgumentException("onFailure itself failed");
        }));
        ref.tell(new Counter.Increment());

        Signal.Terminated terminated = watcher.expectTerminated(ref);

        assertThat(terminated.reason()).isInstanceOf(ExitReason.Failed.class);
        assertThat(terminated.reason().isNormal()).isFalse();
    }

    @Test
    void aFailingOnSignalGoesToOnFailureToo() {
        ActorRef<Counter.Msg> other = kit.spawn(Scripted.ignoring());
        ActorRef<Counter.Msg> ref = kit.spawn(Scripted.<Counter.Msg>receiving((msg, ctx) -> { })
                .preStart(ctx -> ctx.watch(other))
                .onSignal((signal, ctx) -> {
                    throw boom;
                })
                .onFailure((cause, ctx) -> {
                    events.add("onFailure: " + cause.getMessage());
                    return ErrorAction.STOP;
                }));
        watcher.watch(ref);

        kit.system().stop(other);
        Signal.Terminated terminated = Probes.nextTermination(watcher, ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.failed(boom));
        assertThat(events).containsExactly("onFailure: boom");
    }

    sealed interface FamilyMsg permits Crash, ListChildren {}

    record Crash(RuntimeException cause) implements FamilyMsg {}

    record ListChildren(ActorRef<Object> replyTo) implements FamilyMsg {}

    /** Restarts on failure; each instance spawns a child named "kid" in preStart. */
    static final class RestartingParent implements Actor<FamilyMsg> {
        private final int incarnation;
        private final List<String> events;

        RestartingParent(int incarnation, List<String> events) {
            this.incarnation = incarnation;
            this.events = events;
        }

        @Override
        public void preStart(ActorContext<FamilyMsg> ctx) {
            events.add("parent preStart#" + incarnation);
            int parentIncarnation = incarnation;
            ctx.spawn("kid", Scripted.<FamilyMsg>ignoring()
                    .postStop(c -> events.add("kid of #" + parentIncarnation + " postStop")));
        }

        @Override
        public void receive(FamilyMsg msg, ActorContext<FamilyMsg> ctx) {
            switch (msg) {
                case Crash(var cause) -> throw cause;
                case ListChildren(var replyTo) -> replyTo.tell(ctx.children());
            }
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<FamilyMsg> ctx) {
            return ErrorAction.RESTART;
        }

        @Override
        public void postStop(ActorContext<FamilyMsg> ctx) {
            events.add("parent postStop#" + incarnation);
        }
    }

    /** Actor.postStop: "Runs once when the actor stops or before it is replaced by a restart, after its children have stopped." */
    @Test
    void restartStopsTheChildrenBeforeTheOldInstancesPostStopAndThenBuildsTheNewInstance() {
        ActorRef<FamilyMsg> parent = kit.spawn("parent",
                () -> new RestartingParent(incarnations.incrementAndGet(), events));
        parent.tell(new ListChildren(watcher.ref()));
        List<?> before = (List<?>) watcher.receiveMessage();

        parent.tell(new Crash(boom));
        parent.tell(new ListChildren(watcher.ref()));
        List<?> after = (List<?>) watcher.receiveMessage();

        assertThat(events).containsExactly(
                "parent preStart#1", "kid of #1 postStop", "parent postStop#1", "parent preStart#2");
        assertThat(before).hasSize(1);
        assertThat(after).hasSize(1);
        ActorRef<?> oldKid = (ActorRef<?>) before.get(0);
        ActorRef<?> newKid = (ActorRef<?>) after.get(0);
        assertThat(newKid.path()).isEqualTo(oldKid.path());
        assertThat(newKid.id()).isGreaterThan(oldKid.id());
    }

    @Test
    void restartFreesTheChildNamesSoTheNewInstanceCanReuseThem() {
        ActorRef<FamilyMsg> parent = kit.spawn("parent",
                () -> new RestartingParent(incarnations.incrementAndGet(), events));

        parent.tell(new Crash(boom));
        parent.tell(new ListChildren(watcher.ref()));

        // had the new preStart failed to spawn "kid" (name still taken), the parent would have stopped
        assertThat((List<?>) watcher.receiveMessage()).singleElement()
                .satisfies(kid -> assertThat(((ActorRef<?>) kid).path().toString()).isEqualTo("/user/parent/kid"));
        assertThat(events).contains("parent preStart#2").doesNotContain("parent preStart#3");
    }

    /** Watches the target in its first instance only, and keeps a slow child so that a restart takes a while. */
    static final class SlowRestarter implements Actor<FamilyMsg> {
        private final int incarnation;
        private final ActorRef<?> target;
        private final CountDownLatch childStopping;
        private final CountDownLatch releaseChild;
        private final ActorRef<Object> report;

        SlowRestarter(int incarnation, ActorRef<?> target, CountDownLatch childStopping,
                      CountDownLatch releaseChild, ActorRef<Object> report) {
            this.incarnation = incarnation;
            this.target = target;
            this.childStopping = childStopping;
            this.releaseChild = releaseChild;
            this.report = report;
        }

        @Override
        public void preStart(ActorContext<FamilyMsg> ctx) {
            if (incarnation == 1) {
                ctx.watch(target);
                // it blocks on a gate: a virtual thread keeps the dispatcher free for the probes meanwhile
                ctx.spawn("slow", Scripted.<FamilyMsg>ignoring().postStop(c -> {
                    childStopping.countDown();
                    if (!releaseChild.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test gate never opened");
                    }
                }), Props.defaults().withDispatcher(Dispatcher.virtualThreads()));
            }
            report.tell("started#" + incarnation);
        }

        @Override
        public void receive(FamilyMsg msg, ActorContext<FamilyMsg> ctx) {
            if (msg instanceof Crash(var cause)) {
                throw cause;
            }
        }

        @Override
        public void onSignal(Signal signal, ActorContext<FamilyMsg> ctx) {
            report.tell(incarnation + " got " + signal);
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<FamilyMsg> ctx) {
            return ErrorAction.RESTART;
        }
    }

    /** Signal: signals "are never dropped"; one that arrives mid-restart goes to the new instance. */
    @Test
    void aTerminationSignalArrivingDuringARestartIsDeliveredToTheNewInstance() throws InterruptedException {
        TestProbe<Object> report = kit.createTestProbe();
        ActorRef<Counter.Msg> target = kit.spawn("target", Scripted.ignoring());
        CountDownLatch childStopping = new CountDownLatch(1);
        CountDownLatch releaseChild = new CountDownLatch(1);
        ActorRef<FamilyMsg> restarter = kit.spawn("restarter", () -> new SlowRestarter(
                incarnations.incrementAndGet(), target, childStopping, releaseChild, report.ref()));
        report.expectMessage("started#1");
        watcher.watch(target); // registered after the restarter's watch, so notified after it

        restarter.tell(new Crash(boom));
        assertThat(childStopping.await(10, TimeUnit.SECONDS)).as("restart reached the child").isTrue();
        kit.system().stop(target);
        Probes.nextTermination(watcher, target);
        releaseChild.countDown();

        report.expectMessage("started#2");
        report.expectMessage("2 got " + new Signal.Terminated(target, ExitReason.SHUTDOWN));
    }
}

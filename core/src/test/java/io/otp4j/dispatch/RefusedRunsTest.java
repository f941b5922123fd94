package io.otp4j.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.actor.ShutdownReport;
import io.otp4j.actor.Signal;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorException;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * What the runtime does when a dispatcher refuses to run an actor (a closed pool, a saturated executor, the
 * test's {@link RejectingDispatcher}), at each point of the actor's life: the refused actor terminates with
 * the refusal as its exit reason, its parent and watchers are told, its messages go to dead letters with a
 * reason, nothing waits for ever on it, and the system still closes, with a report that says which actors
 * ended without their {@code postStop}. The refusal at the first run is in {@link DispatcherContractTest};
 * every behaviour suite on the matrix's {@link DispatcherUnderTest#REJECTING} ends through these paths.
 */
class RefusedRunsTest {

    private static final Duration HANG = Duration.ofSeconds(60);

    /** Counts its postStops; answers every message to the probe it was given. */
    static final class Echo implements Actor<String> {
        private final ActorRef<String> replyTo;
        private final AtomicInteger postStops;

        Echo(ActorRef<String> replyTo, AtomicInteger postStops) {
            this.replyTo = replyTo;
            this.postStops = postStops;
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {
            replyTo.tell(message);
        }

        @Override
        public void postStop(ActorContext<String> ctx) {
            postStops.incrementAndGet();
        }
    }

    @Test
    void actorsRefusedDuringTheShutdownAreNamedInTheReportInsteadOfCountedAsStopped() {
        StepDispatcher steps = new StepDispatcher(); // runs on this thread only: a, b and c are idle between
        RejectingDispatcher refusing = RejectingDispatcher.refusingWhenTold(steps);
        ActorTestKit kit = ActorTestKit.create(); // the guardian and the probe stay on the system's pool
        ActorSystem system = kit.system();
        TestProbe<String> probe = kit.createTestProbe();
        AtomicInteger postStops = new AtomicInteger();
        List<ActorRef<String>> refused = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            refused.add(system.spawn(name, () -> new Echo(probe.ref(), postStops),
                    Props.defaults().withDispatcher(refusing)));
        }
        for (String name : List.of("d", "e")) {
            system.spawn(name, () -> new Echo(probe.ref(), postStops));
        }
        refused.forEach(ref -> ref.tell("started"));
        steps.runAll();
        probe.receiveMessages(3);

        refusing.refuseFromNow();
        ShutdownReport report = system.shutdown(HANG);

        assertThat(postStops.get()).as("postStops run: d and e only").isEqualTo(2);
        assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.REFUSED);
        assertThat(report.clean()).isFalse();
        assertThat(report.abandoned()).extracting(a -> a.path().name())
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(report.abandoned()).allSatisfy(a -> assertThat(a.reason())
                .contains("refused by its dispatcher").contains("RejectedExecutionException"));
        assertThat(system.whenTerminated().toCompletableFuture()).isCompletedWithValue(report);
    }

    /** Asserts that {@code terminated} carries a refusal as its exit reason. */
    private static void assertRefused(Signal.Terminated terminated) {
        assertThat(terminated.reason()).asInstanceOf(InstanceOfAssertFactories.type(ExitReason.Failed.class))
                .extracting(ExitReason.Failed::cause).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void anActorRefusedInMidLifeTerminatesWithTheRefusalAndEverySendBecomesADeadLetter() {
        StepDispatcher steps = new StepDispatcher();
        RejectingDispatcher refusing = RejectingDispatcher.refusingAfter(1, steps);
        try (ActorTestKit kit = ActorTestKit.create()) {
            TestProbe<String> probe = kit.createTestProbe();
            TestProbe<DeadLetter> deadLetters = kit.createTestProbe();
            kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
            AtomicInteger postStops = new AtomicInteger();
            ActorRef<String> ref = kit.system().spawn("refused", () -> new Echo(probe.ref(), postStops),
                    Props.defaults().withDispatcher(refusing));
            ref.tell("handled"); // queued behind the start, in the one run let through
            probe.watch(ref);
            steps.runAll();
            probe.expectMessage("handled");

            ref.tell("refused"); // its run is refused: the actor ends here, on this thread

            assertRefused(probe.expectTerminated(ref));
            assertThat(refusing.refused()).isPositive();
            assertThat(postStops.get()).as("no hook runs on a sender's thread").isZero();
            assertThat(deadLetters.receiveMessage())
                    .isEqualTo(new DeadLetter("refused", ref, DeadLetter.Reason.RECIPIENT_TERMINATED));
            assertThat(ref.offer("later", SendOptions.DEFAULT)).isEqualTo(Delivery.DEAD_LETTER);
            assertThat(ref.<String>ask(replyTo -> "ask", HANG).toCompletableFuture())
                    .as("an ask to it fails at once, not at its timeout")
                    .isCompletedExceptionally().failsWithin(Duration.ZERO)
                    .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(DeadActorException.class);
            assertThat(kit.system().shutdown(HANG).outcome())
                    .as("it was gone before the shutdown began").isEqualTo(ShutdownReport.Outcome.CLEAN);
        }
    }

    @Test
    void aRefusedParentKillsItsChildrenAndItsWatchersHearTheRefusal() {
        StepDispatcher steps = new StepDispatcher();
        RejectingDispatcher refusing = RejectingDispatcher.refusingAfter(1, steps);
        try (ActorTestKit kit = ActorTestKit.create()) {
            TestProbe<ActorRef<String>> children = kit.createTestProbe();
            TestProbe<String> childReplies = kit.createTestProbe();
            TestProbe<Object> ends = kit.createTestProbe();
            AtomicInteger postStops = new AtomicInteger();
            ActorRef<String> parent = kit.system().spawn("parent", () -> new Actor<String>() {
                @Override
                public void preStart(ActorContext<String> ctx) {
                    // the child runs on the system's pool: only the parent is refused
                    children.ref().tell(ctx.spawn("child", () -> new Echo(childReplies.ref(), postStops)));
                }

                @Override
                public void receive(String message, ActorContext<String> ctx) {}

                @Override
                public void postStop(ActorContext<String> ctx) {
                    postStops.incrementAndGet();
                }
            }, Props.defaults().withDispatcher(refusing));
            steps.runAll();
            ActorRef<String> child = children.receiveMessage();
            // watches the child, then pings it: the child handles its signals before its messages, so the
            // echo means the watch is in place (a watch that came after the death would only say noproc)
            ActorRef<ActorRef<String>> watcher = kit.system().spawn("watcher", () -> new Actor<ActorRef<String>>() {
                @Override
                public void receive(ActorRef<String> target, ActorContext<ActorRef<String>> ctx) {
                    ctx.watch(target);
                    target.tell("watched");
                }

                @Override
                public void onSignal(Signal signal, ActorContext<ActorRef<String>> ctx) {
                    ends.ref().tell(signal);
                }
            });
            watcher.tell(child);
            childReplies.expectMessage("watched");

            watcher.tell(parent); // the watch makes the parent runnable: its run is refused

            List<Signal.Terminated> terminated = ends.receiveMessages(2).stream()
                    .map(Signal.Terminated.class::cast).toList();
            assertThat(terminated).extracting(Signal.Terminated::ref).containsExactlyInAnyOrder(parent, child);
            assertRefused(terminated.stream().filter(t -> t.ref().equals(parent)).findFirst().orElseThrow());
            assertThat(terminated.stream().filter(t -> t.ref().equals(child)).findFirst().orElseThrow().reason())
                    .isEqualTo(ExitReason.KILLED);
            assertThat(postStops.get()).as("a kill runs no postStop, and nor does a refusal").isZero();
        }
    }

    @Test
    void aSupervisedChildThatIsRefusedFailsTheSupervisorsStartWithTheRefusal() throws Exception {
        // manual time: the start timeout never passes, so only the refusal itself can end the start
        try (ActorTestKit kit = ActorTestKit.withManualTime()) {
            ChildSpec<String> refused = ChildSpec.<String>worker("refused", () -> (message, ctx) -> { })
                    .withProps(Props.defaults().withDispatcher(RejectingDispatcher.refusingEverything()));
            CompletableFuture<Object> start = CompletableFuture.supplyAsync(() ->
                    Supervisor.start(kit.system(), "sup", Supervisor.builder().child(refused).build()));

            assertThat(start).failsWithin(HANG.toSeconds(), TimeUnit.SECONDS)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(SupervisorException.class, e -> {
                        assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);
                        assertThat(e).rootCause().isInstanceOf(RejectedExecutionException.class);
                    });
            assertThat(kit.system().shutdown(HANG).outcome()).isEqualTo(ShutdownReport.Outcome.CLEAN);
        }
    }

    @Test
    void aSenderBlockedOnAFullMailboxIsReleasedWhenItsConsumerIsRefused() throws Exception {
        StepDispatcher steps = new StepDispatcher();
        RejectingDispatcher refusing = RejectingDispatcher.refusingAfter(2, steps);
        // one message per run, so the run that takes "first" out ends with "blocked" waiting or yet to come
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().withThroughput(1))) {
            TestProbe<String> probe = kit.createTestProbe();
            TestProbe<DeadLetter> deadLetters = kit.createTestProbe();
            kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
            ActorRef<String> consumer = kit.system().spawn("consumer",
                    () -> new Echo(probe.ref(), new AtomicInteger()), Props.defaults()
                            .withMailbox(MailboxConfig.bounded(1, Overflow.BLOCK).withBlockTimeout(HANG))
                            .withDispatcher(refusing));
            probe.watch(consumer);
            steps.runNext(); // the start
            consumer.tell("first"); // fills the mailbox; its run waits in the step dispatcher
            FutureTask<Void> blocked = new FutureTask<>(() -> consumer.tell("blocked"), null);
            Thread sender = Thread.ofPlatform().name("blocked-sender").daemon().start(blocked);
            await("the sender to wait for space").until(() -> sender.getState() == Thread.State.TIMED_WAITING
                    || sender.getState() == Thread.State.WAITING);

            steps.runNext(); // handles "first"; the next run, for "blocked", is refused

            assertThat(blocked).succeedsWithin(HANG);
            probe.expectMessage("first");
            assertRefused(probe.expectTerminated(consumer));
            assertThat(deadLetters.receiveMessage())
                    .isEqualTo(new DeadLetter("blocked", consumer, DeadLetter.Reason.RECIPIENT_TERMINATED));
        }
    }

    /**
     * A pool its owner closes before the system (try-with-resources in the wrong order, say) refuses every
     * run from then on, and must not strand the runs it had accepted and not yet started: an actor whose run
     * waits in a closed pool would never run nor terminate, its mailbox never read, and every later send
     * would be "enqueued" into it.
     */
    @Test
    void aPoolClosedBeforeTheSystemStrandsNoActorAndLosesNoMessage() {
        int actors = 20;
        AtomicInteger handled = new AtomicInteger();
        AtomicInteger postStops = new AtomicInteger();
        ActorSystem system = ActorSystem.create("closed-first"); // the guardian stays on the system's pool
        List<ActorRef<Integer>> refs = new ArrayList<>();
        try (Dispatcher pool = Dispatcher.workStealing("closed-first", 1)) {
            for (int i = 0; i < actors; i++) {
                refs.add(system.spawn("a" + i, () -> new Actor<Integer>() {
                    @Override
                    public void receive(Integer message, ActorContext<Integer> ctx) {
                        handled.incrementAndGet();
                    }

                    @Override
                    public void postStop(ActorContext<Integer> ctx) {
                        postStops.incrementAndGet();
                    }
                }, Props.defaults().withDispatcher(pool)));
            }
            refs.forEach(ref -> ref.tell(1)); // most runs still wait in the pool when it closes
        }

        ShutdownReport report = system.shutdown(HANG);

        assertThat(report.outcome()).isIn(ShutdownReport.Outcome.CLEAN, ShutdownReport.Outcome.REFUSED);
        assertThat(handled.get() + system.eventStream().deadLetterCount())
                .as("every message handled or dead-lettered").isEqualTo(actors);
        assertThat(refs).allSatisfy(ref -> assertThat(ref.offer(2, SendOptions.DEFAULT))
                .as("a send to %s after the shutdown", ref).isEqualTo(Delivery.DEAD_LETTER));
    }

    /**
     * The system's guardian runs on the default dispatcher: a default pool closed by its owner refuses the
     * guardian as soon as anything makes it runnable, which kills every actor. However early that happens,
     * the shutdown's report says so, rather than finding nothing left to stop and calling that clean.
     */
    @Test
    void aDefaultPoolClosedBeforeTheSystemMakesTheReportNameTheRefusedGuardian() {
        Dispatcher pool = Dispatcher.workStealing("default-closed-first", 2);
        ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().withDispatcher(pool));
        TestProbe<String> probe = kit.createTestProbe();
        ActorRef<String> echo = kit.spawn("echo", () -> new Echo(probe.ref(), new AtomicInteger()));
        echo.tell("started");
        probe.expectMessage("started");
        pool.close();

        kit.system().stop(echo); // refused; so is the guardian when it hears of it: the system is dead

        ShutdownReport report = kit.system().shutdown(HANG);
        assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.REFUSED);
        assertThat(report.abandoned()).extracting(a -> a.path().toString()).contains("/user");
    }

    /**
     * A refused parent kills its children without waiting for them (it cannot run to hear of them): one
     * still in a long message when the shutdown ends is named in the report as abandoned, as after a
     * timeout, and runs nothing more; the shutdown does not pretend it stopped.
     */
    @Test
    void aChildStillRunningWhenItsRefusedParentEndedIsNamedAsAbandoned() throws Exception {
        StepDispatcher steps = new StepDispatcher();
        RejectingDispatcher refusing = RejectingDispatcher.refusingWhenTold(steps);
        CountDownLatch inMessage = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        try (ActorTestKit kit = ActorTestKit.create()) {
            TestProbe<ActorRef<String>> children = kit.createTestProbe();
            ActorRef<String> parent = kit.system().spawn("parent", () -> new Actor<String>() {
                @Override
                public void preStart(ActorContext<String> ctx) {
                    children.ref().tell(ctx.spawn("child", () -> (String message, ActorContext<String> c) -> {
                        handled.incrementAndGet();
                        inMessage.countDown();
                        release.await();
                    }));
                }

                @Override
                public void receive(String message, ActorContext<String> ctx) {}
            }, Props.defaults().withDispatcher(refusing));
            steps.runAll();
            ActorRef<String> child = children.receiveMessage();
            child.tell("long");
            assertThat(inMessage.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
            child.tell("queued");

            refusing.refuseFromNow();
            ShutdownReport report = kit.system().shutdown(HANG);
            release.countDown();

            assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.REFUSED);
            assertThat(report.abandoned()).extracting(a -> a.path().name()).containsExactlyInAnyOrder("parent", "child");
            assertThat(report.abandoned()).filteredOn(a -> a.path().name().equals("child")).singleElement()
                    .satisfies(a -> assertThat(a.reason()).contains("still handling a message"));
            await("the queued message dead-lettered").until(() -> kit.system().eventStream().deadLetterCount() >= 1);
            assertThat(handled.get()).as("only the long message; the queued one never").isEqualTo(1);
            assertThat(child.offer("later", SendOptions.DEFAULT)).isEqualTo(Delivery.DEAD_LETTER);
        }
    }
}

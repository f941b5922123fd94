package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle hooks of {@link Actor}: {@code preStart} once before the first message, {@code receive}
 * per message in order, {@code postStop} once after the last message; none of them after a kill.
 *
 * <p>Hooks record into a thread-safe list synchronously; the list is read only after the actor's
 * termination has been observed, which happens-after every hook.
 */
@OnEveryDispatcher
class ActorLifecycleTest {

    sealed interface Cmd permits Work, StopSelf, StopThenWork {}

    record Work(String label) implements Cmd {}

    record StopSelf() implements Cmd {}

    /** Calls {@code ctx.stop()} and then goes on handling the same message. */
    record StopThenWork(String label) implements Cmd {}

    private final ActorTestKit kit;
    private final TestProbe<Object> probe;
    private final List<String> events = new CopyOnWriteArrayList<>();

    ActorLifecycleTest(DispatcherUnderTest on) {
        kit = on.testKit();
        probe = kit.createTestProbe();
    }

    @AfterEach
    void closeKit() {
        kit.close();
    }

    private Scripted.Spec<Cmd> recorder() {
        return Scripted.<Cmd>receiving((msg, ctx) -> {
                    switch (msg) {
                        case Work(var label) -> events.add("receive " + label);
                        case StopSelf() -> {
                            events.add("receive stop");
                            ctx.stop();
                        }
                        case StopThenWork(var label) -> {
                            ctx.stop();
                            events.add("after stop() in " + label);
                        }
                    }
                })
                .preStart(ctx -> events.add("preStart"))
                .postStop(ctx -> events.add("postStop"));
    }

    @Test
    void preStartRunsBeforeTheFirstMessageAndPostStopRunsLast() {
        ActorRef<Cmd> ref = kit.spawn(recorder());
        // told at once after spawn: the actor may not have started yet; preStart must still come first
        ref.tell(new Work("a"));
        ref.tell(new Work("b"));
        ref.tell(new StopSelf());

        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.NORMAL);
        assertThat(events).containsExactly("preStart", "receive a", "receive b", "receive stop", "postStop");
    }

    @Test
    void stopInPreStartEndsTheActorBeforeItHandlesAnyMessageAndPostStopRuns() {
        ActorRef<Cmd> ref = kit.spawn(recorder().preStart(ctx -> {
            events.add("preStart");
            ctx.stop();
            events.add("preStart goes on to its end");
        }));
        ref.tell(new Work("a")); // may be queued before the start: it is never handled all the same

        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.NORMAL);
        assertThat(events).containsExactly("preStart", "preStart goes on to its end", "postStop");
    }

    @Test
    void messagesFromOneSenderAreHandledInTheOrderSent() {
        ActorRef<Cmd> ref = kit.spawn(recorder());
        List<String> expected = new java.util.ArrayList<>();
        expected.add("preStart");
        for (int i = 0; i < 1_000; i++) {
            ref.tell(new Work(Integer.toString(i)));
            expected.add("receive " + i);
        }
        ref.tell(new StopSelf());
        expected.add("receive stop");
        expected.add("postStop");

        probe.expectTerminated(ref);

        assertThat(events).containsExactlyElementsOf(expected);
    }

    @Test
    void postStopRunsOnceWhenStoppedFromOutside() {
        ActorRef<Cmd> ref = kit.spawn(recorder());
        ref.tell(new Work("a"));

        kit.system().stop(ref);
        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(events).startsWith("preStart").endsWith("postStop");
        assertThat(Collections.frequency(events, "postStop")).isEqualTo(1);
        assertThat(Collections.frequency(events, "preStart")).isEqualTo(1);
    }

    /** ActorContext.stop(): "after the current message ... then postStop runs". */
    @Test
    void stopTakesEffectAfterTheCurrentMessageSoPostStopRunsAfterItsHandlerReturns() {
        ActorRef<Cmd> ref = kit.spawn(recorder());
        ref.tell(new StopThenWork("m1"));

        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.NORMAL);
        assertThat(events).containsExactly("preStart", "after stop() in m1", "postStop");
    }

    @Test
    void messagesAfterTheOneThatStoppedTheActorAreNotHandled() {
        ActorRef<Cmd> ref = kit.spawn(recorder());
        ref.tell(new Work("a"));
        ref.tell(new StopSelf());
        ref.tell(new Work("too late"));

        probe.expectTerminated(ref);

        assertThat(events).containsExactly("preStart", "receive a", "receive stop", "postStop");
    }

    @Test
    void killedActorDoesNotRunPostStopAndWatchersSeeKilled() {
        ActorRef<Cmd> ref = kit.spawn(recorder());
        ref.tell(new Work("a"));
        probe.watch(ref);

        kit.system().kill(ref);
        Signal.Terminated terminated = Probes.nextTermination(probe, ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.KILLED);
        assertThat(events).doesNotContain("postStop");
    }

    @Test
    void exitStopsTheActorWithTheGivenReasonAfterPostStop() {
        ExitReason.Shutdown reason = new ExitReason.Shutdown("maintenance");
        ActorRef<Cmd> ref = kit.spawn(Scripted.<Cmd>receiving((msg, ctx) -> ctx.exit(reason))
                .postStop(ctx -> events.add("postStop")));
        ref.tell(new Work("x"));

        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isEqualTo(reason);
        assertThat(events).containsExactly("postStop");
    }

    @Test
    void killingAParentKillsItsChildrenWithoutRunningAnyPostStop() {
        TestProbe<Object> childRefs = kit.createTestProbe();
        ActorRef<Cmd> parent = kit.spawn(Scripted.<Cmd>ignoring()
                .preStart(ctx -> childRefs.ref().tell(ctx.spawn("child", Scripted.<Cmd>ignoring()
                        .postStop(c -> events.add("child postStop")))))
                .postStop(ctx -> events.add("parent postStop")));
        ActorRef<?> child = (ActorRef<?>) childRefs.receiveMessage();
        TestProbe<Object> childWatcher = kit.createTestProbe();
        childWatcher.watch(child);
        probe.watch(parent);

        kit.system().kill(parent);

        assertThat(Probes.nextTermination(probe, parent).reason()).isEqualTo(ExitReason.KILLED);
        assertThat(Probes.nextTermination(childWatcher, child).reason()).isEqualTo(ExitReason.KILLED);
        assertThat(events).isEmpty();
    }
}

package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.dispatch.Dispatcher;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ActorSystem#stop} from outside any actor, and waiting for it, as OTP's {@code gen_server:stop}
 * does: the stage completes once the actor has terminated, with the reason it terminated with, or
 * {@code noproc} if there was nothing left to stop.
 */
class StopAndWaitTest {

    private static final long WAIT_SECONDS = 10;

    private final ActorTestKit kit = ActorTestKit.create();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeKit() {
        kit.close();
    }

    private static ExitReason await(CompletionStage<ExitReason> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** OTP: {@code gen_server:stop(Pid)} returns once the server has terminated ({@code terminate/2} run). */
    @Test
    void stopCompletesWithShutdownOnceTheActorHasTerminatedAndRunItsPostStop() throws Exception {
        ActorRef<String> ref = kit.spawn("worker", Scripted.<String>ignoring()
                .postStop(ctx -> events.add("postStop")));

        ExitReason reason = await(kit.system().stop(ref));

        assertThat(reason).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(events).containsExactly("postStop"); // the postStop happened-before the completion
        assertThat(kit.system().snapshot().find(ref.path())).as("gone from the tree").isEmpty();
    }

    /** OTP: {@code gen_server:stop(Pid)} of a process that no longer exists exits with {@code noproc}. */
    @Test
    void stopOfAnActorThatHadAlreadyTerminatedCompletesWithNoproc() throws Exception {
        ActorRef<String> ref = kit.spawn("worker", Scripted.<String>receiving((msg, ctx) -> ctx.stop()));
        ref.tell("stop yourself");
        kit.createTestProbe().expectTerminated(ref);

        assertThat(await(kit.system().stop(ref))).isEqualTo(ExitReason.NO_PROC);
    }

    @Test
    void stopCompletesWithTheReasonTheActorEndedWithWhenAKillOvertakesIt() throws Exception {
        CountDownLatch childBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the child blocks in receive, so the parent's stop waits for it: time enough for a kill to overtake
        ActorRef<String> parent = kit.spawn("parent", Scripted.<String>receiving((msg, ctx) -> { })
                .preStart(ctx -> ctx.<String>spawn("child", Scripted.<String>receiving((msg, c) -> {
                    childBusy.countDown();
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                }), Props.defaults().withDispatcher(Dispatcher.virtualThreads())).tell("block"))
                .postStop(ctx -> events.add("parent postStop")));
        assertThat(childBusy.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        CompletionStage<ExitReason> stopped = kit.system().stop(parent);
        kit.system().kill(parent); // handled after the stop: the stop waits for the child, the kill ends it
        release.countDown();

        assertThat(await(stopped)).isEqualTo(ExitReason.KILLED);
        assertThat(events).as("a kill runs no postStop").isEmpty();
    }

    @Test
    void stopOfAnActorAbandonedByTheSystemShutdownCompletesWithKilled() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<String> stuck = kit.spawn("stuck", Scripted.<String>receiving((msg, ctx) -> {
            busy.countDown();
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
        }), Props.defaults().withDispatcher(Dispatcher.virtualThreads()));
        stuck.tell("block");
        assertThat(busy.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletionStage<ExitReason> stopped = kit.system().stop(stuck);

        // the stuck actor cannot stop before its message returns: the shutdown gives up on it
        ShutdownReport report = kit.system().shutdown(Duration.ZERO);
        release.countDown();

        assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.TIMED_OUT);
        assertThat(await(stopped)).isEqualTo(ExitReason.KILLED);
    }

    @Test
    void everyStopThatReachesTheActorAliveIsToldTheSameEnd() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<String> ref = kit.spawn("worker", Scripted.<String>receiving((msg, ctx) -> {
            busy.countDown();
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
        }), Props.defaults().withDispatcher(Dispatcher.virtualThreads()));
        TestProbe<Object> watcher = kit.createTestProbe();
        watcher.watch(ref);
        ref.tell("block");
        assertThat(busy.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        CompletionStage<ExitReason> first = kit.system().stop(ref);
        CompletionStage<ExitReason> second = kit.system().stop(ref); // both queued while it is busy
        release.countDown();

        assertThat(await(first)).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(await(second)).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(watcher.expectTerminated(ref).reason()).isEqualTo(ExitReason.SHUTDOWN);
    }
}

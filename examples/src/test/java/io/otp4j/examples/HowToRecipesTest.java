package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.examples.howto.BlockingWork;
import io.otp4j.examples.howto.LocalFailures;
import io.otp4j.examples.howto.Mailboxes;
import io.otp4j.examples.howto.Messaging;
import io.otp4j.examples.howto.NarrowRefs;
import io.otp4j.examples.howto.RequestReply;
import io.otp4j.examples.howto.ShuttingDown;
import io.otp4j.examples.howto.StartAndStop;
import io.otp4j.examples.howto.StateMachine;
import io.otp4j.examples.howto.SystemSettings;
import io.otp4j.examples.howto.SupervisorRecipes;
import io.otp4j.examples.howto.Timers;
import io.otp4j.examples.howto.WatchAndLink;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the programs behind the how-to guides and checks that each recipe does what its guide says. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HowToRecipesTest {

    @Test
    void systemSettingsRefuseASpawnPastTheLimitAndFreeThePlaceOnAStop() {
        assertThat(MainRunner.run(SystemSettings::main).lines()).containsExactly(
                "refused: all 3 places taken",
                "limit events: 1",
                "session-3 spawned once audit stopped",
                "db started: 1 child");
    }

    @Test
    void requestReplyAsksFromMainAndFromInsideAnActor() {
        assertThat(MainRunner.run(RequestReply::main).lines())
                .containsExactly("coffee costs 250 cents", "no price for cake", "3 x tea = 540");
    }

    @Test
    void startAndStopBuildsAnActorFromItsContextAndWaitsForItsStop() {
        assertThat(MainRunner.run(StartAndStop::main).lines()).containsExactly(
                "done: report by worker",
                "worker stopped: shutdown",
                "stopping it again: noproc");
    }

    @Test
    void blockingWorkRunsOnAVirtualThread() {
        assertThat(MainRunner.run(BlockingWork::main))
                .contains("the file: 3 lines, read on a virtual thread");
    }

    @Test
    void timersExpireASessionAndStopPolling() {
        String out = MainRunner.run(Timers::main);
        assertThat(out).contains("session expired after", "polled 3 times; timer active: false");
    }

    @Test
    void stateMachineLetsOnePersonThroughPerCoin() {
        assertThat(MainRunner.run(StateMachine::main).lines()).containsExactly(
                "push: locked: insert a coin",
                "push: welcome (1 more paid)",
                "push: welcome (0 more paid)",
                "push: locked: insert a coin");
    }

    @Test
    void mailboxesRejectReorderAndDrop() {
        assertThat(MainRunner.run(Mailboxes::main)).contains(
                "a: queued", "b: queued", "c: the printer is full, try later",
                "printed before the flush: [ALARM paper jam, high, normal]",
                "a bounded priority mailbox printed: [ALARM toner low, normal]",
                "dead letter MAILBOX_FULL: Print[line=dropped] to /user/lossy-printer",
                "dead letters counted: 1");
    }

    @Test
    void watchSeesTheStopAndALinkTrapsTheCrash() {
        assertThat(MainRunner.run(WatchAndLink::main).lines()).containsExactly(
                "alice left: shutdown",
                "bob exited: failed: java.lang.IllegalStateException: disk full");
    }

    @Test
    void resumeDropsBadInputAndKeepsTheState() {
        assertThat(MainRunner.run(LocalFailures::main))
                .contains("total: 3 (the bad input was dropped, the state kept)");
    }

    @Test
    void aNarrowRefReadsWhatTheFullRefWrote() {
        assertThat(MainRunner.run(NarrowRefs::main)).contains("dark mode is on");
    }

    @Test
    void messagingUsesNamesGroupsTopicsRequestsAndRouters() {
        assertThat(MainRunner.run(Messaging::main).lines()).containsExactly(
                "members of workers: [/user/worker-1]",
                "group watcher saw Snapshot []",
                "group watcher saw Joined /user/worker-1",
                "PublishResult[subscribers=2, delivered=2, dropped=0, rejected=0, deadLetters=0]",
                "billing got [OrderCreated[orderId=42]], the auditor got [OrderCreated[orderId=42]]",
                "counter total by name: 2",
                "acme served by /user/workers/routees/routee-N",
                "acme served by /user/worker-1");
    }

    @Test
    void aShutdownPastItsLimitNamesTheAbandonedActorAndLaterSendsAreDeadLetters() {
        String out = MainRunner.run(ShuttingDown::main);
        assertThat(out).contains("abandoned /user/stuck: still handling a message on ",
                "a send after shutdown: DEAD_LETTER");
    }

    @Test
    void supervisorRecipesStartTheTreeAndUseTheControlApi() {
        String out = MainRunner.run(SupervisorRecipes::main);
        assertThat(out).containsPattern("hello alice from /user/app/sessions/\\$\\w+")
                .contains("ChildCounts[specs=1, active=2, supervisors=0, workers=2]",
                        "db: UNDEFINED", "deleteChild refused: RUNNING", "db: RUNNING",
                        "sessions: RUNNING, a supervisor", "cache not wanted", "cache: UNDEFINED",
                        "cache started with room for 1000 entries",
                        "cache-refresher: RUNNING");
    }
}

package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs each example of the tour ({@code docs/examples.md}) as a user would, and checks the lines that tell
 * its story.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExampleProgramsTest {

    @Test
    void actorBasicTellsAsksAndStopsACart() {
        String out = MainRunner.run(ActorBasic::main);

        assertThat(out).containsSubsequence(
                "spawned /user/cart",
                "asked for the items: [bread, milk]",
                "asked for a receipt: 2 items, total 3.49 EUR",
                "stopping the cart",
                "cart postStop: stopped with 2 items in it");
        assertThat(out.lines().toList().getLast()).isEqualTo("system closed");
    }

    @Test
    void actorLifecycleResumesRestartsWithAFreshInstanceThenStopsAndTheWatcherHearsOfIt() {
        String out = MainRunner.run(ActorLifecycle::main);

        assertThat(out).containsSubsequence(
                "tally #1 preStart",
                "after adding 5 and 7: total = 12 (held by tally #1)",
                // RESUME: the bad message is dropped, instance and state kept
                "tally #1 onFailure(IllegalArgumentException: cannot add -1) -> RESUME",
                "after adding -1 and 3: total = 15 (held by tally #1)",
                // RESTART: old instance's postStop, a fresh instance's preStart, the queued message kept
                "tally #1 onFailure(IllegalStateException: total is corrupt) -> RESTART",
                "tally #1 postStop (total was 15)",
                "tally #2 preStart",
                "after the restart and adding 4: total = 4 (held by tally #2)",
                "same ref as before the restart: true",
                // STOP: postStop, then the watcher's Terminated with the failure
                "tally #2 onFailure(UnsupportedOperationException: poisoned) -> STOP",
                "tally #2 postStop (total was 4)",
                "watcher onSignal: Terminated(/user/tally, failed: java.lang.UnsupportedOperationException: poisoned)",
                "the watcher reports the exit reason: failed: java.lang.UnsupportedOperationException: poisoned",
                "abnormal exit: true",
                "asking the stopped tally fails with: DeadActorException");
        assertThat(out).doesNotContain("tally #3");
    }
}

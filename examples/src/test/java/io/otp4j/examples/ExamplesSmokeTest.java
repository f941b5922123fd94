package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs each example's {@code main} as a user would and checks the lines that tell its story. */
class ExamplesSmokeTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void demoShowsCrashRestartWatchAskAndOrderedShutdown() {
        String out = MainRunner.run(Demo::main);
        List<String> lines = out.lines().toList();

        // messages flow through the pool to each worker, and the replies reach main
        assertThat(out).contains("reply: job 1 = 36 from /user/pool/worker-1",
                "reply: job 2 = 49 from /user/pool/worker-2",
                "reply: job 3 = 64 from /user/pool/worker-3");

        // the crash, then the restart: the old instance's postStop, a new preStart, the kept mailbox
        assertThat(out).contains("CRASH NumberFormatException: For input string: \"x\"",
                "onFailure: RESTART",
                "reply: job 5 = 81 from the new worker-2 instance",
                "job 4 got no reply: AskTimeoutException");
        assertThat(lines).filteredOn(l -> l.contains("/user/pool/worker-2") && l.endsWith("preStart"))
                .hasSize(2);
        assertThat(lines).filteredOn(l -> l.contains("/user/pool/worker-2") && l.contains("job 5:"))
                .singleElement().asString().contains("job #1 of this instance");

        // the watch: the monitor sees worker-3 terminate, with its exit reason
        assertThat(out).contains("Terminated: /user/pool/worker-3, reason: shutdown",
                "the monitor reports worker-3's exit reason: shutdown");

        // close(): children before parents, youngest sibling first
        int monitor = lastIndexOf(lines, "/user/monitor", "postStop");
        int worker2 = lastIndexOf(lines, "/user/pool/worker-2", "postStop");
        int worker1 = lastIndexOf(lines, "/user/pool/worker-1", "postStop");
        int pool = lastIndexOf(lines, "/user/pool ", "postStop");
        assertThat(List.of(monitor, worker2, worker1, pool)).doesNotContain(-1).isSorted();
        assertThat(lines.getLast()).contains("bye");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void gettingStartedPrintsTheCount() {
        assertThat(MainRunner.run(GettingStarted::main)).contains("count = 55");
    }

    private static int lastIndexOf(List<String> lines, String actor, String event) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(actor) && lines.get(i).contains(event)) {
                return i;
            }
        }
        return -1;
    }
}

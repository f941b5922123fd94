package io.otp4j.examples.sysops;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.examples.MainRunner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the sysops examples' {@code main} as a user would and checks the lines that tell their story. */
class SysOpsExamplesSmokeTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void secureFileProcessingProcessesTheInboxAndDeniesTheRest() {
        String out = MainRunner.run(SecureFileProcessing::main);

        assertThat(out).contains(
                "  sum 111 -> outbox/numbers-1.csv.sum",
                "  sum 515 -> outbox/numbers-5.csv.sum",
                "  CRASHED (For input string: \"two\"); left in the inbox",
                "processor reads the audit file: DENIED, missing 'user:processor file read ROOT/audit.jsonl'",
                "processor writes outbox/../secret.txt: DENIED, missing 'user:processor file write ROOT/secret.txt'",
                "outbox: 5 result files; inbox still holds: [corrupt.csv]",
                "audit: hash chain intact");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void opsAgentRunsAllowedCommandsAndReportsTheRest() {
        String out = MainRunner.run(OpsAgent::main);

        assertThat(out).contains(
                "echo [hello, from, the, agent] -> exit 0: hello from the agent",
                "echo [a; rm -rf /, $(id), *] -> exit 0: a; rm -rf / $(id) *",
                "cat [/etc/passwd] -> denied: the executable is not granted",
                "echo [found through PATH?] -> denied: an executable is named by its absolute path; PATH is never searched",
                "echo [hi] -> denied: LD_PRELOAD changes how programs load or behave; it is never passed",
                "sleep [30] -> timed out: killed with its children after 300 ms",
                "done: sysops closed, no process left running");
    }
}

package io.otp4j.sysops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file format, and deny by default. */
class PolicyTest {

    @TempDir
    Path tmp;

    @Test
    void aPolicyFileIsReadIntoGrantsNamedByLine() throws IOException {
        Path inbox = Files.createDirectories(tmp.toRealPath().resolve("inbox"));
        Path file = Files.writeString(tmp.resolve("policy.txt"), """
                # the file processing service
                allow role:processor file read,list,stat,watch %s

                allow user:agent exec /bin/echo args=regex:[a-z]+ env=LANG
                allow role:web net tcp,http 127.0.0.1 8080-8090
                """.formatted(inbox));

        Policy policy = Policy.load(file);

        assertThat(policy.grants()).extracting(Grant::rule).containsExactly("policy.txt:2", "policy.txt:4", "policy.txt:5");
        assertThat(policy.grants().get(0).permission()).isEqualTo(new Permission.Folder(
                Set.of(FileAccess.READ, FileAccess.LIST, FileAccess.STAT, FileAccess.WATCH), inbox));
        Principal processor = Principal.of("p1", "processor");
        assertThat(policy.checkFile(processor, FileAccess.READ, inbox.resolve("a.csv")))
                .isEqualTo(new Decision.Allowed(policy.grants().get(0)));
        assertThat(policy.checkFile(processor, FileAccess.WRITE, inbox.resolve("a.csv")))
                .isInstanceOf(Decision.Refused.class);
        Principal agent = Principal.of("agent");
        Path echo = Path.of("/bin/echo").toRealPath();
        assertThat(policy.checkExec(agent, echo, List.of("hello"), Set.of("LANG"))).isInstanceOf(Decision.Allowed.class);
        assertThat(policy.checkExec(agent, echo, List.of("hello world"), Set.of())).isInstanceOf(Decision.Refused.class);
        assertThat(policy.checkNet(Principal.of("w", "web"), "http", "127.0.0.1", 8085)).isInstanceOf(Decision.Allowed.class);
        assertThat(policy.checkNet(Principal.of("w", "web"), "http", "127.0.0.1", 8091)).isInstanceOf(Decision.Refused.class);
    }

    @Test
    void aBadLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> Policy.parse("allow role:x file read /a\nallow role:x file chmod /b\n", "p"))
                .isInstanceOf(PolicyFormatException.class).hasMessageStartingWith("p:2: unknown file access 'chmod'");
        assertThatThrownBy(() -> Policy.parse("allow bob file read /a", "p"))
                .isInstanceOf(PolicyFormatException.class).hasMessageContaining("user:NAME or role:ROLE");
        assertThatThrownBy(() -> Policy.parse("allow role:x file read relative/path", "p"))
                .isInstanceOf(PolicyFormatException.class).hasMessageContaining("absolute");
    }

    @Test
    void anEmptyPolicyDeniesEverything() {
        Policy policy = Policy.denyAll();

        assertThat(policy.checkFile(Principal.of("root", "admin"), FileAccess.READ, Path.of("/")))
                .isEqualTo(new Decision.Refused("user:root file read /", "no grant covers the real path"));
    }
}

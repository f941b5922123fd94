package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.examples.tutorial.FirstActor;
import io.otp4j.examples.tutorial.MessageHandling;
import io.otp4j.examples.tutorial.SupervisorTree;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs each tutorial's program as a reader would, checks the lines that tell its story, and checks that
 * the output the tutorial shows (a {@code ```text} fence marked {@code <!-- output: ClassName -->}) is
 * exactly what the program prints.
 */
class TutorialsTest {

    /** The programs whose output the docs may show; each is run and compared by a test below. */
    private static final List<Class<?>> PROGRAMS =
            List.of(GettingStarted.class, FirstActor.class, MessageHandling.class, SupervisorTree.class);

    private final Path root = DocSnippets.repositoryRoot();
    private final List<Path> docs = DocSnippets.markdownFiles(root);

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void gettingStartedCountsToFiftyFive() {
        String out = runAndCompareWithDocs(GettingStarted::main, GettingStarted.class);
        assertThat(out.lines()).containsExactly("count = 55");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void firstActorOpensAnAccountAnswersItsBalanceAndClosesItWithTheSystem() {
        List<String> lines = runAndCompareWithDocs(FirstActor::main, FirstActor.class).lines().toList();
        assertThat(lines).containsExactly(
                "alice: account opened at /user/alice",
                "main: alice has 70",
                "main: closing the system",
                "alice: account closed with a balance of 70",
                "main: done");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void messageHandlingRepliesRejectsForwardsPipesAndTimesOut() {
        String out = runAndCompareWithDocs(MessageHandling::main, MessageHandling.class);
        assertThat(out).contains(
                "main: withdraw 500 -> rejected: insufficient funds: 100 < 500",
                "main: statement [deposit 100, withdrawal 30]",
                "main: deposit 10 USD -> accepted, balance 79",
                "main: deposit 10 XYZ -> rejected: no rate for XYZ",
                "alice: hold of 50 expired, balance 79");
        assertThat(out.indexOf("alice: hold of 50 expired")).isLessThan(out.indexOf("main: hold 50 for 200 ms"));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void supervisorTreeRestartsACrashedAccountThenGivesUp() {
        String out = runAndCompareWithDocs(SupervisorTree::main, SupervisorTree.class);
        assertThat(out).contains(
                "supervisor: ChildExited alice, failed: java.lang.ArithmeticException: long overflow",
                "supervisor: ChildStarted alice (a restart)",
                "main: alice has 7, bob has 20",
                "main: alice is RUNNING after 1 restart(s)",
                "supervisor: IntensityExceeded, more than 1 restart(s) in PT1M",
                "supervisor: RootTerminated, shutdown",
                "main: bob is gone too: DeadActorException");
    }

    @Test
    void everyOutputShownInTheDocsBelongsToAProgramRunHere() {
        List<String> run = PROGRAMS.stream().map(Class::getName).toList();
        assertThat(run).containsAll(DocSnippets.outputClasses(root, docs));
    }

    /** Runs {@code main}, then asserts that every output block the docs show for {@code program} equals its output. */
    private String runAndCompareWithDocs(MainRunner.Main main, Class<?> program) {
        String out = MainRunner.run(main);
        List<DocSnippets.Fence> shown = DocSnippets.outputBlocks(root, docs, program.getName());
        assertThat(shown).as("the docs show the output of %s", program.getSimpleName()).isNotEmpty();
        for (DocSnippets.Fence fence : shown) {
            assertThat(DocSnippets.normalize(fence.lines()))
                    .as("%s:%d shows the output of %s", fence.file(), fence.line(), program.getSimpleName())
                    .isEqualTo(DocSnippets.normalize(out.lines().toList()));
        }
        return out;
    }
}

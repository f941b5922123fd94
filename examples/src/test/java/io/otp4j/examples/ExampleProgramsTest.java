package io.otp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each example of the tour ({@code docs/examples.md}) as a user would, and checks the lines that tell
 * its story. The examples wait for replies and events, never for time, so their output is the same on
 * every run: the last test holds them to that.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExampleProgramsTest {

    /** The examples' sources, from the module's directory (where the tests run). */
    private static final Path SOURCES = Path.of("src/main/java/io/otp4j/examples");

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

    @Test
    void supervisorBasicRestartsTheCrashedWorkerInPlaceAndLeavesTheOtherAlone() {
        String out = MainRunner.run(SupervisorBasic::main);

        assertThat(out).containsSubsequence(
                "app: ChildStarted counter",
                "app: ChildStarted greeter",
                "counter: RUNNING, restarts 0, /user/app/counter",
                "count = 3",
                "app: ChildExited counter (failed: java.lang.IllegalStateException: boom)",
                "app: StrategyApplied ONE_FOR_ONE after counter: restarting [counter]",
                "app: ChildStarted (restart) counter",
                "count = 0 (a fresh instance",
                "same ref after the restart: true",
                "the greeter was not touched: hello, world",
                "counter: RUNNING, restarts 1, /user/app/counter",
                "greeter: RUNNING, restarts 0, /user/app/greeter");
        assertThat(out).doesNotContain("ChildStarted (restart) greeter", "ChildTerminated greeter");
    }

    @Test
    void supervisorStrategiesRestartWhomEachStrategySays() {
        String out = MainRunner.run(SupervisorStrategies::main);

        assertThat(out).contains(
                "ONE_FOR_ONE: restarted [B], untouched [A, C]",
                "ONE_FOR_ALL: restarted [A, B, C], untouched []",
                "REST_FOR_ONE: restarted [B, C], untouched [A]");
        // ONE_FOR_ALL: the others stop in reverse start order, then all start again in start order
        assertThat(section(out, "-- ONE_FOR_ALL", "ONE_FOR_ALL: restarted")).containsSubsequence(
                "sup: ChildExited B (failed: java.lang.IllegalStateException: B crashed)",
                "sup: ChildTerminated C",
                "sup: ChildTerminated A",
                "sup: StrategyApplied ONE_FOR_ALL after B: restarting [A, B, C]",
                "sup: ChildStarted (restart) A",
                "sup: ChildStarted (restart) B",
                "sup: ChildStarted (restart) C");
        assertThat(section(out, "-- REST_FOR_ONE", "REST_FOR_ONE: restarted"))
                .doesNotContain("ChildTerminated A", "ChildStarted (restart) A");
    }

    @Test
    void supervisorStrategiesShowTheIntensityExceededAndTheEscalationToTheParent() {
        String out = MainRunner.run(SupervisorStrategies::main);

        assertThat(section(out, "-- intensity", "app restarted it")).containsSubsequence(
                "first crash: B restarted",
                "workers: ChildExited B",
                "workers: IntensityExceeded (more than 1 restart(s) in PT1M)",
                "workers: ChildTerminated A",
                "app: ChildExited workers (shutdown)",
                "app: StrategyApplied ONE_FOR_ONE after workers: restarting [workers]",
                "workers: ChildStarted A",
                "app: ChildStarted (restart) workers",
                "workers gave up and exited with 'shutdown'; app restarted it");
    }

    @Test
    void messagePatternsSendByRefAndByNameAndPublishToTopics() {
        String out = MainRunner.run(MessagePatterns::main);

        assertThat(out).contains(
                "by ref: printer got 'sent by ref'",
                "by name: ENQUEUED, printer got 'sent by name'",
                "to an unregistered name: DEAD_LETTER, dead letter NO_SUCH_NAME",
                "orders.eu.placed: 2 subscribers, 2 delivered",
                "orders.eu.paid: 1 subscriber, 1 delivered",
                "audit got OrderPlaced[order=42]",
                "billing got OrderPlaced[order=42]",
                "audit got OrderPaid[order=42]",
                "shipping.eu.sent: 0 subscribers, dead letter NO_SUBSCRIBERS");
        assertThat(out).doesNotContain("billing got OrderPaid"); // billing subscribed to placed orders only
    }

    @Test
    void messagePatternsCorrelateRepliesAndHonourPriorityAndExpiry() {
        String out = MainRunner.run(MessagePatterns::main);

        assertThat(out).contains(
                "the price list answered in this order: [banana, pear, apple]",
                "asked about apple, got the price of apple: 200 cents",
                "asked about pear, got the price of pear: 160 cents",
                "asked about banana, got the price of banana: 240 cents",
                "handled in this order: [critical-1, high-1, high-2, normal-1, low-1, low-2]",
                "handled: [no-ttl, ttl-1min]",
                "dead letter: Work[label=ttl-50ms], EXPIRED");
    }

    @Test
    void messagePatternsShowBackpressureUnderDropRejectAndBlock() {
        String out = MainRunner.run(MessagePatterns::main);

        assertThat(out).containsSubsequence(
                "DROP: tell job-3 returned; offer job-4 -> DROPPED",
                "DROP: dead letter Work[label=job-3], MAILBOX_FULL",
                "DROP: dead letter Work[label=job-4], MAILBOX_FULL",
                "DROP: handled [job-1, job-2]",
                "REJECT: tell job-3 threw MailboxFullException, handing back Work[label=job-3]",
                "REJECT: offer job-4 -> REJECTED",
                "REJECT: handled [job-1, job-2]",
                "BLOCK: tell job-3 returned once the consumer made room (consumer resumed: true)",
                "BLOCK: handled [job-1, job-2, job-3]");
        assertThat(out).doesNotContain("REJECT: dead letter"); // a rejected message goes back to its sender
    }

    @Test
    void workerPoolSurvivesACrashedWorkerAndAccountsForEveryJob() {
        String out = MainRunner.run(WorkerPool::main);
        List<String> lines = out.lines().toList();

        assertThat(lines).filteredOn(l -> l.contains(" FAILED on ")).singleElement().asString()
                .startsWith("  job 5 FAILED on routee-").contains("NumberFormatException");
        assertThat(section(out, "WorkerPool:", "-- the pool's supervisor").lines()
                .filter(l -> l.contains(" done by "))).hasSize(11);
        assertThat(out).containsSubsequence(
                "routees: ChildExited routee-",
                "routees: ChildStarted (restart) routee-",
                "as job #1 of a fresh instance (the queued jobs were kept)",
                "-- the failed job is retried",
                "  job 5 done by routee-",
                "first tries: 12 jobs, 11 done, 1 failed",
                "done in the end: 12 of 12 jobs [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], sum of squares 650");
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("ActorBasic", (MainRunner.Main) ActorBasic::main),
                Arguments.of("ActorLifecycle", (MainRunner.Main) ActorLifecycle::main),
                Arguments.of("SupervisorBasic", (MainRunner.Main) SupervisorBasic::main),
                Arguments.of("SupervisorStrategies", (MainRunner.Main) SupervisorStrategies::main),
                Arguments.of("MessagePatterns", (MainRunner.Main) MessagePatterns::main),
                Arguments.of("WorkerPool", (MainRunner.Main) WorkerPool::main));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleTellsTheSameStoryOnEveryRun(String name, MainRunner.Main main) {
        String first = MainRunner.run(main);
        String second = MainRunner.run(main);

        assertThat(second).as(name).isEqualTo(first);
    }

    @Test
    void everyTagTheDocumentationQuotesIsOpenedAndClosedOnceInOrder() throws IOException {
        Pattern marker = Pattern.compile("^\\s*// (tag|end)::([a-z-]+)\\[]\\s*$");
        List<String> examples = List.of("ActorBasic", "ActorLifecycle", "SupervisorBasic", "SupervisorStrategies",
                "MessagePatterns", "WorkerPool");
        for (String example : examples) {
            List<String> lines = Files.readAllLines(SOURCES.resolve(example + ".java"));
            Deque<String> open = new ArrayDeque<>();
            Set<String> seen = new HashSet<>();
            for (String line : lines) {
                Matcher m = marker.matcher(line);
                if (!m.matches()) {
                    assertThat(line).as(example).doesNotContain("tag::").doesNotContain("end::");
                } else if (m.group(1).equals("tag")) {
                    assertThat(seen.add(m.group(2))).as("%s: tag %s opened twice", example, m.group(2)).isTrue();
                    open.push(m.group(2));
                } else {
                    assertThat(open.poll()).as("%s: end::%s[] closes the last tag opened", example, m.group(2))
                            .isEqualTo(m.group(2));
                }
            }
            assertThat(open).as("%s: tags left open", example).isEmpty();
            assertThat(seen).as("%s: tags", example).isNotEmpty();
        }
    }

    /** The part of {@code out} from the line containing {@code from} to the line containing {@code to}. */
    private static String section(String out, String from, String to) {
        int start = out.indexOf(from);
        int end = out.indexOf(to, start);
        assertThat(start).as("'%s' in the output", from).isNotNegative();
        assertThat(end).as("'%s' after '%s'", to, from).isNotNegative();
        return out.substring(start, end + to.length());
    }
}

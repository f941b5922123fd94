package io.otp4j.examples.fileprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.otp4j.actor.ExitReason;
import io.otp4j.examples.MainRunner;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileProcessingTest {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);
    private static final String CORRUPT_CONTENT = "1,2\n3,three\n";

    @TempDir
    Path root;

    private ActorTestKit kit;
    private Folders folders;
    private final Queue<String> story = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void setUp() throws IOException {
        kit = ActorTestKit.create();
        folders = Folders.createUnder(root);
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void everyGoodFileIsProcessedExactlyOnceAndTheCorruptOneIsPutAside() throws IOException {
        FileProcessingService service = FileProcessingService.start(kit.system(), folders, 3, story::add);
        List<String> good = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            good.add(drop(i));
            if (i == 4) {
                folders.dropIntoInbox("broken.csv", CORRUPT_CONTENT);
            }
        }

        ProcessingSummary summary = settle(service, 13);

        assertThat(summary.processed()).extracting(ProcessingSummary.ProcessedFile::name)
                .containsExactlyInAnyOrderElementsOf(good); // each once: a file done twice would be listed twice
        assertThat(summary.failed()).singleElement().satisfies(failed -> {
            assertThat(failed.name()).isEqualTo("broken.csv");
            assertThat(failed.reason()).startsWith("crashed processor-");
            assertThat(failed.movedTo()).isEqualTo(folders.failed().resolve("broken.csv")).exists();
        });
        for (String name : good) {
            assertThat(story).as("processings of " + name)
                    .filteredOn(line -> line.matches("processor-\\d: " + name.replace(".", "\\.") + " -> .*"))
                    .hasSize(1);
        }
        assertResultsAreCorrect(good);
        assertThat(names(folders.processed())).containsExactlyInAnyOrderElementsOf(good);
        assertThat(names(folders.failed())).containsExactly("broken.csv");
        assertThat(names(folders.inbox())).isEmpty();
    }

    @Test
    void theProcessorThatCrashedIsRestartedByItsSupervisorAndGoesOnWorking() throws IOException {
        TestProbe<SupervisorEvent> events = kit.createTestProbe();
        kit.system().eventStream().subscribe(SupervisorEvent.class, events.ref());
        FileProcessingService service = FileProcessingService.start(kit.system(), folders, 2, story::add);

        folders.dropIntoInbox("broken.csv", CORRUPT_CONTENT);

        SupervisorEvent.ChildExited exited = next(events, SupervisorEvent.ChildExited.class);
        assertThat(exited.childId()).startsWith("processor-");
        assertThat(exited.reason()).isInstanceOfSatisfying(ExitReason.Failed.class, failed ->
                assertThat(failed.cause()).isInstanceOf(MalformedCsvException.class)
                        .hasMessage("broken.csv line 2: 'three' is not an integer"));
        SupervisorEvent.ChildStarted restarted = next(events, SupervisorEvent.ChildStarted.class);
        assertThat(restarted.childId()).isEqualTo(exited.childId());
        assertThat(restarted.restart()).isTrue();

        List<String> good = List.of(drop(1), drop(2), drop(3), drop(4));
        ProcessingSummary summary = settle(service, 5);

        assertThat(summary.failed()).extracting(ProcessingSummary.FailedFile::name).containsExactly("broken.csv");
        assertThat(summary.processed()).extracting(ProcessingSummary.ProcessedFile::name)
                .containsExactlyInAnyOrderElementsOf(good);
        List<ChildInfo> children = service.processors().whichChildren().toCompletableFuture().join();
        assertThat(children).extracting(ChildInfo::id, ChildInfo::restarts)
                .containsExactlyInAnyOrder(tuple(exited.childId(), 1),
                        tuple(otherProcessor(exited.childId()), 0));
    }

    @Test
    void severalCorruptFilesAmongGoodOnesLoseNothing() throws IOException {
        FileProcessingService service = FileProcessingService.start(kit.system(), folders, 2, story::add);
        List<String> good = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            good.add(drop(i));
            if (i % 3 == 0) {
                String name = "broken-" + i + ".csv";
                folders.dropIntoInbox(name, CORRUPT_CONTENT);
                corrupt.add(name);
            }
        }

        ProcessingSummary summary = settle(service, 12);

        assertThat(summary.processed()).extracting(ProcessingSummary.ProcessedFile::name)
                .containsExactlyInAnyOrderElementsOf(good);
        assertThat(summary.failed()).extracting(ProcessingSummary.FailedFile::name)
                .containsExactlyInAnyOrderElementsOf(corrupt);
        assertResultsAreCorrect(good);
        assertThat(names(folders.failed())).containsExactlyInAnyOrderElementsOf(corrupt);
        assertThat(names(folders.inbox())).isEmpty();
    }

    @Test
    void filesAlreadyInTheInboxAtStartAreProcessed() throws IOException {
        List<String> early = List.of(drop(1), drop(2));
        FileProcessingService service = FileProcessingService.start(kit.system(), folders, 1, story::add);
        List<String> late = List.of(drop(3));

        ProcessingSummary summary = settle(service, 3);

        assertThat(summary.processed()).extracting(ProcessingSummary.ProcessedFile::name)
                .containsExactlyInAnyOrder(early.get(0), early.get(1), late.get(0));
        assertThat(summary.failed()).isEmpty();
    }

    @Test
    void hiddenFilesAreLeftAloneUntilRenamed() throws IOException {
        FileProcessingService service = FileProcessingService.start(kit.system(), folders, 1, story::add);
        Path part = folders.inbox().resolve(".numbers-1.csv.part");
        Files.writeString(part, "1,2,3");
        String visible = drop(2);

        ProcessingSummary first = settle(service, 1);
        assertThat(first.processed()).extracting(ProcessingSummary.ProcessedFile::name).containsExactly(visible);
        assertThat(part).exists();

        Files.move(part, folders.inbox().resolve("numbers-1.csv"));
        ProcessingSummary second = settle(service, 2);
        assertThat(second.processed()).extracting(ProcessingSummary.ProcessedFile::name)
                .containsExactly(visible, "numbers-1.csv");
    }

    @Test
    void statsSkipBlankFieldsAndNameTheBadField() {
        assertThat(NumberStats.parse("a.csv", List.of(" 4, -2 ,", "", "10"))).isEqualTo(new NumberStats(3, 12, -2, 10));
        assertThat(NumberStats.parse("empty.csv", List.of())).isEqualTo(new NumberStats(0, 0, 0, 0));
        assertThatThrownBy(() -> NumberStats.parse("b.csv", List.of("1", "2, 3.5")))
                .isInstanceOf(MalformedCsvException.class)
                .hasMessage("b.csv line 2: '3.5' is not an integer");
    }

    @Test
    void mainTellsTheStoryAndDeletesItsFolder() {
        String out = MainRunner.run(FileProcessingExample::main);

        assertThat(out).contains("dropped 8 good files and 1 corrupt file (numbers-5b.csv)",
                ": CRASH on numbers-5b.csv: numbers-5b.csv line 2: 'five' is not an integer",
                "restarted, same ref /user/processors/processor-",
                "numbers-5b.csv crashed it -> failed/",
                "summary: 8 processed, 1 failed",
                "failed    numbers-5b.csv: crashed processor-",
                "total of all sums: 1200 (expected 1200)",
                "result files in out/: 8");
        String firstLine = out.lines().findFirst().orElseThrow();
        Path folder = Path.of(firstLine.substring(firstLine.lastIndexOf(' ') + 1));
        assertThat(folder).doesNotExist();
        assertThat(out.lines().toList().getLast()).isEqualTo("deleted " + folder + ": yes");
    }

    /** Drops good file number {@code i}: the numbers 1..i, three to a line. */
    private String drop(int i) throws IOException {
        String name = "numbers-" + i + ".csv";
        folders.dropIntoInbox(name, goodContent(i));
        return name;
    }

    private static String goodContent(int i) {
        StringBuilder csv = new StringBuilder();
        for (int n = 1; n <= i; n++) {
            csv.append(n).append(n % 3 == 0 ? "\n" : ",");
        }
        return csv.toString();
    }

    private void assertResultsAreCorrect(List<String> good) throws IOException {
        assertThat(names(folders.out())).containsExactlyInAnyOrderElementsOf(
                good.stream().map(name -> name + ".stats").toList());
        for (String name : good) {
            int i = Integer.parseInt(name.replaceAll("\\D", ""));
            NumberStats expected = new NumberStats(i, (long) i * (i + 1) / 2, 1, i);
            assertThat(folders.resultOf(name)).hasContent(expected.render());
        }
    }

    private static ProcessingSummary settle(FileProcessingService service, int files) {
        return service.whenSettled(files, SETTLE_TIMEOUT).toCompletableFuture().join();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static <E extends SupervisorEvent> E next(TestProbe<SupervisorEvent> events, Class<E> type) {
        while (true) {
            SupervisorEvent event = events.receiveMessage();
            if (type.isInstance(event) && !(event instanceof SupervisorEvent.ChildStarted started && !started.restart())) {
                return type.cast(event);
            }
        }
    }

    private static String otherProcessor(String id) {
        return IntStream.rangeClosed(1, 2).mapToObj(i -> "processor-" + i).filter(p -> !p.equals(id))
                .findFirst().orElseThrow();
    }
}

package io.otp4j.examples.fileprocessing;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorSystem;
import io.otp4j.supervisor.SupervisorEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The file processing use case, end to end: a temp folder, a service with three processors, eight good
 * CSV files and one corrupt file dropped into the inbox, the story of their processing (including the
 * crash and the restart), a summary, then the temp folder is deleted.
 *
 * <p>Run it, after {@code ./otp4j mvn -q install -DskipTests}, with
 * {@code ./otp4j mvn -q -pl examples exec:exec -Dexec.executable=java
 * -Dexec.args="-cp %classpath io.otp4j.examples.fileprocessing.FileProcessingExample"}.
 */
public final class FileProcessingExample {

    private static final int GOOD_FILES = 8;
    private static final String CORRUPT = "numbers-5b.csv";

    private FileProcessingExample() {}

    /** Prints what the processors' supervisor does, as it does it; counts the restarts it printed. */
    static final class SupervisionLog implements Actor<SupervisorEvent> {
        private final CountDownLatch restartPrinted;

        SupervisionLog(CountDownLatch restartPrinted) {
            this.restartPrinted = restartPrinted;
        }

        @Override
        public void receive(SupervisorEvent event, ActorContext<SupervisorEvent> ctx) {
            switch (event) {
                case SupervisorEvent.ChildExited(var at, var sup, String child, var reason) ->
                        System.out.println("supervisor: " + child + " exited (" + reason + ")");
                case SupervisorEvent.ChildStarted(var at, var sup, String child, var ref, boolean restart) when restart -> {
                    System.out.println("supervisor: " + child + " restarted, same ref " + ref.path());
                    restartPrinted.countDown();
                }
                default -> { } // starts, stops and the rest are not part of this story
            }
        }
    }

    /**
     * Runs the example: about a second, then exits.
     *
     * @param args ignored
     * @throws IOException if the temp folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path root = Files.createTempDirectory("otp4j-files-");
        System.out.println("file processing service in " + root);
        try {
            run(Folders.createUnder(root));
        } finally {
            deleteTree(root);
            System.out.println("deleted " + root + ": " + (Files.exists(root) ? "NO" : "yes"));
        }
    }

    private static void run(Folders folders) throws IOException {
        try (ActorSystem system = ActorSystem.create("files")) {
            CountDownLatch restartPrinted = new CountDownLatch(1);
            system.eventStream().subscribe(SupervisorEvent.class,
                    system.spawn("supervision-log", () -> new SupervisionLog(restartPrinted)));
            FileProcessingService service = FileProcessingService.start(system, folders, 3, System.out::println);
            System.out.println("started: inbox-watcher and 3 processors under a ONE_FOR_ONE supervisor");

            long expectedSum = 0;
            for (int i = 1; i <= GOOD_FILES; i++) {
                StringBuilder csv = new StringBuilder();
                for (int n = 1; n <= i; n++) {
                    csv.append(n * 10).append(n % 4 == 0 ? "\n" : ",");
                    expectedSum += n * 10L;
                }
                folders.dropIntoInbox("numbers-" + i + ".csv", csv.toString());
                if (i == 5) {
                    folders.dropIntoInbox(CORRUPT, "1,2,3\n4,five,6\n");
                }
            }
            System.out.println("dropped " + GOOD_FILES + " good files and 1 corrupt file (" + CORRUPT + ")");

            ProcessingSummary summary = service.whenSettled(GOOD_FILES + 1, Duration.ofSeconds(30))
                    .toCompletableFuture().join();
            // events reach the log asynchronously; a stop goes ahead of queued messages, so let the log
            // print the restart before the system closes
            try {
                restartPrinted.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }

            System.out.println();
            System.out.println("summary: " + summary.processed().size() + " processed, "
                    + summary.failed().size() + " failed");
            long sum = 0;
            for (ProcessingSummary.ProcessedFile file : summary.processed()) {
                System.out.println("  processed " + file.name() + " by " + file.processor() + ": " + file.stats());
                sum += file.stats().sum();
            }
            for (ProcessingSummary.FailedFile file : summary.failed()) {
                System.out.println("  failed    " + file.name() + ": " + file.reason() + ", now in "
                        + folders.failed().getFileName() + "/");
            }
            System.out.println("  total of all sums: " + sum + " (expected " + expectedSum + ")");
            try (Stream<Path> results = Files.list(folders.out())) {
                System.out.println("  result files in out/: " + results.count());
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): an actor that blocks on file IO runs on virtual
 * threads, so it never holds one of the few threads of the shared default pool.
 */
public final class BlockingWork {

    // tag::reader[]
    /** Counts the lines of files; {@code Files.readAllLines} blocks, which is fine on a virtual thread. */
    static final class LineCounter implements Actor<LineCounter.Count> {
        record Count(Path file, ActorRef<String> replyTo) {}

        @Override
        public void receive(Count count, ActorContext<Count> ctx) throws IOException {
            List<String> lines = Files.readAllLines(count.file());         // blocks this virtual thread only
            count.replyTo().tell(count.file().getFileName() + ": " + lines.size() + " lines, read on a "
                    + (Thread.currentThread().isVirtual() ? "virtual" : "platform") + " thread");
        }
    }
    // end::reader[]

    /**
     * Writes a small file, then has the line counter read it.
     *
     * @param args ignored
     * @throws IOException if the temporary file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path file = Files.createTempFile("otp4j-howto", ".txt");
        try (ActorSystem system = ActorSystem.create("files")) {
            Files.write(file, List.of("one", "two", "three"));
            // tag::spawn[]
            ActorRef<LineCounter.Count> counter = system.spawn("line-counter", LineCounter::new,
                    Props.defaults().withDispatcher(Dispatcher.virtualThreads()));
            // end::spawn[]
            String answer = counter.<String>ask(replyTo -> new LineCounter.Count(file, replyTo),
                    Duration.ofSeconds(5)).toCompletableFuture().join();
            System.out.println(answer.replace(file.getFileName().toString(), "the file"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private BlockingWork() {}
}

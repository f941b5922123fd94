package io.otp4j.examples.fileprocessing;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Starts the file processing service in an actor system:
 *
 * <pre>
 *   /user
 *   +-- inbox-watcher      InboxWatcher: watches inbox/, queues files, hands them out, keeps the ledger
 *   +-- processors         supervisor, ONE_FOR_ONE, at most 5 restarts in 10 s
 *       +-- processor-1    FileProcessor, permanent, on virtual threads
 *       +-- ...
 * </pre>
 *
 * <p>Both kinds of actor do blocking file IO, so both run on the virtual-thread dispatcher
 * ({@code Props.defaults().withDispatcher(Dispatcher.virtualThreads())}).
 *
 * <p>Threads: all methods may be called from any thread.
 */
public final class FileProcessingService {

    /** The name of the processors' supervisor, at {@code /user/processors}. */
    public static final String PROCESSORS = "processors";
    /** How many processor restarts the supervisor allows within {@link #RESTART_PERIOD}. */
    public static final int MAX_RESTARTS = 5;
    /** The window of {@link #MAX_RESTARTS}. */
    public static final Duration RESTART_PERIOD = Duration.ofSeconds(10);

    private static final Props BLOCKING_IO = Props.defaults().withDispatcher(Dispatcher.virtualThreads());

    private final ActorRef<InboxWatcher.Msg> watcher;
    private final SupervisorRef processors;

    private FileProcessingService(ActorRef<InboxWatcher.Msg> watcher, SupervisorRef processors) {
        this.watcher = watcher;
        this.processors = processors;
    }

    /**
     * Starts the watcher, then the processors' supervisor, and returns once every processor has started.
     *
     * @param system the actor system
     * @param folders the service's folders, which must exist
     * @param processorCount how many processors; at least 1
     * @param story where the actors tell what happens, one line at a time; must be thread-safe
     * @return the running service
     */
    public static FileProcessingService start(ActorSystem system, Folders folders, int processorCount,
                                              Consumer<String> story) {
        Objects.requireNonNull(folders, "folders");
        Objects.requireNonNull(story, "story");
        if (processorCount < 1) {
            throw new IllegalArgumentException("processorCount must be at least 1: " + processorCount);
        }
        ActorRef<InboxWatcher.Msg> watcher = system.spawn("inbox-watcher", () -> new InboxWatcher(folders, story),
                BLOCKING_IO);
        SupervisorSpec.Builder spec = Supervisor.builder()
                .strategy(Strategy.ONE_FOR_ONE)
                .intensity(MAX_RESTARTS, RESTART_PERIOD);
        for (int i = 1; i <= processorCount; i++) {
            spec.child(ChildSpec.worker("processor-" + i, () -> new FileProcessor(folders, watcher, story))
                    .withProps(BLOCKING_IO));
        }
        return new FileProcessingService(watcher, Supervisor.start(system, PROCESSORS, spec.build()));
    }

    /** @return the inbox watcher */
    public ActorRef<InboxWatcher.Msg> watcher() {
        return watcher;
    }

    /** @return the processors' supervisor */
    public SupervisorRef processors() {
        return processors;
    }

    /**
     * @param files how many files to wait for
     * @param timeout how long to wait at most
     * @return the summary, once at least {@code files} files are processed or failed; fails with
     *     {@link io.otp4j.actor.AskTimeoutException} after {@code timeout}
     */
    public CompletionStage<ProcessingSummary> whenSettled(int files, Duration timeout) {
        return watcher.ask(replyTo -> new InboxWatcher.AwaitSettled(files, replyTo), timeout);
    }
}

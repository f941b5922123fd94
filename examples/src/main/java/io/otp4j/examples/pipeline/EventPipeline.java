package io.otp4j.examples.pipeline;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.broker.MessageBroker;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.examples.pipeline.PipelineProtocol.Flush;
import io.otp4j.examples.pipeline.PipelineProtocol.Flushed;
import io.otp4j.examples.pipeline.PipelineProtocol.RawEvent;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.supervisor.ChildShutdown;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * An event pipeline of four supervised stages connected by broker topics:
 *
 * <pre>
 *   /user/&lt;name&gt;          supervisor, REST_FOR_ONE, children in this order:
 *   +-- loss-recorder    records pipeline events found among the dead letters as lost
 *   +-- ingestion        registered as "pipeline.ingestion"; publishes on events.raw
 *   +-- validation       subscribes to events.raw; rejects invalid events, publishes valid ones on events.valid
 *   +-- processing       subscribes to events.valid; computes the fee, publishes on events.processed
 *   +-- storage          subscribes to events.processed; saves in the EventStore (on virtual threads)
 * </pre>
 *
 * <p><b>Supervision.</b> REST_FOR_ONE in stage order: a crash in a stage restarts it and every stage after
 * it (the later ones are halted first, in reverse order, then all are restarted in order), and leaves the
 * stages before it running. Restarts keep the stages' refs, so their topic subscriptions and the events
 * queued in their mailboxes survive; each stage subscribes in {@code preStart}, a no-op after a restart.
 *
 * <p><b>Backpressure.</b> Every stage has a bounded mailbox with {@link Overflow#BLOCK}: a publisher (or the
 * caller of {@link #submit}) waits while the next mailbox is full, so a fast producer runs at the speed of
 * the slowest stage and memory stays bounded.
 *
 * <p><b>What is guaranteed.</b> Delivery is at most once. No event is stored twice. Once the pipeline is
 * flushed and the dead letters are recorded, every event that entered it is exactly one of: stored,
 * rejected as invalid, or reported in {@link #lostEvents()}, which names the stage and the reason: the
 * event a stage crashed on, a publication refused after the block timeout, or a dead letter. Without
 * crashes or block timeouts nothing is lost; a crash loses the event it happened on, plus any event a
 * stage was blocked on while the stage after it was halted (see {@code docs/use-cases/event-pipeline.md}).
 *
 * <p>Threads: every method may be called from any thread. One pipeline per actor system (the ingestion
 * stage's name is unique in the system's registry).
 */
public final class EventPipeline {

    private final ActorSystem system;
    private final SupervisorRef supervisor;
    private final PipelineMetrics metrics;
    private final EventStore store;

    private EventPipeline(ActorSystem system, SupervisorRef supervisor, PipelineMetrics metrics, EventStore store) {
        this.system = system;
        this.supervisor = supervisor;
        this.metrics = metrics;
        this.store = store;
    }

    /**
     * Starts the stages under a supervisor at {@code /user/<name>}; returns once all of them have started
     * and subscribed.
     *
     * @param system the actor system
     * @param name the supervisor's name
     * @param settings mailbox capacity, block timeout and restart intensity
     * @return the running pipeline
     */
    public static EventPipeline start(ActorSystem system, String name, PipelineSettings settings) {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(settings, "settings");
        PipelineMetrics metrics = new PipelineMetrics();
        EventStore store = new EventStore();
        SupervisorSpec spec = Supervisor.builder()
                .strategy(Strategy.REST_FOR_ONE)
                .intensity(settings.maxRestarts(), settings.restartPeriod())
                .child(ChildSpec.worker(LossRecorder.ID, () -> new LossRecorder(metrics)))
                .child(stage(IngestionStage.ID, () -> new IngestionStage(metrics), settings))
                .child(stage(ValidationStage.ID, () -> new ValidationStage(metrics), settings))
                .child(stage(ProcessingStage.ID, () -> new ProcessingStage(metrics), settings))
                .child(stage(StorageStage.ID, () -> new StorageStage(metrics, store), settings, Dispatcher.virtualThreads()))
                .build();
        return new EventPipeline(system, Supervisor.start(system, name, spec), metrics, store);
    }

    private static <M> ChildSpec<M> stage(String id, Supplier<? extends Actor<M>> factory, PipelineSettings settings) {
        return ChildSpec.worker(id, factory)
                .withProps(Props.defaults().withMailbox(stageMailbox(settings)))
                .withShutdown(ChildShutdown.timeout(settings.stageShutdownTimeout()));
    }

    /** A stage that blocks (on a database, say) runs on virtual threads, not on the few pool threads. */
    private static <M> ChildSpec<M> stage(String id, Supplier<? extends Actor<M>> factory, PipelineSettings settings,
                                          Dispatcher dispatcher) {
        return ChildSpec.worker(id, factory)
                .withProps(Props.defaults().withMailbox(stageMailbox(settings)).withDispatcher(dispatcher))
                .withShutdown(ChildShutdown.timeout(settings.stageShutdownTimeout()));
    }

    private static MailboxConfig stageMailbox(PipelineSettings settings) {
        return MailboxConfig.bounded(settings.mailboxCapacity(), Overflow.BLOCK).withBlockTimeout(settings.blockTimeout());
    }

    /**
     * Hands one event to the ingestion stage, waiting while its mailbox is full.
     *
     * @param event the event
     * @return {@link Delivery#ENQUEUED} if the pipeline took it; otherwise it was not taken (the mailbox stayed
     *     full for the block timeout, or the ingestion stage is not running)
     */
    public Delivery submit(RawEvent event) {
        return MessageBroker.of(system).send(PipelineTopics.INGESTION, event);
    }

    /**
     * Sends a flush marker behind the events this thread has submitted so far.
     *
     * @param timeout how long to wait for the marker to reach the storage stage
     * @return completes when every event this thread submitted before has left the pipeline (stored,
     *     rejected or lost)
     */
    public CompletionStage<Flushed> flush(Duration timeout) {
        return MessageBroker.of(system).request(PipelineTopics.INGESTION, Flush::new, timeout);
    }

    /** @return the per-stage counters now */
    public PipelineCounts counts() {
        return metrics.snapshot();
    }

    /** @return the events that entered the pipeline and will not be stored, with where and why */
    public List<LostEvent> lostEvents() {
        return metrics.lostEvents();
    }

    /** @return where the storage stage saves events */
    public EventStore store() {
        return store;
    }

    /** @return the stages' supervisor */
    public SupervisorRef supervisor() {
        return supervisor;
    }
}

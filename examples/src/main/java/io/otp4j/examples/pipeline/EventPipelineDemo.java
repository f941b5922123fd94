package io.otp4j.examples.pipeline;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.examples.pipeline.PipelineProtocol.RawEvent;
import io.otp4j.mailbox.Delivery;
import io.otp4j.supervisor.SupervisorEvent;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The event pipeline use case ({@code docs/use-cases/event-pipeline.md}): 100,000 events through
 * ingestion, validation, processing and storage, connected by broker topics under a REST_FOR_ONE
 * supervisor; then the same run with a crash in validation halfway, to show which stages restart and what
 * the crash costs.
 */
public final class EventPipelineDemo {

    private static final int EVENTS = 100_000;
    private static final long CRASH_AT = EVENTS / 2 + 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private EventPipelineDemo() {}

    /** @param args ignored */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("event pipeline: ingestion -> events.raw -> validation -> events.valid -> processing"
                + " -> events.processed -> storage");
        System.out.println("supervised REST_FOR_ONE; bounded mailboxes (1,024, BLOCK) carry the backpressure");

        System.out.println();
        System.out.printf("run 1: %,d events, one in five invalid%n", EVENTS);
        try (ActorSystem system = ActorSystem.create("pipeline-demo")) {
            EventPipeline pipeline = EventPipeline.start(system, "pipeline", PipelineSettings.defaults());
            run(pipeline, Long.MIN_VALUE);
        }

        System.out.println();
        System.out.printf("run 2: the same, but event %,d trips a bug in the validator%n", CRASH_AT);
        try (ActorSystem system = ActorSystem.create("pipeline-crash-demo")) {
            EventPipeline pipeline = EventPipeline.start(system, "pipeline", PipelineSettings.defaults());
            SupervisorLog log = SupervisorLog.attach(system);
            run(pipeline, CRASH_AT);
            if (!log.restartDone.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                System.out.println("  the restart did not finish in time");
            }
            log.lines.forEach(line -> System.out.println("  supervisor: " + line));
            System.out.println("  restarts per child: " + pipeline.supervisor().whichChildren().toCompletableFuture().join()
                    .stream().map(child -> child.id() + "=" + child.restarts()).toList());
            pipeline.lostEvents().forEach(lost -> System.out.printf("  lost: event %,d at %s (%s)%n",
                    lost.id(), lost.stage(), lost.why()));
        }
        System.out.println();
        System.out.println("done: both systems closed");
    }

    private static void run(EventPipeline pipeline, long crashAt) {
        long start = System.nanoTime();
        long refused = 0;
        for (long id = 1; id <= EVENTS; id++) {
            RawEvent event = id == crashAt ? new RawEvent(id, ValidationStage.CRASH_PAYLOAD) : sample(id);
            if (pipeline.submit(event) != Delivery.ENQUEUED) {
                refused++;
            }
        }
        long submitted = System.nanoTime();
        pipeline.flush(TIMEOUT).toCompletableFuture().join();
        long flushed = System.nanoTime();
        PipelineCounts c = pipeline.counts();
        System.out.printf("  submitted in %,d ms, all stored or rejected after %,d ms: %,d events/s; refused at the door: %d%n",
                millis(submitted - start), millis(flushed - start), EVENTS * 1_000_000_000L / (flushed - start), refused);
        System.out.printf("  ingestion:  %,d ingested%n", c.ingested());
        System.out.printf("  validation: %,d valid, %,d invalid%n", c.valid(), c.invalid());
        System.out.printf("  processing: %,d processed%n", c.processed());
        System.out.printf("  storage:    %,d stored, %,d duplicates; amounts %,d cents, fees %,d cents%n",
                c.stored(), c.duplicates(), pipeline.store().totalAmount(), pipeline.store().totalFees());
        System.out.printf("  accounted:  ingested %,d = stored %,d + invalid %,d + lost %,d%n",
                c.ingested(), c.stored(), c.invalid(), c.lost());
    }

    /** One event in five is invalid: no separator, a negative amount, or no account. */
    private static RawEvent sample(long id) {
        String account = "acct-" + id % 100;
        long amount = id % 10_000 + 1;
        return new RawEvent(id, switch ((int) (id % 15)) {
            case 0 -> "no separator";
            case 5 -> account + ":-" + amount;
            case 10 -> ":" + amount;
            default -> account + ":" + amount;
        });
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Collects what the supervisor does, to print it in order once the restart is over. */
    private static final class SupervisorLog implements Actor<SupervisorEvent> {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        final CountDownLatch restartDone = new CountDownLatch(1);

        static SupervisorLog attach(ActorSystem system) {
            SupervisorLog log = new SupervisorLog();
            ActorRef<SupervisorEvent> ref = system.spawn("supervisor-log", () -> log);
            system.eventStream().subscribe(SupervisorEvent.class, ref);
            return log;
        }

        @Override
        public void receive(SupervisorEvent event, ActorContext<SupervisorEvent> ctx) {
            switch (event) {
                case SupervisorEvent.ChildExited e -> lines.add(e.childId() + " exited: " + e.reason());
                case SupervisorEvent.ChildTerminated e -> lines.add("halted " + e.childId());
                case SupervisorEvent.StrategyApplied e ->
                        lines.add(e.strategy() + " after " + e.childId() + ": restarting " + e.restarting());
                case SupervisorEvent.ChildStarted e -> {
                    lines.add("restarted " + e.childId() + " in place: " + e.child().path());
                    if (e.childId().equals(StorageStage.ID)) {
                        restartDone.countDown();
                    }
                }
                default -> lines.add(event.toString());
            }
        }
    }
}

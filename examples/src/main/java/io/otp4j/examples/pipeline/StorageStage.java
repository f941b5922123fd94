package io.otp4j.examples.pipeline;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ErrorAction;
import io.otp4j.broker.MessageBroker;
import io.otp4j.examples.pipeline.PipelineProtocol.Flush;
import io.otp4j.examples.pipeline.PipelineProtocol.Flushed;
import io.otp4j.examples.pipeline.PipelineProtocol.ProcessedEvent;
import io.otp4j.examples.pipeline.PipelineProtocol.ProcessedInput;

/**
 * The last stage: saves processed events from {@link PipelineTopics#PROCESSED} in the {@link EventStore},
 * and answers a {@link Flush} once everything before it is saved. The store is idempotent by id, so an
 * event saved twice would be counted as a duplicate rather than stored again.
 */
final class StorageStage implements Actor<ProcessedInput> {

    static final String ID = "storage";

    private final PipelineMetrics metrics;
    private final EventStore store;
    private final EventInHand inHand = new EventInHand();

    StorageStage(PipelineMetrics metrics, EventStore store) {
        this.metrics = metrics;
        this.store = store;
    }

    @Override
    public void preStart(ActorContext<ProcessedInput> ctx) {
        MessageBroker.of(ctx.system()).subscribe(PipelineTopics.PROCESSED, ctx.self()); // kept across restarts: see ValidationStage
    }

    @Override
    public void receive(ProcessedInput message, ActorContext<ProcessedInput> ctx) {
        switch (message) {
            case ProcessedEvent event -> {
                inHand.take(event.id());
                if (store.save(event)) {
                    metrics.stored();
                } else {
                    metrics.duplicate();
                }
                inHand.release();
            }
            case Flush(var replyTo) -> replyTo.tell(new Flushed());
        }
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<ProcessedInput> ctx) {
        inHand.reportLost(ID, cause, metrics);
        return ErrorAction.ESCALATE;
    }
}

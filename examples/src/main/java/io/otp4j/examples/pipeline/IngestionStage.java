package io.otp4j.examples.pipeline;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ErrorAction;
import io.otp4j.broker.MessageBroker;
import io.otp4j.examples.pipeline.PipelineProtocol.Flush;
import io.otp4j.examples.pipeline.PipelineProtocol.RawEvent;
import io.otp4j.examples.pipeline.PipelineProtocol.RawInput;
import io.otp4j.registry.Registry;

/**
 * The first stage: takes events in under the name {@link PipelineTopics#INGESTION}, counts them and
 * publishes them on {@link PipelineTopics#RAW}. Its bounded mailbox makes a fast producer wait.
 */
final class IngestionStage implements Actor<RawInput> {

    static final String ID = "ingestion";

    private final PipelineMetrics metrics;
    private final EventInHand inHand = new EventInHand();
    private StageOutput<RawInput> out;

    IngestionStage(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void preStart(ActorContext<RawInput> ctx) {
        // a no-op after an in-place restart: the ref, and with it the name, survived
        Registry.of(ctx.system()).register(PipelineTopics.INGESTION, ctx.self());
        out = new StageOutput<>(ID, MessageBroker.of(ctx.system()), PipelineTopics.RAW, metrics);
    }

    @Override
    public void receive(RawInput message, ActorContext<RawInput> ctx) {
        switch (message) {
            case RawEvent event -> {
                inHand.take(event.id());
                metrics.ingested();
                out.publish(event.id(), event);
                inHand.release();
            }
            case Flush flush -> out.pass(flush);
        }
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<RawInput> ctx) {
        inHand.reportLost(ID, cause, metrics);
        return ErrorAction.ESCALATE;
    }
}

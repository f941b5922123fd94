package io.otp4j.examples.pipeline;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ErrorAction;
import io.otp4j.broker.MessageBroker;
import io.otp4j.examples.pipeline.PipelineProtocol.Flush;
import io.otp4j.examples.pipeline.PipelineProtocol.ProcessedEvent;
import io.otp4j.examples.pipeline.PipelineProtocol.ProcessedInput;
import io.otp4j.examples.pipeline.PipelineProtocol.ValidEvent;
import io.otp4j.examples.pipeline.PipelineProtocol.ValidInput;

/**
 * The third stage: computes each valid event's fee (1%, at least one cent) and publishes the result on
 * {@link PipelineTopics#PROCESSED}.
 */
final class ProcessingStage implements Actor<ValidInput> {

    static final String ID = "processing";

    private final PipelineMetrics metrics;
    private final EventInHand inHand = new EventInHand();
    private StageOutput<ProcessedInput> out;

    ProcessingStage(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void preStart(ActorContext<ValidInput> ctx) {
        MessageBroker.of(ctx.system()).subscribe(PipelineTopics.VALID, ctx.self()); // kept across restarts: see ValidationStage
        out = new StageOutput<>(ID, MessageBroker.of(ctx.system()), PipelineTopics.PROCESSED, metrics);
    }

    @Override
    public void receive(ValidInput message, ActorContext<ValidInput> ctx) {
        switch (message) {
            case ValidEvent event -> {
                inHand.take(event.id());
                metrics.processed();
                out.publish(event.id(), new ProcessedEvent(event.id(), event.account(), event.amount(), fee(event.amount())));
                inHand.release();
            }
            case Flush flush -> out.pass(flush);
        }
    }

    @Override
    public ErrorAction onFailure(Throwable cause, ActorContext<ValidInput> ctx) {
        inHand.reportLost(ID, cause, metrics);
        return ErrorAction.ESCALATE;
    }

    /** @return 1% of the amount, at least one cent */
    static long fee(long amount) {
        return Math.max(1, amount / 100);
    }
}

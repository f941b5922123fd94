package io.otp4j.examples.pipeline;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.DeadLetter;
import io.otp4j.examples.pipeline.PipelineProtocol.ProcessedEvent;
import io.otp4j.examples.pipeline.PipelineProtocol.RawEvent;
import io.otp4j.examples.pipeline.PipelineProtocol.ValidEvent;

/**
 * Watches the system's dead letters and records every pipeline event among them as lost, with the
 * recipient and the reason: an event queued in a stage that terminated for good, or published while a
 * topic had no subscriber. Its mailbox is unbounded, so no dead letter is refused.
 */
final class LossRecorder implements Actor<DeadLetter> {

    static final String ID = "loss-recorder";

    private final PipelineMetrics metrics;

    LossRecorder(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void preStart(ActorContext<DeadLetter> ctx) {
        ctx.system().eventStream().subscribe(DeadLetter.class, ctx.self()); // subscribing twice is one subscription
    }

    @Override
    public void receive(DeadLetter letter, ActorContext<DeadLetter> ctx) {
        long id = switch (letter.message()) {
            case RawEvent event -> event.id();
            case ValidEvent event -> event.id();
            case ProcessedEvent event -> event.id();
            default -> Long.MIN_VALUE; // not an event of the pipeline
        };
        if (id != Long.MIN_VALUE) {
            metrics.lost(new LostEvent(id, letter.recipient().path().toString(), "dead letter: " + letter.reason()));
        }
    }
}

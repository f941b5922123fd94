package io.otp4j.examples.pipeline;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ErrorAction;
import io.otp4j.broker.MessageBroker;
import io.otp4j.examples.pipeline.PipelineProtocol.Flush;
import io.otp4j.examples.pipeline.PipelineProtocol.RawEvent;
import io.otp4j.examples.pipeline.PipelineProtocol.RawInput;
import io.otp4j.examples.pipeline.PipelineProtocol.ValidEvent;
import io.otp4j.examples.pipeline.PipelineProtocol.ValidInput;
import java.util.Optional;

/**
 * The second stage: parses {@code account:amount} payloads from {@link PipelineTopics#RAW}, counts and
 * drops the invalid ones, and publishes the valid ones on {@link PipelineTopics#VALID}.
 *
 * <p>The payload {@link #CRASH_PAYLOAD} stands for a bug in the validator: it throws, so that the demo and
 * the tests can crash this stage in the middle of a run.
 */
final class ValidationStage implements Actor<RawInput> {

    static final String ID = "validation";
    /** A payload that makes the validator throw. */
    static final String CRASH_PAYLOAD = "crash!";
    static final long MAX_AMOUNT = 1_000_000;

    private final PipelineMetrics metrics;
    private final EventInHand inHand = new EventInHand();
    private StageOutput<ValidInput> out;

    ValidationStage(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void preStart(ActorContext<RawInput> ctx) {
        // The subscription belongs to the ref, not to this instance: a supervisor's restart keeps the ref,
        // and with it the subscription and the events queued meanwhile, so this is a no-op then. Never
        // unsubscribe in postStop: between the old instance's postStop and the new one's preStart the
        // topic would have no subscriber and its events would become dead letters.
        MessageBroker.of(ctx.system()).subscribe(PipelineTopics.RAW, ctx.self());
        out = new StageOutput<>(ID, MessageBroker.of(ctx.system()), PipelineTopics.VALID, metrics);
    }

    @Override
    public void receive(RawInput message, ActorContext<RawInput> ctx) {
        switch (message) {
            case RawEvent event -> {
                inHand.take(event.id());
                if (event.payload().equals(CRASH_PAYLOAD)) {
                    throw new IllegalStateException("validator bug triggered by event " + event.id());
                }
                Optional<ValidEvent> valid = parse(event);
                if (valid.isPresent()) {
                    metrics.valid();
                    out.publish(event.id(), valid.get());
                } else {
                    metrics.invalid();
                }
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

    /** @return the event if its payload is {@code account:amount} with a non-empty account and 1 to 1,000,000 cents */
    static Optional<ValidEvent> parse(RawEvent event) {
        String payload = event.payload();
        int colon = payload.indexOf(':');
        if (colon <= 0 || colon == payload.length() - 1) {
            return Optional.empty();
        }
        long amount;
        try {
            amount = Long.parseLong(payload, colon + 1, payload.length(), 10);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (amount < 1 || amount > MAX_AMOUNT) {
            return Optional.empty();
        }
        return Optional.of(new ValidEvent(event.id(), payload.substring(0, colon), amount));
    }
}

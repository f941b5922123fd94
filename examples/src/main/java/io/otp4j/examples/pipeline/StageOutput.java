package io.otp4j.examples.pipeline;

import io.otp4j.broker.MessageBroker;
import io.otp4j.broker.PublishResult;
import io.otp4j.broker.TopicKey;

/**
 * A stage's way out: publishes to the next stage's topic and reports any event the publication did not
 * deliver. The next stage's mailbox is bounded with {@code Overflow.BLOCK}, so {@code publish} waits while
 * it is full: that wait is the pipeline's backpressure. A wait longer than the mailbox's block timeout
 * refuses the event, and this class records it as a {@link LostEvent}; an event that finds no subscriber
 * or a terminated one becomes a dead letter, which {@link LossRecorder} records. Nothing is lost silently.
 *
 * <p>Threads: used by its stage's actor only.
 *
 * @param <M> the next stage's message type
 */
final class StageOutput<M> {

    private final String stage;
    private final MessageBroker broker;
    private final TopicKey<M> topic;
    private final PipelineMetrics metrics;

    StageOutput(String stage, MessageBroker broker, TopicKey<M> topic, PipelineMetrics metrics) {
        this.stage = stage;
        this.broker = broker;
        this.topic = topic;
        this.metrics = metrics;
    }

    /**
     * Publishes one event downstream.
     *
     * @param eventId the event's id, for the loss report
     * @param message the event as the next stage accepts it
     */
    void publish(long eventId, M message) {
        PublishResult result = broker.publish(topic, message);
        if (result.rejected() > 0) { // the other failures are dead letters, recorded by LossRecorder
            metrics.lost(new LostEvent(eventId, stage, "publication to " + topic.name() + " refused: " + result));
        }
    }

    /**
     * Passes a non-event message (the flush marker) downstream; if it is not delivered, whoever waits for it
     * times out.
     *
     * @param message the message
     */
    void pass(M message) {
        broker.publish(topic, message);
    }
}

package io.otp4j.examples.pipeline;

import io.otp4j.actor.ActorRef;

/**
 * The messages that flow between the pipeline's stages. Each stage accepts one sealed interface: the
 * events it works on plus the {@link Flush} marker, which every stage passes on after the events it got
 * before it, so that its arrival at the last stage means everything before it has gone through.
 *
 * <pre>
 *   RawEvent --ingestion--&gt; events.raw --validation--&gt; events.valid --processing--&gt; events.processed --storage
 * </pre>
 */
public final class PipelineProtocol {

    private PipelineProtocol() {}

    /** What the ingestion and validation stages accept: raw events and the flush marker. */
    public sealed interface RawInput permits RawEvent, Flush {}

    /** What the processing stage accepts: validated events and the flush marker. */
    public sealed interface ValidInput permits ValidEvent, Flush {}

    /** What the storage stage accepts: processed events and the flush marker. */
    public sealed interface ProcessedInput permits ProcessedEvent, Flush {}

    /**
     * An event as it arrives from outside, not yet checked.
     *
     * @param id the event's id, unique per event (the source's sequence number)
     * @param payload {@code account:amount}, e.g. {@code acct-7:250}; anything else is invalid
     */
    public record RawEvent(long id, String payload) implements RawInput {}

    /**
     * An event that passed validation.
     *
     * @param id the event's id
     * @param account the account it is for
     * @param amount a positive amount, in cents
     */
    public record ValidEvent(long id, String account, long amount) implements ValidInput {}

    /**
     * An event after processing: its fee is computed.
     *
     * @param id the event's id
     * @param account the account it is for
     * @param amount the amount, in cents
     * @param fee the fee charged on it, in cents
     */
    public record ProcessedEvent(long id, String account, long amount, long fee) implements ProcessedInput {}

    /**
     * Travels behind the events; the storage stage answers it once everything sent before it is stored.
     *
     * @param replyTo who is told when the marker reaches the end of the pipeline
     */
    public record Flush(ActorRef<Flushed> replyTo) implements RawInput, ValidInput, ProcessedInput {}

    /** The answer to a {@link Flush}: every event sent before it has left the pipeline. */
    public record Flushed() {}
}

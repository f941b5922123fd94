package io.otp4j.examples.pipeline;

import io.otp4j.broker.TopicKey;
import io.otp4j.examples.pipeline.PipelineProtocol.ProcessedInput;
import io.otp4j.examples.pipeline.PipelineProtocol.RawInput;
import io.otp4j.examples.pipeline.PipelineProtocol.ValidInput;
import io.otp4j.registry.ServiceKey;

/** The broker names that connect the stages; each topic's type is what its subscribing stage accepts. */
public final class PipelineTopics {

    private PipelineTopics() {}

    /** The ingestion stage's registered name: where events enter the pipeline. */
    public static final ServiceKey<RawInput> INGESTION = ServiceKey.of("pipeline.ingestion", RawInput.class);

    /** Ingested events, for validation. */
    public static final TopicKey<RawInput> RAW = TopicKey.of("events.raw", RawInput.class);

    /** Valid events, for processing. */
    public static final TopicKey<ValidInput> VALID = TopicKey.of("events.valid", ValidInput.class);

    /** Processed events, for storage. */
    public static final TopicKey<ProcessedInput> PROCESSED = TopicKey.of("events.processed", ProcessedInput.class);
}

package io.otp4j.examples.pipeline;

/**
 * An event that entered the pipeline and will never be stored, with where and why: the pipeline's own
 * record of what at-most-once delivery cost it.
 *
 * @param id the event's id
 * @param stage the stage that had it last
 * @param why what happened to it
 */
public record LostEvent(long id, String stage, String why) {}

/**
 * How messages between nodes become bytes: the {@link io.otp4j.nats.serialization.MessageCodec} SPI, and a
 * default codec for records, enums, strings, primitives and collections that decodes only the message types a
 * node allows (no Java serialization).
 */
package io.otp4j.nats.serialization;

package io.otp4j.nats.serialization;

/**
 * Turns messages into bytes for another node and back: the serialization SPI of otp4j-nats.
 *
 * <p>A codec refuses what it was not told about. It encodes and decodes only the message types of its
 * {@link MessageTypes} allow-list (each with a stable type id), and the values their declared shapes
 * contain; it never names a class on the wire and never loads one from a name it reads, so a peer cannot
 * make a node build an object of a type the node did not allow. Actor refs inside messages go through a
 * {@link RefCodec} that the transport supplies.
 *
 * <p>Failures are typed and never silent: a message that cannot be encoded, that is over the payload
 * limit, or bytes that do not decode, throw {@link MessageCodecException} with its
 * {@link MessageCodecException.Reason} and the type concerned. A transport reports an encoding failure to
 * the sender at the send; it dead-letters a payload it cannot decode, with the exception as the reason.
 *
 * <p>Threads: implementations are immutable and safe to use from any number of threads at once.
 *
 * <p>The default is {@link #compact(MessageTypes, RefCodec)}: a tagged binary format over records,
 * sealed interfaces, enums, strings, primitives, {@code Optional}, lists, sets, maps and {@code byte[]},
 * where a field added with a default or a field removed does not break old and new nodes talking
 * (see the package documentation for the format and its evolution rules).
 */
public interface MessageCodec {

    /** NATS's default {@code max_payload}: 1 MiB. */
    int DEFAULT_MAX_PAYLOAD = 1 << 20;

    /**
     * Encodes one message.
     *
     * @param message a value of an allowed type, never {@code null}
     * @return the payload, at most {@link #maxPayload()} bytes; a new array the caller may keep
     * @throws MessageCodecException if the message's type is not allowed, a value inside it cannot be
     *     encoded, or the payload would exceed {@link #maxPayload()}
     * @throws NullPointerException if {@code message} is null
     */
    byte[] encode(Object message);

    /**
     * Decodes one payload made by a codec with a compatible allow-list.
     *
     * @param payload the bytes, never {@code null}; not modified and not kept
     * @return the message
     * @throws MessageCodecException if the type id is not allowed here, the bytes are malformed, or the
     *     message's constructor rejects the values
     * @throws NullPointerException if {@code payload} is null
     */
    Object decode(byte[] payload);

    /** @return the largest payload {@link #encode} produces, in bytes */
    int maxPayload();

    /**
     * The default codec, with NATS's default payload limit of 1 MiB.
     *
     * @param types the messages this node may send and receive
     * @param refs how actor refs inside messages become addresses and back
     * @return a codec; immutable
     * @throws NullPointerException if an argument is null
     */
    static MessageCodec compact(MessageTypes types, RefCodec refs) {
        return compact(types, refs, DEFAULT_MAX_PAYLOAD);
    }

    /**
     * The default codec with a payload limit, normally the server's {@code max_payload} as the connection
     * reports it.
     *
     * @param types the messages this node may send and receive
     * @param refs how actor refs inside messages become addresses and back
     * @param maxPayload the largest payload to produce, in bytes; positive
     * @return a codec; immutable
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code maxPayload} is not positive
     */
    static MessageCodec compact(MessageTypes types, RefCodec refs, int maxPayload) {
        return new CompactCodec(types, refs, maxPayload);
    }
}

package io.otp4j.nats.serialization;

import java.util.Objects;

/**
 * The default {@link MessageCodec}: a format byte, the message's zigzag-varint type id, then its body as
 * its {@link Shape} writes it. Stateless apart from its configuration; thread-safe.
 */
final class CompactCodec implements MessageCodec {

    /** The first byte of every payload, so that a later format can be told apart. */
    static final int FORMAT = 1;

    private final MessageTypes types;
    private final RefCodec refs;
    private final int maxPayload;

    CompactCodec(MessageTypes types, RefCodec refs, int maxPayload) {
        this.types = Objects.requireNonNull(types, "types");
        this.refs = Objects.requireNonNull(refs, "refs");
        if (maxPayload <= 0) {
            throw new IllegalArgumentException("maxPayload must be positive, was " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    @Override
    public byte[] encode(Object message) {
        Objects.requireNonNull(message, "message");
        MessageTypes.Entry entry = types.entryFor(message);
        if (entry == null) {
            throw new MessageCodecException(MessageCodecException.Reason.NOT_ALLOWED, message.getClass().getName(),
                    "not in this node's allow-list of message types");
        }
        Wire.Out out = new Wire.Out(maxPayload, entry.type().getName(), refs, types);
        out.writeByte(FORMAT);
        out.writeZigzag(entry.id());
        entry.shape().writeInline(out, message);
        return out.toArray();
    }

    @Override
    public Object decode(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        Wire.In in = new Wire.In(payload, refs, types);
        int format = in.readByte(payload.length);
        if (format != FORMAT) {
            throw in.malformed("format " + format + " is not this codec's (" + FORMAT + ")");
        }
        int id = (int) in.readZigzag(payload.length);
        MessageTypes.Entry entry = types.entryById(id);
        if (entry == null) {
            throw new MessageCodecException(MessageCodecException.Reason.UNKNOWN_TYPE_ID, "type id " + id,
                    "not in this node's allow-list of message types");
        }
        in.typeName = entry.type().getName();
        return entry.shape().readInline(in, payload.length);
    }

    @Override
    public int maxPayload() {
        return maxPayload;
    }
}

package io.otp4j.nats.serialization;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte level of the compact format: a growing output that stops at the payload limit, and a
 * bounds-checked input. Both are single-use and confined to one encode or decode call.
 */
final class Wire {

    /** Wire types, the low 3 bits of a field key: enough for a reader to skip a field it does not know. */
    static final int VARINT = 0;
    static final int FIXED32 = 1;
    static final int FIXED64 = 2;
    static final int LEN = 3;

    /**
     * How deeply length-delimited values may nest (a record in a list in a record is three levels). Deeper
     * input would exhaust the decoding thread's stack; a peer must not be able to do that with a payload.
     */
    static final int MAX_DEPTH = 256;

    private Wire() {}

    /** Encoding output; {@link #typeName} is the message being encoded, for error messages. */
    static final class Out {
        private byte[] buf = new byte[64];
        private int pos;
        private final int limit;
        final String typeName;
        final RefCodec refs;
        final MessageTypes types;
        private int depth;

        Out(int limit, String typeName, RefCodec refs, MessageTypes types) {
            this.limit = limit;
            this.typeName = typeName;
            this.refs = refs;
            this.types = types;
        }

        private void ensure(int more) {
            int needed = pos + more;
            if (needed > limit || needed < 0) {
                // stop as soon as the limit is passed: a 100 MiB message is not encoded to be thrown away
                throw new MessageCodecException(MessageCodecException.Reason.TOO_LARGE, typeName,
                        "the payload exceeds the limit of " + limit + " bytes (max_payload)");
            }
            if (needed > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(needed, 2L * buf.length)));
            }
        }

        void writeByte(int b) {
            ensure(1);
            buf[pos++] = (byte) b;
        }

        void writeKey(int tag, int wireType) {
            ensure(2);
            int key = tag << 3 | wireType;
            buf[pos++] = (byte) (key >>> 8);
            buf[pos++] = (byte) key;
        }

        void writeVarint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void writeZigzag(long v) {
            writeVarint((v << 1) ^ (v >> 63));
        }

        void writeFixed32(int v) {
            ensure(4);
            for (int i = 0; i < 4; i++) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        void writeFixed64(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buf[pos++] = (byte) (v >>> (8 * i));
            }
        }

        void writeBytes(byte[] bytes) {
            writeVarint(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }

        void writeRaw(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }

        void writeString(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** Reserves one byte for a length; the body follows; {@link #endLen} fills the length in. */
        int beginLen() {
            if (++depth > MAX_DEPTH) {
                throw new MessageCodecException(MessageCodecException.Reason.UNSUPPORTED_VALUE, typeName,
                        "values nested deeper than " + MAX_DEPTH + " levels (a collection that contains itself?)");
            }
            ensure(1);
            return pos++;
        }

        void endLen(int mark) {
            depth--;
            int length = pos - mark - 1;
            int size = varintSize(length);
            if (size > 1) {
                // the body is longer than 127 bytes: move it right to make room for the longer length
                ensure(size - 1);
                System.arraycopy(buf, mark + 1, buf, mark + size, length);
                pos += size - 1;
            }
            int p = mark;
            long v = length;
            while ((v & ~0x7FL) != 0) {
                buf[p++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[p] = (byte) v;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, pos);
        }

        private static int varintSize(long v) {
            int n = 1;
            while ((v & ~0x7FL) != 0) {
                v >>>= 7;
                n++;
            }
            return n;
        }
    }

    /** Decoding input; {@link #typeName} is the message being decoded, for error messages. */
    static final class In {
        private final byte[] buf;
        private int pos;
        String typeName = "unknown type";
        final RefCodec refs;
        final MessageTypes types;
        private int depth;

        In(byte[] buf, RefCodec refs, MessageTypes types) {
            this.buf = buf;
            this.refs = refs;
            this.types = types;
        }

        int position() {
            return pos;
        }

        int end() {
            return buf.length;
        }

        MessageCodecException malformed(String detail) {
            return new MessageCodecException(MessageCodecException.Reason.MALFORMED, typeName, detail);
        }

        private void need(int n, int end) {
            if (n < 0 || pos + n > end || pos + n > buf.length) {
                throw malformed("truncated payload at byte " + pos);
            }
        }

        int readByte(int end) {
            need(1, end);
            return buf[pos++] & 0xFF;
        }

        int readKey(int end) {
            need(2, end);
            int key = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
            pos += 2;
            return key;
        }

        long readVarint(int end) {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte(end);
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw malformed("varint longer than 10 bytes at byte " + pos);
        }

        long readZigzag(int end) {
            long v = readVarint(end);
            return (v >>> 1) ^ -(v & 1);
        }

        int readFixed32(int end) {
            need(4, end);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v |= (buf[pos++] & 0xFF) << (8 * i);
            }
            return v;
        }

        long readFixed64(int end) {
            need(8, end);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (buf[pos++] & 0xFF) << (8 * i);
            }
            return v;
        }

        /** Enters a length-delimited value: reads its length and returns where it ends; pair with {@link #leave}. */
        int enter(int end) {
            if (++depth > MAX_DEPTH) {
                throw malformed("values nested deeper than " + MAX_DEPTH + " levels");
            }
            return readLen(end);
        }

        void leave() {
            depth--;
        }

        /** Reads a length and returns where that many bytes end. */
        int readLen(int end) {
            long length = readVarint(end);
            if (length > end - pos) {
                throw malformed("length " + length + " at byte " + pos + " runs past the end");
            }
            return pos + (int) length;
        }

        byte[] readBytes(int end) {
            int stop = readLen(end);
            byte[] bytes = Arrays.copyOfRange(buf, pos, stop);
            pos = stop;
            return bytes;
        }

        byte[] readRest(int end) {
            byte[] bytes = Arrays.copyOfRange(buf, pos, end);
            pos = end;
            return bytes;
        }

        String readString(int end) {
            int stop = readLen(end);
            String s = new String(buf, pos, stop - pos, StandardCharsets.UTF_8);
            pos = stop;
            return s;
        }

        String readStringTo(int end) {
            String s = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
            pos = end;
            return s;
        }

        void skip(int wireType, int end) {
            switch (wireType) {
                case VARINT -> readVarint(end);
                case FIXED32 -> readFixed32(end);
                case FIXED64 -> readFixed64(end);
                case LEN -> pos = readLen(end);
                default -> throw malformed("unknown wire type " + wireType + " at byte " + pos);
            }
        }

        void expectEnd(int end, String what) {
            if (pos != end) {
                throw malformed(what + " ends at byte " + pos + ", its length says " + end);
            }
        }
    }
}

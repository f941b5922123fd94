package io.otp4j.nats;

import io.otp4j.actor.ExitReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The node-to-node protocol: a kind byte, then the kind's fields. User messages inside are the codec's bytes,
 * appended last.
 *
 * <pre>
 * TELL       kind path id | message          to a node's subject
 * ASK        kind path id | message          to a node's ask subject, as a NATS request
 * WATCH      kind path id watcher-token      request; answered OK or NOPROC
 * DOWN       kind path id reason             a watched actor terminated
 * LINK_EXIT  kind path id from-address reason  an actor linked to {@code path} exited
 * LINK       kind path id from-address       the actor at from-address linked to {@code path}
 * UNLINK     kind path id from-address       ... and undid that link
 * REPLY      status | message or error text  the answer to an ASK
 * </pre>
 */
final class Frames {

    static final byte TELL = 1, ASK = 2, WATCH = 3, DOWN = 4, LINK_EXIT = 5, LINK = 6, UNLINK = 7;
    static final byte OK = 0, NOT_HOSTED = 1, UNDECODABLE = 2;

    private Frames() {}

    /** Writes fields of one frame. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer(byte kind) {
            writeByte(kind);
        }

        Writer writeByte(int b) {
            try {
                out.writeByte(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer utf(String s) {
            try {
                out.writeUTF(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer id(long id) {
            try {
                out.writeLong(id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer reason(ExitReason reason) {
            switch (reason) {
                case ExitReason.Normal n -> writeByte('n');
                case ExitReason.Shutdown s -> {
                    writeByte('s');
                    utf(s.detail().map(String::valueOf).orElse(""));
                }
                case ExitReason.Killed k -> writeByte('k');
                case ExitReason.NoProc p -> writeByte('p');
                case ExitReason.Failed f -> writeByte('f').utf(f.cause().toString());
                case ExitReason.Custom(NodeDown(var node)) -> writeByte('d').utf(node.token());
                case ExitReason.Custom c -> writeByte('c').utf(String.valueOf(c.value()));
            }
            return this;
        }

        byte[] with(byte[] tail) {
            bytes.writeBytes(tail);
            return bytes.toByteArray();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    /** Reads fields of one frame, in the order written. */
    static final class Reader {
        private final byte[] frame;
        private final ByteArrayInputStream bytes;
        private final DataInputStream in;

        Reader(byte[] frame) {
            this.frame = frame;
            this.bytes = new ByteArrayInputStream(frame);
            this.in = new DataInputStream(bytes);
        }

        Reader skipKind() throws IOException {
            in.readByte();
            return this;
        }

        byte kind() throws IOException {
            return in.readByte();
        }

        String utf() throws IOException {
            return in.readUTF();
        }

        long id() throws IOException {
            return in.readLong();
        }

        ExitReason reason() throws IOException {
            int kind = in.readByte();
            return switch (kind) {
                case 'n' -> ExitReason.NORMAL;
                case 's' -> {
                    String detail = in.readUTF();
                    yield detail.isEmpty() ? ExitReason.SHUTDOWN : new ExitReason.Shutdown(Optional.of(detail));
                }
                case 'k' -> ExitReason.KILLED;
                case 'p' -> ExitReason.NO_PROC;
                case 'f' -> ExitReason.failed(new RemoteFailure(in.readUTF()));
                case 'd' -> new ExitReason.Custom(new NodeDown(NodeAddress.parse(in.readUTF())));
                case 'c' -> new ExitReason.Custom(in.readUTF());
                default -> throw new IOException("unknown exit reason kind " + kind);
            };
        }

        /** @return the rest of the frame: the codec's bytes */
        byte[] rest() {
            return java.util.Arrays.copyOfRange(frame, frame.length - bytes.available(), frame.length);
        }
    }
}

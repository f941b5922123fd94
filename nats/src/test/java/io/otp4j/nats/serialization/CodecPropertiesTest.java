package io.otp4j.nats.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Any value of the supported shapes survives a round trip, and any byte sequence decodes or is refused. */
class CodecPropertiesTest {

    enum Kind { A, B, C }

    record Line(String text, long number, Optional<Double> ratio) {}

    record Everything(int i, long l, short s, byte b, char c, boolean z, float f, double d, String text,
                      List<Line> lines, Set<Kind> kinds, Map<String, List<Integer>> table, Optional<String> maybe,
                      Integer boxed) {}

    private static final MessageTypes TYPES = MessageTypes.builder()
            .add(1, Everything.class).add(2, Line.class).add(3, Kind.class).build();
    private static final MessageCodec CODEC = MessageCodec.compact(TYPES, RefCodec.none());

    @Property(tries = 300)
    void everySupportedValueSurvivesARoundTrip(@ForAll int i, @ForAll long l, @ForAll short s, @ForAll byte b,
                                               @ForAll char c, @ForAll boolean z, @ForAll float f, @ForAll double d,
                                               @ForAll String text, @ForAll @Size(max = 5) List<String> texts,
                                               @ForAll @Size(max = 3) Set<Kind> kinds,
                                               @ForAll @Size(max = 4) Map<String, List<Integer>> table,
                                               @ForAll Optional<String> maybe, @ForAll Integer boxed) {
        List<Line> lines = texts.stream().map(t -> new Line(t, t.length() * 31L - 7, Optional.of(t.length() / 3.0))).toList();
        var value = new Everything(i, l, s, b, c, z, f, d, text, lines, kinds, table, maybe, boxed);

        Everything back = (Everything) CODEC.decode(CODEC.encode(value));

        // records compare float and double components with their boxes' equals: NaN equals NaN, bit for bit
        assertThat(back).isEqualTo(value);
    }

    @Property(tries = 500)
    void arbitraryBytesDecodeOrAreRefusedWithATypedError(@ForAll @Size(max = 64) byte[] junk) {
        byte[] payload = Arrays.copyOf(new byte[] {1, 2}, 2 + junk.length); // format 1, type id 1 (Everything)
        System.arraycopy(junk, 0, payload, 2, junk.length);
        try {
            assertThat(CODEC.decode(payload)).isInstanceOf(Everything.class);
        } catch (MessageCodecException expected) {
            assertThat(expected.reason()).isIn(MessageCodecException.Reason.MALFORMED,
                    MessageCodecException.Reason.UNKNOWN_TYPE_ID, MessageCodecException.Reason.REJECTED_BY_CONSTRUCTOR);
        }
    }
}

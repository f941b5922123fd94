package io.otp4j.nats.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An old and a new node exchange two versions of the same messages, compiled here as different classes
 * under the same type ids, as two builds of an application would have them.
 */
class SchemaEvolutionTest {

    enum PriorityV1 { LOW, HIGH }

    enum PriorityV2 { LOW, NORMAL, HIGH }

    /** The old shape: has {@code legacyCode}, lacks {@code note}, {@code tags}, {@code due} and {@code priority}. */
    record PlaceOrderV1(String orderId, int quantity, String legacyCode, PriorityV1 urgency) {}

    /** The new shape: {@code legacyCode} removed; components added with defaults; one reordered. */
    record PlaceOrderV2(int quantity, String orderId, String note, List<String> tags, Optional<Long> due,
                        long weight, PriorityV2 urgency) {
        PlaceOrderV2 {
            note = note == null ? "none" : note; // the added component's default, for senders that lack it
        }
    }

    record EnvelopeV1(PlaceOrderV1 order, Map<String, PlaceOrderV1> byId) {}

    record EnvelopeV2(PlaceOrderV2 order, Map<String, PlaceOrderV2> byId) {}

    private final MessageCodec oldNode = MessageCodec.compact(MessageTypes.builder()
            .add(100, PlaceOrderV1.class).add(101, EnvelopeV1.class).build(), RefCodec.none());
    private final MessageCodec newNode = MessageCodec.compact(MessageTypes.builder()
            .add(100, PlaceOrderV2.class).add(101, EnvelopeV2.class).build(), RefCodec.none());

    @Test
    void aNewNodeFillsInTheDefaultsOfComponentsAnOldNodeDoesNotSend() {
        byte[] fromOld = oldNode.encode(new PlaceOrderV1("o-1", 3, "LEG-7", PriorityV1.HIGH));

        Object received = newNode.decode(fromOld);

        assertThat(received).isEqualTo(
                new PlaceOrderV2(3, "o-1", "none", List.of(), Optional.empty(), 0L, PriorityV2.HIGH));
    }

    @Test
    void anOldNodeSkipsComponentsOnlyANewNodeSendsAndDefaultsTheOneItRemoved() {
        byte[] fromNew = newNode.encode(
                new PlaceOrderV2(5, "o-2", "gift", List.of("a", "b"), Optional.of(99L), 12L, PriorityV2.LOW));

        Object received = oldNode.decode(fromNew);

        assertThat(received).isEqualTo(new PlaceOrderV1("o-2", 5, null, PriorityV1.LOW));
    }

    @Test
    void evolvedRecordsNestedInsideOthersAreReadTheSameWay() {
        var order = new PlaceOrderV1("o-3", 1, "L", PriorityV1.LOW);
        byte[] fromOld = oldNode.encode(new EnvelopeV1(order, Map.of("o-3", order)));

        EnvelopeV2 received = (EnvelopeV2) newNode.decode(fromOld);

        var expected = new PlaceOrderV2(1, "o-3", "none", List.of(), Optional.empty(), 0L, PriorityV2.LOW);
        assertThat(received).isEqualTo(new EnvelopeV2(expected, Map.of("o-3", expected)));
        EnvelopeV1 back = (EnvelopeV1) oldNode.decode(newNode.encode(received));
        assertThat(back.order()).isEqualTo(new PlaceOrderV1("o-3", 1, null, PriorityV1.LOW));
    }

    @Test
    void anEnumConstantTheOldNodeLacksIsRefusedThereNotMapped() {
        byte[] fromNew = newNode.encode(
                new PlaceOrderV2(1, "o-4", "n", List.of(), Optional.empty(), 0L, PriorityV2.NORMAL));

        assertThatThrownBy(() -> oldNode.decode(fromNew))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MessageCodecException.Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("NORMAL");
                });
    }

    @Test
    void aComponentWhoseTypeChangedIncompatiblyIsRefusedNotMisread() {
        record CountV1(String count) {}
        record CountV2(int count) {}
        byte[] payload = MessageCodec.compact(MessageTypes.builder().add(1, CountV1.class).build(), RefCodec.none())
                .encode(new CountV1("three"));
        MessageCodec reader = MessageCodec.compact(MessageTypes.builder().add(1, CountV2.class).build(), RefCodec.none());

        assertThatThrownBy(() -> reader.decode(payload))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MessageCodecException.Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("count");
                });
    }

    @Test
    void anIntWidenedToALongStillReads() {
        record SizeV1(int size) {}
        record SizeV2(long size) {}
        byte[] payload = MessageCodec.compact(MessageTypes.builder().add(1, SizeV1.class).build(), RefCodec.none())
                .encode(new SizeV1(-123_456));
        MessageCodec reader = MessageCodec.compact(MessageTypes.builder().add(1, SizeV2.class).build(), RefCodec.none());

        assertThat(reader.decode(payload)).isEqualTo(new SizeV2(-123_456L));
    }
}

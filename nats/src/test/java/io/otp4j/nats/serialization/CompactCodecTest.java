package io.otp4j.nats.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorRef;
import io.otp4j.nats.serialization.MessageCodecException.Reason;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompactCodecTest {

    enum Colour { RED, GREEN, BLUE }

    sealed interface Shape permits Circle, Square {}

    record Circle(double radius) implements Shape {}

    record Square(int side) implements Shape {}

    record Primitives(boolean flag, byte b, short s, char c, int i, long l, float f, double d) {}

    record Boxes(Boolean flag, Byte b, Short s, Character c, Integer i, Long l, Float f, Double d) {}

    record Item(String sku, int quantity) {}

    record Order(String id, List<Item> items, Set<Colour> colours, Map<String, Long> prices, Optional<String> note,
                 byte[] blob, Shape shape, Colour colour) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Order other && id.equals(other.id) && items.equals(other.items)
                    && colours.equals(other.colours) && prices.equals(other.prices) && note.equals(other.note)
                    && Arrays.equals(blob, other.blob) && shape.equals(other.shape) && colour == other.colour;
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    record Tree(String label, List<Tree> children) {}

    record Nested(List<List<Integer>> grid, Map<Colour, List<Shape>> byColour, Optional<Item> item,
                  List<Optional<String>> maybes) {}

    record Anything(Object value) {}

    record WithRef(ActorRef<String> replyTo, String text) {}

    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive, was " + n);
            }
        }
    }

    record Blob(byte[] bytes) {}

    record NotRegistered(int x) {}

    private static final MessageTypes TYPES = MessageTypes.builder()
            .add(1, Primitives.class).add(2, Boxes.class).add(3, Item.class).add(4, Order.class)
            .add(5, Circle.class).add(6, Square.class).add(7, Colour.class).add(8, Tree.class)
            .add(9, Nested.class).add(10, Anything.class).add(11, WithRef.class).add(12, Positive.class)
            .add(13, Blob.class)
            .build();

    private final MessageCodec codec = MessageCodec.compact(TYPES, RefCodec.none());

    private Object roundTrip(Object message) {
        return codec.decode(codec.encode(message));
    }

    @Test
    void primitivesAtTheirExtremesSurviveARoundTrip() {
        var max = new Primitives(true, Byte.MAX_VALUE, Short.MAX_VALUE, Character.MAX_VALUE, Integer.MAX_VALUE,
                Long.MAX_VALUE, Float.MAX_VALUE, Double.MAX_VALUE);
        var min = new Primitives(false, Byte.MIN_VALUE, Short.MIN_VALUE, Character.MIN_VALUE, Integer.MIN_VALUE,
                Long.MIN_VALUE, -Float.MIN_VALUE, Double.NaN);
        assertThat(roundTrip(max)).isEqualTo(max);
        assertThat(roundTrip(min)).isEqualTo(min);
    }

    @Test
    void boxedComponentsKeepTheirValuesAndTheirNulls() {
        var full = new Boxes(true, (byte) -3, (short) 300, 'é', -70_000, 1L << 40, 1.5f, -2.25);
        var empty = new Boxes(null, null, null, null, null, null, null, null);
        assertThat(roundTrip(full)).isEqualTo(full);
        assertThat(roundTrip(empty)).isEqualTo(empty);
    }

    @Test
    void aRecordWithEverySupportedKindOfComponentSurvivesARoundTrip() {
        Map<String, Long> prices = new LinkedHashMap<>();
        prices.put("zeta", 3L);
        prices.put("alpha", -1L);
        var order = new Order("o-1", List.of(new Item("a", 1), new Item("ü€😀", 2)),
                new LinkedHashSet<>(List.of(Colour.BLUE, Colour.RED)), prices, Optional.of("fragile"),
                new byte[] {0, -1, 127}, new Square(4), Colour.GREEN);

        Order back = (Order) roundTrip(order);

        assertThat(back).isEqualTo(order);
        assertThat(back.prices().keySet()).containsExactly("zeta", "alpha");
        assertThat(back.colours()).containsExactly(Colour.BLUE, Colour.RED);
    }

    @Test
    void emptyCollectionsAndAnEmptyOptionalComeBackEmpty() {
        var order = new Order("o-2", List.of(), Set.of(), Map.of(), Optional.empty(), new byte[0], new Circle(0.5),
                Colour.RED);
        assertThat(roundTrip(order)).isEqualTo(order);
    }

    @Test
    void aRecursiveRecordSurvivesARoundTrip() {
        var tree = new Tree("root", List.of(new Tree("a", List.of(new Tree("a1", List.of()))), new Tree("b", List.of())));
        assertThat(roundTrip(tree)).isEqualTo(tree);
    }

    @Test
    void nestedCollectionsOptionalsAndSealedValuesSurviveARoundTrip() {
        var nested = new Nested(List.of(List.of(1, 2), List.of(), List.of(-3)),
                Map.of(Colour.RED, List.of(new Circle(1), new Square(2))), Optional.of(new Item("x", 9)),
                List.of(Optional.of("a"), Optional.empty(), Optional.of("")));
        assertThat(roundTrip(nested)).isEqualTo(nested);
    }

    @Test
    void enumsAndBuiltInsStandAloneAsMessages() {
        assertThat(roundTrip(Colour.BLUE)).isEqualTo(Colour.BLUE);
        assertThat(roundTrip("a reply")).isEqualTo("a reply");
        assertThat(roundTrip(42L)).isEqualTo(42L);
        assertThat(roundTrip(-7)).isEqualTo(-7);
        assertThat(roundTrip(true)).isEqualTo(true);
        assertThat(roundTrip(0.1)).isEqualTo(0.1);
        assertThat((byte[]) roundTrip(new byte[] {1, 2})).containsExactly(1, 2);
    }

    @Test
    void anObjectComponentCarriesAnyAllowedValue() {
        for (Object value : List.<Object>of("s", 5L, new Item("i", 1), Colour.GREEN, new Circle(2))) {
            assertThat(roundTrip(new Anything(value))).isEqualTo(new Anything(value));
        }
    }

    @Test
    void aLongStringNeedsAMultiByteLengthAndStillRoundTrips() {
        String text = "x".repeat(70_000);
        var item = new Item(text, 1);
        assertThat(roundTrip(item)).isEqualTo(item);
    }

    @Test
    void aSmallRecordIsEncodedCompactly() {
        // format + type id + (key + varint) + (key + length + 1 byte)
        assertThat(codec.encode(new Item("a", 1))).hasSize(1 + 1 + 3 + 4);
    }

    // ------------------------------------------------------------------ refs

    @Test
    void aRefInsideAMessageGoesThroughTheTransportsRefCodec() {
        ActorRef<String> ref = fakeRef("otp4j://node-a/user/echo#1");
        RefCodec refs = new RefCodec() {
            @Override
            public String address(ActorRef<?> r) {
                return r.toString();
            }

            @Override
            public ActorRef<?> resolve(String address) {
                return fakeRef(address);
            }
        };
        MessageCodec withRefs = MessageCodec.compact(TYPES, refs);

        WithRef back = (WithRef) withRefs.decode(withRefs.encode(new WithRef(ref, "hi")));

        assertThat(back.replyTo().toString()).isEqualTo("otp4j://node-a/user/echo#1");
        assertThat(back.text()).isEqualTo("hi");
    }

    @Test
    void aRefWithoutATransportFailsTheEncodeWithItsReason() {
        assertThatThrownBy(() -> codec.encode(new WithRef(fakeRef("x"), "hi")))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VALUE);
                    assertThat(e.typeName()).isEqualTo(WithRef.class.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static <M> ActorRef<M> fakeRef(String address) {
        return (ActorRef<M>) Proxy.newProxyInstance(ActorRef.class.getClassLoader(), new Class<?>[] {ActorRef.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> address;
                    case "hashCode" -> address.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    // ------------------------------------------------------------------ allow-list

    @Test
    void aMessageOfAnUnregisteredTypeIsRefusedAtTheEncode() {
        assertThatThrownBy(() -> codec.encode(new NotRegistered(1)))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_ALLOWED);
                    assertThat(e.typeName()).isEqualTo(NotRegistered.class.getName());
                });
    }

    @Test
    void anUnregisteredValueInsideAnObjectComponentIsRefusedAtTheEncode() {
        assertThatThrownBy(() -> codec.encode(new Anything(new NotRegistered(1))))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_ALLOWED);
                    assertThat(e.getMessage()).contains(NotRegistered.class.getName());
                });
    }

    @Test
    void aTypeIdThisNodeDoesNotAllowIsRefusedAtTheDecode() {
        MessageTypes fewer = MessageTypes.builder().add(3, Item.class).build();
        MessageCodec receiver = MessageCodec.compact(fewer, RefCodec.none());
        byte[] payload = codec.encode(new Square(3));

        assertThatThrownBy(() -> receiver.decode(payload))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE_ID);
                    assertThat(e.typeName()).isEqualTo("type id 6");
                });
    }

    @Test
    void aNestedTypeIdThisNodeDoesNotAllowIsRefusedAtTheDecode() {
        MessageTypes fewer = MessageTypes.builder().add(10, Anything.class).build();
        MessageCodec receiver = MessageCodec.compact(fewer, RefCodec.none());
        byte[] payload = codec.encode(new Anything(new Item("i", 1)));

        assertThatThrownBy(() -> receiver.decode(payload))
                .isInstanceOfSatisfying(MessageCodecException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE_ID));
    }

    @Test
    void anAllowedTypeWhereTheDeclarationWantsAnotherIsRefusedAtTheDecode() {
        record HoldsShape(Shape shape) {}
        record HoldsAnything(Object shape) {}
        MessageTypes sender = MessageTypes.builder().add(20, HoldsAnything.class).add(3, Item.class).build();
        MessageTypes receiver = MessageTypes.builder().add(20, HoldsShape.class).add(3, Item.class)
                .add(5, Circle.class).add(6, Square.class).build();
        byte[] payload = MessageCodec.compact(sender, RefCodec.none()).encode(new HoldsAnything(new Item("i", 1)));

        assertThatThrownBy(() -> MessageCodec.compact(receiver, RefCodec.none()).decode(payload))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.getMessage()).contains(Shape.class.getName());
                });
    }

    @Test
    void aSealedComponentWhosePermittedRecordsHaveNoIdsIsRefusedWhenTheAllowListIsBuilt() {
        record HoldsShape(Shape shape) {}
        assertThatThrownBy(() -> MessageTypes.builder().add(1, HoldsShape.class).add(5, Circle.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Square.class.getName());
    }

    @Test
    void anUnsupportedComponentIsNamedWhenTheAllowListIsBuilt() {
        record HasThread(Thread thread) {}
        record HasRawList(@SuppressWarnings("rawtypes") List list) {}
        assertThatThrownBy(() -> MessageTypes.builder().add(1, HasThread.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(HasThread.class.getName() + ".thread");
        assertThatThrownBy(() -> MessageTypes.builder().add(1, HasRawList.class).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raw List");
    }

    @Test
    void idsMustBePositiveUniqueAndOnRecordsOrEnums() {
        assertThatThrownBy(() -> MessageTypes.builder().add(0, Item.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageTypes.builder().add(1, Item.class).add(1, Circle.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> MessageTypes.builder().add(1, Item.class).add(2, Item.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> MessageTypes.builder().add(1, Shape.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sealed interface");
        assertThat(TYPES.idOf(Item.class)).hasValue(3);
        assertThat(TYPES.idOf(NotRegistered.class)).isEmpty();
    }

    // ------------------------------------------------------------------ failures

    @Test
    void aMessageOverThePayloadLimitFailsAtTheEncodeNamingTypeAndLimit() {
        MessageCodec small = MessageCodec.compact(TYPES, RefCodec.none(), 1024);

        assertThat(small.encode(new Blob(new byte[1000]))).hasSizeLessThanOrEqualTo(1024);
        assertThatThrownBy(() -> small.encode(new Blob(new byte[1024])))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                    assertThat(e.typeName()).isEqualTo(Blob.class.getName());
                    assertThat(e.getMessage()).contains("1024 bytes");
                });
    }

    @Test
    void theDefaultLimitIsNatsDefaultMaxPayload() {
        assertThat(codec.maxPayload()).isEqualTo(1 << 20);
        assertThatThrownBy(() -> codec.encode(new Blob(new byte[1 << 20])))
                .isInstanceOfSatisfying(MessageCodecException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void aNullElementFailsTheEncodeInsteadOfVanishing() {
        List<Item> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        var order = new Order("o", withNull, Set.of(), Map.of(), Optional.empty(), new byte[0], new Circle(1), Colour.RED);
        assertThatThrownBy(() -> codec.encode(order))
                .isInstanceOfSatisfying(MessageCodecException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VALUE));
    }

    @Test
    void aPayloadCutInsideAValueIsMalformed() {
        // [format][id][key key][len][a b c d e f][key key][300 as 2 varint bytes]: the fields end at 11 and 15.
        // A cut at a field boundary is a record with fewer fields (what an older sender sends), so NATS's
        // whole-message delivery, not the codec, is what rules such cuts out.
        byte[] payload = codec.encode(new Item("abcdef", 300));
        assertThat(payload).hasSize(15);
        for (int length = 0; length < payload.length; length++) {
            if (length == 2 || length == 11) {
                continue;
            }
            byte[] cut = Arrays.copyOf(payload, length);
            assertThatThrownBy(() -> codec.decode(cut))
                    .as("cut to %d bytes", length)
                    .isInstanceOfSatisfying(MessageCodecException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        }
        assertThat(codec.decode(Arrays.copyOf(payload, 11))).isEqualTo(new Item("abcdef", 0));
    }

    @Test
    void valuesNestedTooDeeplyAreRefusedInsteadOfExhaustingTheStack() {
        Tree shallow = new Tree("leaf", List.of());
        for (int i = 0; i < 100; i++) {
            shallow = new Tree("n" + i, List.of(shallow)); // 2 levels each: the list and the record in it
        }
        assertThat(roundTrip(shallow)).isEqualTo(shallow);

        Tree deep = shallow;
        for (int i = 0; i < 100; i++) {
            deep = new Tree("m" + i, List.of(deep));
        }
        Tree tooDeep = deep;
        assertThatThrownBy(() -> codec.encode(tooDeep))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VALUE);
                    assertThat(e.getMessage()).contains("nested deeper than 256");
                });

        byte[] hostile = nestedTrees(50_000);
        assertThatThrownBy(() -> codec.decode(hostile))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("nested deeper than 256");
                });
    }

    /** A payload of {@code levels} trees, each the only child of the one before, built from the inside out. */
    private static byte[] nestedTrees(int levels) {
        byte[] buf = new byte[levels * 12 + 16];
        int start = buf.length; // the bytes written so far are buf[start..]
        int key = Shapes.tag("children") << 3 | Wire.LEN;
        for (int i = 0; i < levels; i++) {
            start = prependVarint(buf, start, buf.length - start); // the list's only element: a record
            start = prependVarint(buf, start, buf.length - start); // the list
            buf[--start] = (byte) key;
            buf[--start] = (byte) (key >>> 8);
        }
        buf[--start] = 16; // type id 8 (Tree), zigzag
        buf[--start] = 1; // format
        return Arrays.copyOfRange(buf, start, buf.length);
    }

    private static int prependVarint(byte[] buf, int start, int value) {
        byte[] varint = new byte[5];
        int n = 0;
        while ((value & ~0x7F) != 0) {
            varint[n++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        varint[n++] = (byte) value;
        System.arraycopy(varint, 0, buf, start - n, n);
        return start - n;
    }

    @Test
    void decodedValuesGoThroughTheRecordsConstructor() {
        record Unchecked(int n) {}
        MessageTypes sender = MessageTypes.builder().add(12, Unchecked.class).build();
        byte[] payload = MessageCodec.compact(sender, RefCodec.none()).encode(new Unchecked(-1));

        assertThatThrownBy(() -> codec.decode(payload))
                .isInstanceOfSatisfying(MessageCodecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED_BY_CONSTRUCTOR);
                    assertThat(e.getMessage()).contains("n must be positive");
                });
    }

    @Test
    void aValueTooLargeForTheReceiversIntegerTypeIsRefusedNotTruncated() {
        record Wide(long n) {}
        record Narrow(int n) {}
        byte[] payload = MessageCodec.compact(MessageTypes.builder().add(1, Wide.class).build(), RefCodec.none())
                .encode(new Wide(1L << 40));
        MessageCodec narrow = MessageCodec.compact(MessageTypes.builder().add(1, Narrow.class).build(), RefCodec.none());

        assertThatThrownBy(() -> narrow.decode(payload))
                .isInstanceOfSatisfying(MessageCodecException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }
}

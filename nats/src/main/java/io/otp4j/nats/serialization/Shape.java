package io.otp4j.nats.serialization;

import io.otp4j.actor.ActorRef;
import io.otp4j.nats.serialization.MessageCodecException.Reason;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one declared Java type is written and read: a tree built once per allowed type by {@link Shapes},
 * so that encoding and decoding only walk it and never look a class up by a name they read.
 *
 * <p>Every shape has a wire type. A shape writes its full value with {@link #write} (a LEN shape prefixes
 * its length) and, where the enclosing length already bounds it (a top-level message, a polymorphic
 * value), only its body with {@link #writeInline}.
 */
abstract sealed class Shape {

    abstract int wireType();

    abstract void write(Wire.Out out, Object value);

    abstract Object read(Wire.In in, int end);

    void writeInline(Wire.Out out, Object value) {
        write(out, value);
    }

    Object readInline(Wire.In in, int end) {
        Object value = read(in, end);
        in.expectEnd(end, "a value");
        return value;
    }

    /** The value a record component takes when the payload lacks it (a field this sender did not know). */
    Object missing() {
        return null;
    }

    /** True if a record component with this value is left out of the payload. */
    boolean omitted(Object value) {
        return value == null;
    }

    static MessageCodecException unsupported(Wire.Out out, String detail) {
        return new MessageCodecException(Reason.UNSUPPORTED_VALUE, out.typeName, detail);
    }

    // ------------------------------------------------------------------ scalars

    /** Booleans and integers as (zigzag) varints, floating point as little-endian fixed width. */
    static final class Scalar extends Shape {
        enum Kind { BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE }

        final Kind kind;
        private final Object zero;

        Scalar(Kind kind) {
            this.kind = kind;
            this.zero = switch (kind) {
                case BOOLEAN -> false;
                case BYTE -> (byte) 0;
                case SHORT -> (short) 0;
                case CHAR -> (char) 0;
                case INT -> 0;
                case LONG -> 0L;
                case FLOAT -> 0f;
                case DOUBLE -> 0d;
            };
        }

        /** For a primitive component: zero; for a boxed one, {@link #boxed} gives null instead. */
        @Override
        Object missing() {
            return zero;
        }

        @Override
        int wireType() {
            return switch (kind) {
                case FLOAT -> Wire.FIXED32;
                case DOUBLE -> Wire.FIXED64;
                default -> Wire.VARINT;
            };
        }

        @Override
        void write(Wire.Out out, Object value) {
            switch (kind) {
                case BOOLEAN -> out.writeVarint((Boolean) value ? 1 : 0);
                case CHAR -> out.writeVarint((Character) value);
                case BYTE, SHORT, INT, LONG -> out.writeZigzag(((Number) value).longValue());
                case FLOAT -> out.writeFixed32(Float.floatToRawIntBits((Float) value));
                case DOUBLE -> out.writeFixed64(Double.doubleToRawLongBits((Double) value));
            }
        }

        @Override
        Object read(Wire.In in, int end) {
            return switch (kind) {
                case BOOLEAN -> in.readVarint(end) != 0;
                case CHAR -> (char) checked(in, in.readVarint(end), Character.MIN_VALUE, Character.MAX_VALUE);
                case BYTE -> (byte) checked(in, in.readZigzag(end), Byte.MIN_VALUE, Byte.MAX_VALUE);
                case SHORT -> (short) checked(in, in.readZigzag(end), Short.MIN_VALUE, Short.MAX_VALUE);
                case INT -> (int) checked(in, in.readZigzag(end), Integer.MIN_VALUE, Integer.MAX_VALUE);
                case LONG -> in.readZigzag(end);
                case FLOAT -> Float.intBitsToFloat(in.readFixed32(end));
                case DOUBLE -> Double.longBitsToDouble(in.readFixed64(end));
            };
        }

        /** Integers share one wire type, so a sender's {@code long} may meet a receiver's {@code int}. */
        private long checked(Wire.In in, long v, long min, long max) {
            if (v < min || v > max) {
                throw in.malformed("value " + v + " does not fit a " + kind.name().toLowerCase(java.util.Locale.ROOT));
            }
            return v;
        }
    }

    /** A boxed scalar: null is allowed (the component is left out) and decodes as null when missing. */
    static final class Boxed extends Shape {
        private final Scalar scalar;

        Boxed(Scalar scalar) {
            this.scalar = scalar;
        }

        @Override
        int wireType() {
            return scalar.wireType();
        }

        @Override
        void write(Wire.Out out, Object value) {
            scalar.write(out, value);
        }

        @Override
        Object read(Wire.In in, int end) {
            return scalar.read(in, end);
        }
    }

    // ------------------------------------------------------------------ length-delimited

    /** A shape written as a length and a body. */
    abstract static sealed class Delimited extends Shape {
        @Override
        final int wireType() {
            return Wire.LEN;
        }

        @Override
        final void write(Wire.Out out, Object value) {
            int mark = out.beginLen();
            writeInline(out, value);
            out.endLen(mark);
        }

        @Override
        final Object read(Wire.In in, int end) {
            int stop = in.enter(end);
            Object value = readInline(in, stop);
            in.expectEnd(stop, "a value");
            in.leave();
            return value;
        }

        @Override
        abstract void writeInline(Wire.Out out, Object value);

        @Override
        abstract Object readInline(Wire.In in, int end);
    }

    static final class Str extends Delimited {
        @Override
        void writeInline(Wire.Out out, Object value) {
            out.writeRaw(((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        Object readInline(Wire.In in, int end) {
            return in.readStringTo(end);
        }
    }

    static final class Bytes extends Delimited {
        @Override
        void writeInline(Wire.Out out, Object value) {
            out.writeRaw((byte[]) value);
        }

        @Override
        Object readInline(Wire.In in, int end) {
            return in.readRest(end);
        }
    }

    /** An enum constant by name, so that reordering constants or adding one does not change the meaning. */
    static final class EnumShape extends Delimited {
        private final Class<?> type;
        private final Map<String, Object> byName = new java.util.HashMap<>();

        EnumShape(Class<?> type) {
            this.type = type;
            for (Object constant : type.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
        }

        @Override
        void writeInline(Wire.Out out, Object value) {
            out.writeRaw(((Enum<?>) value).name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        Object readInline(Wire.In in, int end) {
            String name = in.readStringTo(end);
            Object constant = byName.get(name);
            if (constant == null) {
                throw in.malformed("enum " + type.getName() + " has no constant " + name
                        + " (added by a newer node?)");
            }
            return constant;
        }
    }

    /** {@code Optional}: empty is left out as a component, and an empty body inside a collection. */
    static final class Opt extends Delimited {
        private final Shape inner;

        Opt(Shape inner) {
            this.inner = inner;
        }

        @Override
        Object missing() {
            return Optional.empty();
        }

        @Override
        boolean omitted(Object value) {
            return value == null || ((Optional<?>) value).isEmpty();
        }

        @Override
        void writeInline(Wire.Out out, Object value) {
            Optional<?> optional = (Optional<?>) value;
            if (optional.isPresent()) {
                inner.write(out, optional.get());
            }
        }

        @Override
        Object readInline(Wire.In in, int end) {
            return in.position() == end ? Optional.empty() : Optional.of(inner.read(in, end));
        }
    }

    /** Lists and sets: the elements one after another; decoded as unmodifiable, in the order sent. */
    static final class Coll extends Delimited {
        private final Shape element;
        private final boolean set;

        Coll(Shape element, boolean set) {
            this.element = element;
            this.set = set;
        }

        @Override
        Object missing() {
            return set ? Set.of() : List.of();
        }

        @Override
        void writeInline(Wire.Out out, Object value) {
            for (Object e : (Collection<?>) value) {
                if (e == null) {
                    throw unsupported(out, "a null element in a " + (set ? "set" : "list"));
                }
                element.write(out, e);
            }
        }

        @Override
        Object readInline(Wire.In in, int end) {
            List<Object> list = new ArrayList<>();
            while (in.position() < end) {
                list.add(element.read(in, end));
            }
            return set ? Collections.unmodifiableSet(new LinkedHashSet<>(list)) : Collections.unmodifiableList(list);
        }
    }

    /** Maps: key, value, key, value...; decoded as unmodifiable, in the order sent. */
    static final class MapShape extends Delimited {
        private final Shape key;
        private final Shape value;

        MapShape(Shape key, Shape value) {
            this.key = key;
            this.value = value;
        }

        @Override
        Object missing() {
            return Map.of();
        }

        @Override
        void writeInline(Wire.Out out, Object map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw unsupported(out, "a null key or value in a map");
                }
                key.write(out, e.getKey());
                value.write(out, e.getValue());
            }
        }

        @Override
        Object readInline(Wire.In in, int end) {
            Map<Object, Object> map = new LinkedHashMap<>();
            while (in.position() < end) {
                Object k = key.read(in, end);
                map.put(k, value.read(in, end));
            }
            return Collections.unmodifiableMap(map);
        }
    }

    /** An actor ref, as the address the transport's {@link RefCodec} gives it. */
    static final class Ref extends Delimited {
        @Override
        void writeInline(Wire.Out out, Object value) {
            String address;
            try {
                address = out.refs.address((ActorRef<?>) value);
            } catch (IllegalArgumentException e) {
                throw new MessageCodecException(Reason.UNSUPPORTED_VALUE, out.typeName,
                        "actor ref " + value + " cannot be sent: " + e.getMessage(), e);
            }
            out.writeRaw(address.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        Object readInline(Wire.In in, int end) {
            String address = in.readStringTo(end);
            try {
                return in.refs.resolve(address);
            } catch (IllegalArgumentException e) {
                throw new MessageCodecException(Reason.MALFORMED, in.typeName,
                        "actor ref address '" + address + "' does not resolve: " + e.getMessage(), e);
            }
        }
    }

    /**
     * A value whose concrete type is only known at run time (a sealed interface, {@code Object}, a type
     * variable): its stable type id, then its body. Only allowed types are written or read, and a decoded
     * type must fit the declared one.
     */
    static final class Poly extends Delimited {
        private final Class<?> declared;

        Poly(Class<?> declared) {
            this.declared = declared;
        }

        Class<?> declared() {
            return declared;
        }

        @Override
        void writeInline(Wire.Out out, Object value) {
            MessageTypes.Entry entry = out.types.entryFor(value);
            if (entry == null) {
                throw new MessageCodecException(Reason.NOT_ALLOWED, out.typeName, "a value of type "
                        + value.getClass().getName() + " inside it is not in the allow-list of message types");
            }
            out.writeZigzag(entry.id());
            entry.shape().writeInline(out, value);
        }

        @Override
        Object readInline(Wire.In in, int end) {
            int id = (int) in.readZigzag(end);
            MessageTypes.Entry entry = in.types.entryById(id);
            if (entry == null) {
                throw new MessageCodecException(Reason.UNKNOWN_TYPE_ID, in.typeName, "a value inside it has type id "
                        + id + ", which is not in this node's allow-list of message types");
            }
            if (!declared.isAssignableFrom(entry.type())) {
                throw in.malformed("type id " + id + " (" + entry.type().getName() + ") where a "
                        + declared.getName() + " is declared");
            }
            return entry.shape().readInline(in, end);
        }
    }

    /**
     * A record: one field per component that is not {@linkplain #omitted left out}, each a 2-byte key (a
     * 13-bit hash of the component's name and the wire type) and the value. A reader skips the keys it
     * does not know and gives the components it did not get their {@linkplain #missing missing} value.
     */
    static final class RecordShape extends Delimited {
        final Class<?> type;
        /** Filled in by {@link Shapes} after construction, so that a record can contain itself. */
        Component[] components;
        MethodHandle constructor;
        Object[] defaults;

        record Component(String name, int tag, Shape shape, MethodHandle accessor) {}

        RecordShape(Class<?> type) {
            this.type = type;
        }

        @Override
        void writeInline(Wire.Out out, Object record) {
            for (Component c : components) {
                Object value;
                try {
                    value = (Object) c.accessor.invokeExact(record);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw unsupported(out, "accessor " + type.getName() + "." + c.name + "() threw " + t);
                }
                if (!c.shape.omitted(value)) {
                    out.writeKey(c.tag, c.shape.wireType());
                    c.shape.write(out, value);
                }
            }
        }

        @Override
        Object readInline(Wire.In in, int end) {
            Object[] args = defaults.clone();
            int expected = 0;
            while (in.position() < end) {
                int key = in.readKey(end);
                int tag = key >>> 3;
                int wireType = key & 7;
                int index = indexOf(tag, expected);
                if (index < 0) {
                    in.skip(wireType, end); // a field this node does not know: sent by a newer (or older) shape
                    continue;
                }
                Component c = components[index];
                if (c.shape.wireType() != wireType) {
                    throw in.malformed("field " + type.getName() + "." + c.name + " has wire type " + wireType
                            + ", expected " + c.shape.wireType() + " (its type changed incompatibly?)");
                }
                args[index] = c.shape.read(in, end);
                expected = index + 1;
            }
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Throwable t) {
                throw new MessageCodecException(Reason.REJECTED_BY_CONSTRUCTOR, in.typeName,
                        "the constructor of " + type.getName() + " refused the decoded values: " + t, t);
            }
        }

        /** Fields usually arrive in declaration order: try the next one first. */
        private int indexOf(int tag, int expected) {
            if (expected < components.length && components[expected].tag == tag) {
                return expected;
            }
            for (int i = 0; i < components.length; i++) {
                if (components[i].tag == tag) {
                    return i;
                }
            }
            return -1;
        }
    }
}

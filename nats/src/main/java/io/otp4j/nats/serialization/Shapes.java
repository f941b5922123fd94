package io.otp4j.nats.serialization;

import io.otp4j.actor.ActorRef;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link Shape} of each declared type once, when a {@link MessageTypes} is built, so that an
 * unsupported component fails there, naming the component, rather than at the first send.
 */
final class Shapes {

    private static final Map<Class<?>, Shape.Scalar.Kind> PRIMITIVES = Map.of(
            boolean.class, Shape.Scalar.Kind.BOOLEAN, byte.class, Shape.Scalar.Kind.BYTE,
            short.class, Shape.Scalar.Kind.SHORT, char.class, Shape.Scalar.Kind.CHAR,
            int.class, Shape.Scalar.Kind.INT, long.class, Shape.Scalar.Kind.LONG,
            float.class, Shape.Scalar.Kind.FLOAT, double.class, Shape.Scalar.Kind.DOUBLE);

    private static final Map<Class<?>, Shape.Scalar.Kind> BOXES = Map.of(
            Boolean.class, Shape.Scalar.Kind.BOOLEAN, Byte.class, Shape.Scalar.Kind.BYTE,
            Short.class, Shape.Scalar.Kind.SHORT, Character.class, Shape.Scalar.Kind.CHAR,
            Integer.class, Shape.Scalar.Kind.INT, Long.class, Shape.Scalar.Kind.LONG,
            Float.class, Shape.Scalar.Kind.FLOAT, Double.class, Shape.Scalar.Kind.DOUBLE);

    private final Map<Class<?>, Shape.RecordShape> records = new HashMap<>();
    private final Set<Class<?>> polymorphic = new LinkedHashSet<>();

    /** @return the sealed interfaces, interfaces and classes seen where a run-time type decides */
    Set<Class<?>> polymorphic() {
        return polymorphic;
    }

    /** The shape of a type that may stand alone as a message or inside a polymorphic value. */
    Shape ofMessageType(Class<?> type) {
        if (type.isRecord()) {
            return record(type);
        }
        if (type.isEnum()) {
            return new Shape.EnumShape(type);
        }
        throw new IllegalArgumentException(type.getName() + " cannot be a message type: only records and enums"
                + " have stable type ids (a sealed interface is allowed through the records that implement it)");
    }

    /** The shape of a built-in type standing alone (as a reply, or in an {@code Object} component). */
    static Shape ofBuiltIn(Class<?> type) {
        if (type == String.class) {
            return new Shape.Str();
        }
        if (type == byte[].class) {
            return new Shape.Bytes();
        }
        return new Shape.Boxed(new Shape.Scalar(BOXES.get(type)));
    }

    Shape of(Type type, String where) {
        if (type instanceof Class<?> c) {
            return ofClass(c, where);
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) {
                return new Shape.Opt(of(args[0], where + " (Optional's value)"));
            }
            if (raw == List.class || raw == Collection.class) {
                return new Shape.Coll(of(args[0], where + " (element)"), false);
            }
            if (raw == Set.class) {
                return new Shape.Coll(of(args[0], where + " (element)"), true);
            }
            if (raw == Map.class) {
                return new Shape.MapShape(of(args[0], where + " (key)"), of(args[1], where + " (value)"));
            }
            if (raw == ActorRef.class) {
                return new Shape.Ref();
            }
            return ofClass(raw, where);
        }
        if (type instanceof WildcardType w) {
            return of(w.getUpperBounds()[0], where);
        }
        if (type instanceof TypeVariable<?> v) {
            Type bound = v.getBounds()[0];
            return of(bound instanceof Class<?> ? bound : Object.class, where);
        }
        if (type instanceof GenericArrayType) {
            throw unsupported(where, type);
        }
        throw unsupported(where, type);
    }

    private Shape ofClass(Class<?> c, String where) {
        Shape.Scalar.Kind kind = PRIMITIVES.get(c);
        if (kind != null) {
            return new Shape.Scalar(kind);
        }
        kind = BOXES.get(c);
        if (kind != null) {
            return new Shape.Boxed(new Shape.Scalar(kind));
        }
        if (c == String.class) {
            return new Shape.Str();
        }
        if (c == byte[].class) {
            return new Shape.Bytes();
        }
        if (c == ActorRef.class) {
            return new Shape.Ref();
        }
        if (c.isEnum()) {
            return new Shape.EnumShape(c);
        }
        if (c.isRecord()) {
            return record(c); // final, so its type is known here: no type id on the wire
        }
        if (c == Optional.class || c == List.class || c == Set.class || c == Map.class || c == Collection.class) {
            throw new IllegalArgumentException(where + ": a raw " + c.getSimpleName()
                    + " has no element type; declare it, e.g. List<Item>");
        }
        if (c.isInterface() || c == Object.class || c == Number.class) {
            polymorphic.add(c);
            return new Shape.Poly(c);
        }
        throw unsupported(where, c);
    }

    private static IllegalArgumentException unsupported(String where, Type type) {
        return new IllegalArgumentException(where + ": type " + type.getTypeName() + " is not supported by the"
                + " compact codec (records, enums, sealed interfaces, String, primitives and their boxes,"
                + " Optional, List, Set, Map, byte[] and ActorRef are)");
    }

    Shape.RecordShape record(Class<?> type) {
        Shape.RecordShape known = records.get(type);
        if (known != null) {
            return known;
        }
        Shape.RecordShape shape = new Shape.RecordShape(type);
        records.put(type, shape); // before the components: a record may contain itself
        RecordComponent[] rc = type.getRecordComponents();
        Shape.RecordShape.Component[] components = new Shape.RecordShape.Component[rc.length];
        Object[] defaults = new Object[rc.length];
        Map<Integer, String> tags = new HashMap<>();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Class<?>[] parameterTypes = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            String where = type.getName() + "." + rc[i].getName();
            Shape s = of(rc[i].getGenericType(), where);
            int tag = tag(rc[i].getName());
            String clash = tags.putIfAbsent(tag, rc[i].getName());
            if (clash != null) {
                throw new IllegalArgumentException(type.getName() + ": components '" + clash + "' and '"
                        + rc[i].getName() + "' have the same 13-bit field tag; rename one of them");
            }
            Method accessor = rc[i].getAccessor();
            MethodHandle handle;
            try {
                accessor.setAccessible(true);
                handle = lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw inaccessible(type, e);
            }
            components[i] = new Shape.RecordShape.Component(rc[i].getName(), tag, s, handle);
            defaults[i] = s.missing();
            parameterTypes[i] = rc[i].getType();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
            canonical.setAccessible(true);
            shape.constructor = lookup.unreflectConstructor(canonical)
                    .asSpreader(Object[].class, rc.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw inaccessible(type, e);
        }
        shape.components = components;
        shape.defaults = defaults;
        return shape;
    }

    private static IllegalArgumentException inaccessible(Class<?> type, Exception e) {
        return new IllegalArgumentException("record " + type.getName() + " is not accessible to the codec (in a"
                + " named module, open its package to io.otp4j.nats): " + e, e);
    }

    /**
     * A component's field tag: 13 bits of the FNV-1a hash of its name. Keyed by name, not position, so that
     * adding, removing and reordering components keeps the other fields' meaning.
     */
    static int tag(String name) {
        int h = 0x811C9DC5;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return (h ^ (h >>> 13) ^ (h >>> 26)) & 0x1FFF;
    }

    /** @return every record and enum a sealed type permits, directly or through sealed subtypes */
    static List<Class<?>> leaves(Class<?> sealed) {
        List<Class<?>> leaves = new ArrayList<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                leaves.addAll(leaves(sub));
            } else {
                leaves.add(sub);
            }
        }
        return leaves;
    }
}

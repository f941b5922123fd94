package io.otp4j.nats.serialization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A node's allow-list of message types, each with a stable type id: the only types a codec writes where a
 * run-time type decides (a message itself, a component declared as a sealed interface or {@code Object}),
 * and the only ones it builds from bytes. An id unknown here is refused, never looked up.
 *
 * <p>Ids are positive {@code int}s the application chooses and keeps: two nodes agree on a type by its id,
 * not by its class name, so a type may be renamed or moved, and an old and a new version of a record can
 * share an id (see the package documentation for what may change). Records and enums reached only through
 * declared component types (a component of type {@code Item}, a {@code List<Item>}) need no id: their
 * type is fixed by the declaration. Every record or enum that a sealed interface used as a component
 * permits must be registered, which {@link Builder#build()} checks.
 *
 * <p>{@code String}, {@code byte[]} and the boxed primitives are allowed everywhere with reserved negative
 * ids, so that a reply such as an {@code ActorRef<Long>}'s can cross the wire.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class MessageTypes {

    /** One allowed type: its id, its class, and how it is written. */
    record Entry(int id, Class<?> type, Shape shape) {}

    private static final List<Class<?>> BUILT_INS = List.of(String.class, Long.class, Integer.class,
            Boolean.class, Double.class, byte[].class, Short.class, Byte.class, Character.class, Float.class);

    private final Map<Class<?>, Entry> byClass;
    private final Map<Integer, Entry> byId;

    private MessageTypes(Map<Class<?>, Entry> byClass, Map<Integer, Entry> byId) {
        this.byClass = byClass;
        this.byId = byId;
    }

    /** @return a builder with no application types yet */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param type a class
     * @return its id, if it is allowed (built-in types have negative ids)
     */
    public OptionalInt idOf(Class<?> type) {
        Entry e = byClass.get(Objects.requireNonNull(type, "type"));
        return e == null ? OptionalInt.empty() : OptionalInt.of(e.id());
    }

    /** @return the application's types by id, in registration order (built-ins left out) */
    public Map<Integer, Class<?>> types() {
        Map<Integer, Class<?>> types = new LinkedHashMap<>();
        byId.values().stream().filter(e -> e.id() > 0).forEach(e -> types.put(e.id(), e.type()));
        return java.util.Collections.unmodifiableMap(types);
    }

    Entry entryFor(Object value) {
        Class<?> c = value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
        return byClass.get(c);
    }

    Entry entryById(int id) {
        return byId.get(id);
    }

    /** Collects type ids; not thread-safe. */
    public static final class Builder {
        private final Map<Integer, Class<?>> types = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Allows a record or an enum under a stable id.
         *
         * @param id positive, unique in this allow-list, and the same on every node that exchanges the type
         * @param type a record or enum class
         * @return this builder
         * @throws IllegalArgumentException if the id is not positive, or is taken, or the type is already
         *     registered, or is neither a record nor an enum
         * @throws NullPointerException if {@code type} is null
         */
        public Builder add(int id, Class<?> type) {
            Objects.requireNonNull(type, "type");
            if (id <= 0) {
                throw new IllegalArgumentException("type id " + id + " for " + type.getName()
                        + " is not positive (negative ids are reserved for built-in types)");
            }
            if (!type.isRecord() && !type.isEnum()) {
                throw new IllegalArgumentException(type.getName() + " is neither a record nor an enum; register"
                        + " the records that implement a sealed interface, each under its own id");
            }
            Class<?> taken = types.get(id);
            if (taken != null) {
                throw new IllegalArgumentException("type id " + id + " is already " + taken.getName()
                        + ", cannot also be " + type.getName());
            }
            if (types.containsValue(type)) {
                throw new IllegalArgumentException(type.getName() + " is already registered under another id");
            }
            types.put(id, type);
            return this;
        }

        /**
         * Builds the allow-list and the shape of every type, checking every component of every record.
         *
         * @return the allow-list
         * @throws IllegalArgumentException naming the component, if a record has a component the codec does
         *     not support, or a sealed interface used as a component permits a type with no id here
         */
        public MessageTypes build() {
            Shapes shapes = new Shapes();
            Map<Class<?>, Entry> byClass = new HashMap<>();
            Map<Integer, Entry> byId = new HashMap<>();
            for (int i = 0; i < BUILT_INS.size(); i++) {
                Entry e = new Entry(-(i + 1), BUILT_INS.get(i), Shapes.ofBuiltIn(BUILT_INS.get(i)));
                byClass.put(e.type(), e);
                byId.put(e.id(), e);
            }
            for (var t : types.entrySet()) {
                Entry e = new Entry(t.getKey(), t.getValue(), shapes.ofMessageType(t.getValue()));
                byClass.put(e.type(), e);
                byId.put(e.id(), e);
            }
            List<String> missing = new ArrayList<>();
            for (Class<?> poly : shapes.polymorphic()) {
                if (poly.isSealed()) {
                    for (Class<?> leaf : Shapes.leaves(poly)) {
                        if (!byClass.containsKey(leaf)) {
                            missing.add(leaf.getName() + " (permitted by " + poly.getName() + ")");
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("these types can appear in messages but have no type id: "
                        + String.join(", ", missing));
            }
            return new MessageTypes(Map.copyOf(byClass), Map.copyOf(byId));
        }
    }
}

package io.otp4j.nats.serialization;

import io.otp4j.actor.ActorRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default {@link MessageCodec}: a tag byte per value, records as their class name and components in
 * declaration order, enums as class name and constant name. Only allowed record and enum classes are
 * decoded; everything else a message holds must be one of the built-in value kinds.
 */
final class RecordCodec implements MessageCodec {

    private static final byte NULL = 0, STRING = 1, INT = 2, LONG = 3, DOUBLE = 4, BOOLEAN = 5, FLOAT = 6,
            SHORT = 7, BYTE = 8, CHAR = 9, ENUM = 10, RECORD = 11, LIST = 12, SET = 13, MAP = 14, REF = 15,
            BYTES = 16, OPTIONAL = 17;

    private final Map<String, Class<?>> allowed = new HashMap<>();
    private final Map<Class<?>, Constructor<?>> constructors = new HashMap<>();

    RecordCodec(Set<Class<?>> allowedTypes) {
        for (Class<?> type : allowedTypes) {
            if (type.isRecord()) {
                Class<?>[] params = java.util.Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getType).toArray(Class<?>[]::new);
                try {
                    Constructor<?> canonical = type.getDeclaredConstructor(params);
                    canonical.setAccessible(true); // records nested in a non-public class
                    constructors.put(type, canonical);
                } catch (NoSuchMethodException e) {
                    throw new IllegalArgumentException("record " + type.getName() + " has no canonical constructor", e);
                }
            } else if (!type.isEnum()) {
                throw new IllegalArgumentException(type.getName() + " is neither a record nor an enum: "
                        + "allow only the record and enum types of messages");
            }
            allowed.put(type.getName(), type);
        }
    }

    @Override
    public byte[] encode(Object message, Refs refs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, message, refs);
        } catch (IOException e) {
            throw new SerializationException("cannot encode " + message.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    private void write(DataOutputStream out, Object value, Refs refs) throws IOException {
        switch (value) {
            case null -> out.writeByte(NULL);
            case String s -> { // length and UTF-8 bytes: writeUTF stops at 64 KB
                byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeByte(STRING);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            case Integer i -> { out.writeByte(INT); out.writeInt(i); }
            case Long l -> { out.writeByte(LONG); out.writeLong(l); }
            case Double d -> { out.writeByte(DOUBLE); out.writeDouble(d); }
            case Boolean b -> { out.writeByte(BOOLEAN); out.writeBoolean(b); }
            case Float f -> { out.writeByte(FLOAT); out.writeFloat(f); }
            case Short s -> { out.writeByte(SHORT); out.writeShort(s); }
            case Byte b -> { out.writeByte(BYTE); out.writeByte(b); }
            case Character c -> { out.writeByte(CHAR); out.writeChar(c); }
            case byte[] b -> { out.writeByte(BYTES); out.writeInt(b.length); out.write(b); }
            case ActorRef<?> ref -> { out.writeByte(REF); out.writeUTF(refs.addressOf(ref)); }
            case Enum<?> e -> {
                out.writeByte(ENUM);
                out.writeUTF(e.getDeclaringClass().getName());
                out.writeUTF(e.name());
            }
            case Record r -> {
                out.writeByte(RECORD);
                out.writeUTF(r.getClass().getName());
                RecordComponent[] components = r.getClass().getRecordComponents();
                out.writeShort(components.length);
                for (RecordComponent c : components) {
                    try {
                        var accessor = c.getAccessor();
                        accessor.setAccessible(true);
                        write(out, accessor.invoke(r), refs);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new SerializationException("cannot read " + r.getClass().getName() + "." + c.getName(), e);
                    }
                }
            }
            case Optional<?> o -> { out.writeByte(OPTIONAL); write(out, o.orElse(null), refs); }
            case List<?> list -> writeAll(out, LIST, list, refs);
            case Set<?> set -> writeAll(out, SET, set, refs);
            case Map<?, ?> map -> {
                out.writeByte(MAP);
                out.writeInt(map.size());
                for (var e : map.entrySet()) {
                    write(out, e.getKey(), refs);
                    write(out, e.getValue(), refs);
                }
            }
            default -> throw new SerializationException("cannot encode a " + value.getClass().getName()
                    + ": messages between nodes are records, enums, strings, primitives, byte[], lists, sets, "
                    + "maps, Optional and refs");
        }
    }

    private void writeAll(DataOutputStream out, byte tag, Collection<?> values, Refs refs) throws IOException {
        out.writeByte(tag);
        out.writeInt(values.size());
        for (Object v : values) {
            write(out, v, refs);
        }
    }

    @Override
    public Object decode(byte[] bytes, Refs refs) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return read(in, refs);
        } catch (IOException e) {
            throw new SerializationException("malformed message bytes", e);
        }
    }

    private Object read(DataInputStream in, Refs refs) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case STRING -> new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8);
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case FLOAT -> in.readFloat();
            case SHORT -> in.readShort();
            case BYTE -> in.readByte();
            case CHAR -> in.readChar();
            case BYTES -> in.readNBytes(in.readInt());
            case REF -> refs.refAt(in.readUTF());
            case ENUM -> enumConstant(allowedType(in.readUTF()), in.readUTF());
            case RECORD -> {
                Class<?> type = allowedType(in.readUTF());
                Constructor<?> canonical = constructors.get(type);
                if (canonical == null) {
                    throw new SerializationException(type.getName() + " is allowed as an enum, not a record");
                }
                int n = in.readShort();
                if (n != canonical.getParameterCount()) {
                    throw new SerializationException(type.getName() + " has " + canonical.getParameterCount()
                            + " components here, " + n + " in the message");
                }
                Object[] args = new Object[n];
                for (int i = 0; i < n; i++) {
                    args[i] = read(in, refs);
                }
                try {
                    yield canonical.newInstance(args);
                } catch (ReflectiveOperationException | IllegalArgumentException e) {
                    throw new SerializationException("cannot build a " + type.getName() + " from the message", e);
                }
            }
            case OPTIONAL -> Optional.ofNullable(read(in, refs));
            case LIST -> {
                int n = in.readInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in, refs));
                }
                yield java.util.Collections.unmodifiableList(list);
            }
            case SET -> {
                int n = in.readInt();
                Set<Object> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    set.add(read(in, refs));
                }
                yield java.util.Collections.unmodifiableSet(set);
            }
            case MAP -> {
                int n = in.readInt();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(read(in, refs), read(in, refs));
                }
                yield java.util.Collections.unmodifiableMap(map);
            }
            default -> throw new SerializationException("unknown value tag " + tag);
        };
    }

    private Class<?> allowedType(String name) {
        Class<?> type = allowed.get(name);
        if (type == null) {
            throw new SerializationException("message type " + name + " is not allowed on this node");
        }
        return type;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        if (!type.isEnum()) {
            throw new SerializationException(type.getName() + " is allowed as a record, not an enum");
        }
        try {
            return Enum.valueOf((Class) type, name);
        } catch (IllegalArgumentException e) {
            throw new SerializationException(type.getName() + " has no constant " + name, e);
        }
    }
}

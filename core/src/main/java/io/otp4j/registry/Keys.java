package io.otp4j.registry;

import java.util.Objects;

/** Shared validation of typed keys. */
final class Keys {

    private Keys() {}

    static void check(String what, String id, Class<?> type) {
        Objects.requireNonNull(id, what + " id must not be null");
        Objects.requireNonNull(type, what + " type must not be null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(what + " id must not be empty");
        }
        if (type.isPrimitive()) {
            throw new IllegalArgumentException(what + " '" + id + "': type must be a reference type, not "
                    + type + " (use its wrapper class)");
        }
    }
}

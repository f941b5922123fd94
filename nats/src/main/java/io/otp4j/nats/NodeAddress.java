package io.otp4j.nats;

import java.util.Objects;

/**
 * One incarnation of a node: its name, chosen by the user and stable across restarts, and an incarnation
 * id drawn at each join. Every address of a remote actor carries both, so a message meant for an earlier
 * incarnation never reaches a node that restarted under the same name.
 *
 * @param name the node's name: 1 to 64 letters, digits, {@code -} or {@code _} (one NATS subject token)
 * @param incarnation the incarnation id, lower-case hex
 */
public record NodeAddress(String name, String incarnation) {

    /** Validates the fields. */
    public NodeAddress {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(incarnation, "incarnation");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid node name '" + name + "': 1 to 64 letters, digits, "
                    + "'-' or '_'");
        }
        if (!incarnation.matches("[0-9a-f]{1,32}")) {
            throw new IllegalArgumentException("invalid incarnation '" + incarnation + "': 1 to 32 hex digits");
        }
    }

    /**
     * @param name a candidate node name
     * @return true if it is 1 to 64 letters, digits, {@code -} or {@code _}
     */
    public static boolean isValidName(String name) {
        return name != null && name.matches("[A-Za-z0-9_-]{1,64}");
    }

    /** @return {@code name.incarnation}, the form used in subjects and ref addresses */
    String token() {
        return name + "." + incarnation;
    }

    /**
     * @param token what {@link #token()} produced
     * @return the address
     * @throws IllegalArgumentException if the token is malformed
     */
    static NodeAddress parse(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("malformed node token '" + token + "'");
        }
        return new NodeAddress(token.substring(0, dot), token.substring(dot + 1));
    }

    @Override
    public String toString() {
        return name + "#" + incarnation;
    }
}

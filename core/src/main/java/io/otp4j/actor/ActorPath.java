package io.otp4j.actor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Where an actor sits in its system's tree: {@code /user/pool/worker-3}. Paths are immutable values;
 * {@link #toString()} gives the path, {@link #address()} adds the system ({@code otp4j://demo/user/a}).
 *
 * @param system the actor system's name
 * @param parent the parent path, or {@code null} for the root {@code /}
 * @param name this element's name; empty for the root
 */
public record ActorPath(String system, ActorPath parent, String name) {

    /** Validates the fields. */
    public ActorPath {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(name, "name");
    }

    /**
     * @param system the system's name
     * @return the root path {@code /} of that system
     */
    public static ActorPath root(String system) {
        return new ActorPath(system, null, "");
    }

    /**
     * @param childName a child's name
     * @return the child's path
     */
    public ActorPath child(String childName) {
        return new ActorPath(system, this, childName);
    }

    /** @return the names from the root down, e.g. {@code [user, pool, worker-3]} */
    public List<String> elements() {
        List<String> out = new ArrayList<>();
        for (ActorPath p = this; p.parent != null; p = p.parent) {
            out.add(p.name);
        }
        Collections.reverse(out);
        return out;
    }

    /** @return the full address including the system, e.g. {@code otp4j://demo/user/a} */
    public String address() {
        return "otp4j://" + system + this;
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (parent != null) {
            parent.append(sb);
            sb.append('/').append(name);
        }
    }
}

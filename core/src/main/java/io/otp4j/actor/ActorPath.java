package io.otp4j.actor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an actor sits in its system's tree: {@code /user/pool/worker-3}. Paths are immutable values;
 * {@link #toString()} gives the path, {@link #address()} adds the system ({@code otp4j://demo/user/a}).
 * Made from {@link #root} and {@link #child}; equal when the system and the names from the root are.
 */
public final class ActorPath {

    /** The longest actor name, in characters. */
    public static final int MAX_NAME_LENGTH = 255;

    private final String system;
    private final ActorPath parent; // null for the root only
    private final String name;

    private ActorPath(String system, ActorPath parent, String name) {
        this.system = system;
        this.parent = parent;
        this.name = name;
    }

    /**
     * @param system the system's name
     * @return the root path {@code /} of that system
     */
    public static ActorPath root(String system) {
        return new ActorPath(Objects.requireNonNull(system, "system must not be null"), null, "");
    }

    /** @return the actor system's name */
    public String system() {
        return system;
    }

    /** @return this element's name; empty for the root */
    public String name() {
        return name;
    }

    /** @return the parent path; empty for the root {@code /} */
    public Optional<ActorPath> parent() {
        return Optional.ofNullable(parent);
    }

    /** @return true for the root {@code /}, which has no parent and no name */
    public boolean isRoot() {
        return parent == null;
    }

    /**
     * Whether {@code name} may name an actor, which makes it one segment of the actor's path and address
     * ({@code otp4j://demo/user/<name>}). The grammar, the same for every name given to
     * {@link ActorSystem#spawn}, {@link ActorContext#spawn}, {@code Supervisor.start} and supervisor child ids:
     * <ul>
     *   <li>1 to {@value #MAX_NAME_LENGTH} characters;</li>
     *   <li>each one of {@code A-Z a-z 0-9} or {@code - . _ ~ ! $ & ' ( ) * + , ; = : @}: the characters RFC 3986
     *       allows unescaped in a URI path segment, so no whitespace, control characters, {@code /}, {@code ?},
     *       {@code #}, {@code %} or non-ASCII letters;</li>
     *   <li>not starting with {@code $}, which marks the generated names of anonymous actors ({@code $1a});</li>
     *   <li>not {@code .} or {@code ..}, which mean "this" and "the parent" in a path.</li>
     * </ul>
     * Like Pekko's, without its percent escapes; Erlang's registered names (atoms) are freer, but are not
     * path segments. A name that breaks the rule is refused at the call with an {@link InvalidActorNameException}
     * that says which part of the rule it breaks.
     *
     * @param name a candidate name; null is not valid
     * @return true if it follows the grammar above
     */
    public static boolean isValidName(String name) {
        return name != null && ActorNames.isValid(name);
    }

    /**
     * Checks a name before anything is built with it, as every spawn does.
     *
     * @param what what the name is, to begin the message: {@code "actor name"}, {@code "child id"}
     * @param name the candidate
     * @return the name
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidActorNameException if it breaks the grammar of {@link #isValidName}; the message says
     *     which part, and quotes at most the first 40 characters, with control and non-ASCII characters escaped
     */
    public static String requireValidName(String what, String name) {
        return ActorNames.check(what, name);
    }

    /**
     * @param childName a child's name; not checked against {@link #isValidName}, so that paths can also name
     *     the runtime's own places (the anonymous {@code $1a}, say)
     * @return the child's path
     */
    public ActorPath child(String childName) {
        return new ActorPath(system, this, Objects.requireNonNull(childName, "childName must not be null"));
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
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof ActorPath p && name.equals(p.name) && system.equals(p.system)
                && Objects.equals(parent, p.parent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, parent, name);
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

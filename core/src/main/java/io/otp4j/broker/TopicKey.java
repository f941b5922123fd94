package io.otp4j.broker;

import java.util.Objects;

/**
 * A typed topic: a hierarchical name and the type of message published on it; or, when the name contains
 * wildcards, a pattern to subscribe to many topics at once.
 *
 * <h2>Syntax (as NATS subjects)</h2>
 * A name is one or more segments separated by {@code '.'}: {@code orders.eu.created}. Segments are not
 * empty and contain no whitespace. Two segments are wildcards, allowed in subscriptions only:
 * <ul>
 *   <li>{@code *} matches exactly one segment: {@code orders.*.created} matches {@code orders.eu.created}
 *       but not {@code orders.created} nor {@code orders.eu.x.created};</li>
 *   <li>{@code >} matches one or more trailing segments and must be last: {@code orders.>} matches
 *       {@code orders.created} and {@code orders.eu.created}, but not {@code orders} itself.</li>
 * </ul>
 * A wildcard character inside a longer segment ({@code ord*}) is an error, not a literal.
 *
 * <h2>Types</h2>
 * A subscription of type {@code S} receives a message published with a key of type {@code P} only if
 * {@code S} is {@code P} or a supertype of it, so a subscriber never gets a message it cannot accept. For a
 * subscription to an exact name, a publication with an incompatible type is a programming error
 * ({@link io.otp4j.registry.KeyTypeMismatchException} from {@code publish}); a wildcard subscription
 * simply does not match topics of other types, since a pattern may span topics of many types.
 *
 * @param name the topic name or pattern
 * @param type the message class; not primitive
 * @param <M> the message type
 */
public record TopicKey<M>(String name, Class<M> type) {

    /** Validates the name's syntax and the type. */
    public TopicKey {
        Objects.requireNonNull(name, "topic name must not be null");
        Objects.requireNonNull(type, "topic type must not be null");
        validate(name);
        if (type.isPrimitive()) {
            throw new IllegalArgumentException("topic '" + name + "': type must be a reference type, not "
                    + type + " (use its wrapper class)");
        }
    }

    /**
     * @param name a topic name or a pattern
     * @param type the message class
     * @param <M> the message type
     * @return the key
     * @throws IllegalArgumentException if the name is malformed (see the class comment)
     */
    public static <M> TopicKey<M> of(String name, Class<M> type) {
        return new TopicKey<>(name, type);
    }

    /** @return true if the name contains a {@code *} or {@code >} segment: subscribe only */
    public boolean isPattern() {
        return Topics.isPattern(name);
    }

    /**
     * @param topic an exact topic name (no wildcards)
     * @return true if this key's name or pattern matches it
     * @throws IllegalArgumentException if {@code topic} is malformed or contains wildcards
     */
    public boolean matches(String topic) {
        Objects.requireNonNull(topic, "topic must not be null");
        validate(topic);
        if (Topics.isPattern(topic)) {
            throw new IllegalArgumentException("'" + topic + "' is a pattern; matches() takes an exact topic name");
        }
        return isPattern() ? Topics.matches(Topics.segments(name), Topics.segments(topic)) : name.equals(topic);
    }

    private static void validate(String name) {
        String problem = Topics.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid topic '" + name + "': " + problem);
        }
    }

    @Override
    public String toString() {
        return "TopicKey[" + name + ": " + type.getName() + "]";
    }
}

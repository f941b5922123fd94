package io.otp4j.registry;

/**
 * The typed name of a registered actor: an id, unique in its {@link Registry}, and the type of message the
 * actor accepts, so that a lookup returns an {@code ActorRef<M>} without a cast.
 *
 * <pre>{@code
 * static final ServiceKey<Counter.Msg> COUNTER = ServiceKey.of("counter", Counter.Msg.class);
 * Registry.of(system).register(COUNTER, counter);
 * Registry.of(system).lookup(COUNTER).ifPresent(ref -> ref.tell(new Counter.Increment(1)));
 * }</pre>
 *
 * <p>A name is bound to the message type of the key that registered it; using the same id with a key of
 * another type is a programming error, reported as a {@link KeyTypeMismatchException}. Keys are values:
 * two keys with the same id and type are equal, so declare them once as constants or build them anywhere.
 *
 * @param id the name; not empty
 * @param type the class of message the registered actor accepts (usually its sealed message interface);
 *     not a primitive class
 * @param <M> the message type
 */
public record ServiceKey<M>(String id, Class<M> type) {

    /** Validates the fields. */
    public ServiceKey {
        Keys.check("service key", id, type);
    }

    /**
     * @param id the name; not empty
     * @param type the message class
     * @param <M> the message type
     * @return the key
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code id} is empty or {@code type} is primitive
     */
    public static <M> ServiceKey<M> of(String id, Class<M> type) {
        return new ServiceKey<>(id, type);
    }

    @Override
    public String toString() {
        return "ServiceKey[" + id + ": " + type.getName() + "]";
    }
}

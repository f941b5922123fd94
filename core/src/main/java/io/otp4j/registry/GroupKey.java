package io.otp4j.registry;

/**
 * The typed name of a process group (Erlang's {@code pg} group): many actors that accept messages of type
 * {@code M} can join it; {@link Registry#members} lists them as {@code ActorRef<M>}s.
 *
 * <pre>{@code
 * static final GroupKey<Worker.Msg> WORKERS = GroupKey.of("workers", Worker.Msg.class);
 * Registry.of(system).join(WORKERS, worker);
 * List<ActorRef<Worker.Msg>> all = Registry.of(system).members(WORKERS);
 * }</pre>
 *
 * <p>As with {@link ServiceKey}, a group is bound to the message type of the key that first used it;
 * using the same id with a key of another type throws {@link KeyTypeMismatchException}. Group ids and
 * service ids are separate namespaces.
 *
 * @param id the group's name; not empty
 * @param type the class of message the members accept; not a primitive class
 * @param <M> the message type
 */
public record GroupKey<M>(String id, Class<M> type) {

    /** Validates the fields. */
    public GroupKey {
        Keys.check("group key", id, type);
    }

    /**
     * @param id the group's name; not empty
     * @param type the message class
     * @param <M> the message type
     * @return the key
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code id} is empty or {@code type} is primitive
     */
    public static <M> GroupKey<M> of(String id, Class<M> type) {
        return new GroupKey<>(id, type);
    }

    @Override
    public String toString() {
        return "GroupKey[" + id + ": " + type.getName() + "]";
    }
}

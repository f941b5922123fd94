package io.otp4j.registry;

/**
 * A typed key was used for a name (registered name, group or topic) that is bound to another message type.
 * Thrown instead of returning a ref that would accept the wrong messages; nothing was changed.
 */
public final class KeyTypeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient Class<?> boundType;
    private final transient Class<?> requestedType;

    /**
     * @param what what kind of name, e.g. {@code "registered name"}
     * @param name the name
     * @param boundType the message type it is bound to
     * @param requestedType the message type of the key used
     */
    public KeyTypeMismatchException(String what, String name, Class<?> boundType, Class<?> requestedType) {
        super(what + " '" + name + "' is bound to messages of type " + boundType.getName()
                + "; a key of type " + requestedType.getName() + " cannot be used for it");
        this.name = name;
        this.boundType = boundType;
        this.requestedType = requestedType;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the message type the name is bound to */
    public Class<?> boundType() {
        return boundType;
    }

    /** @return the message type of the key that was used */
    public Class<?> requestedType() {
        return requestedType;
    }
}

package io.otp4j.broker;

import io.otp4j.registry.ServiceKey;

/** A request was addressed to a name that no live actor holds; nothing was sent. */
public final class NoSuchNameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String name;

    /** @param key the name that is not registered */
    public NoSuchNameException(ServiceKey<?> key) {
        super("no actor is registered under '" + key.id() + "'");
        this.name = key.id();
    }

    /** @return the name */
    public String name() {
        return name;
    }
}

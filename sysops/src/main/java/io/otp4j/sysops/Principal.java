package io.otp4j.sysops;

import java.util.Objects;
import java.util.Set;

/**
 * Who asks for an operation: a name and the roles it holds. Every request carries one; the {@link Policy}
 * grants permissions to names ({@code user:NAME}) and to roles ({@code role:ROLE}).
 *
 * <p>sysops does not authenticate: the caller vouches for the principal it passes, as a server vouches for
 * the user of a session it has authenticated.
 *
 * @param name the principal's name; not blank
 * @param roles the roles it holds; may be empty, never null
 */
public record Principal(String name, Set<String> roles) {

    /**
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name or a role is blank
     */
    public Principal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("a principal's name must not be blank");
        }
        for (String role : roles) {
            if (role.isBlank()) {
                throw new IllegalArgumentException("principal " + name + " has a blank role");
            }
        }
    }

    /**
     * @param name the principal's name
     * @param roles its roles
     * @return a principal
     */
    public static Principal of(String name, String... roles) {
        return new Principal(name, Set.of(roles));
    }
}

package io.otp4j.sysops;

import java.util.Objects;

/**
 * One rule of a {@link Policy}: a subject is given a permission.
 *
 * @param subject {@code user:NAME} for one principal, {@code role:ROLE} for every principal holding the role
 * @param permission what is allowed
 * @param rule the rule's name in denials and the audit, e.g. {@code policy.txt:12}
 */
public record Grant(String subject, Permission permission, String rule) {

    /** @throws IllegalArgumentException if the subject is neither {@code user:NAME} nor {@code role:ROLE} */
    public Grant {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(rule, "rule");
        if (!(subject.startsWith("user:") || subject.startsWith("role:")) || subject.indexOf(':') == subject.length() - 1) {
            throw new IllegalArgumentException("a subject is user:NAME or role:ROLE, not " + subject);
        }
    }

    /**
     * @param principal a principal
     * @return whether this grant is for it, by name or by one of its roles
     */
    public boolean appliesTo(Principal principal) {
        return subject.startsWith("user:") ? subject.substring(5).equals(principal.name())
                : principal.roles().contains(subject.substring(5));
    }
}

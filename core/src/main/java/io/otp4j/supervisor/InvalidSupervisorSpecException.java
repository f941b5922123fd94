package io.otp4j.supervisor;

import java.util.Objects;
import java.util.Optional;

/**
 * A supervisor or child spec is misconfigured. Thrown when the spec is built, before anything starts (or, for
 * {@link SupervisorRef#startChild(ChildSpec)}, as the cause of an {@code INVALID_SPEC} answer).
 *
 * <p>What is wrong is data, as OTP's {@code {bad_combination, ...}} and {@code {invalid_intensity, ...}} are:
 * {@link #rule()} says which rule the spec broke, {@link #field()} which field of the spec it is about, and
 * {@link #childId()} which child, when it is about one. The message begins with the field.
 */
public final class InvalidSupervisorSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A rule a spec must follow, with the field of {@link SupervisorSpec} or {@link ChildSpec} it constrains. */
    public enum Rule {
        /** {@code maxRestarts} is 0 or more (OTP's {@code invalid_intensity}). */
        MAX_RESTARTS_NOT_NEGATIVE("maxRestarts"),
        /** {@code period} is positive (OTP's {@code invalid_period}). */
        PERIOD_POSITIVE("period"),
        /** A {@link Strategy#SIMPLE_ONE_FOR_ONE} supervisor has a child template. */
        TEMPLATE_REQUIRED("template"),
        /** Only a {@link Strategy#SIMPLE_ONE_FOR_ONE} supervisor takes a child template. */
        TEMPLATE_ONLY_FOR_SIMPLE_ONE_FOR_ONE("template"),
        /** A {@link Strategy#SIMPLE_ONE_FOR_ONE} supervisor has no static children. */
        NO_STATIC_CHILDREN_FOR_SIMPLE_ONE_FOR_ONE("children"),
        /** Child ids are unique (OTP's {@code duplicate_child_name}). */
        UNIQUE_CHILD_IDS("children"),
        /**
         * A significant child needs an auto shutdown other than {@link AutoShutdown#NEVER} (OTP's
         * {@code {bad_combination, [{auto_shutdown, never}, {significant, true}]}}).
         */
        SIGNIFICANT_NEEDS_AUTO_SHUTDOWN("significant"),
        /**
         * A permanent child is not significant (OTP's
         * {@code {bad_combination, [{restart, permanent}, {significant, true}]}}).
         */
        SIGNIFICANT_NOT_PERMANENT("significant"),
        /**
         * A {@link Strategy#SIMPLE_ONE_FOR_ONE} supervisor's auto shutdown is {@link AutoShutdown#NEVER} (OTP's
         * {@code {bad_combination, [{auto_shutdown, _}, {strategy, simple_one_for_one}]}}).
         */
        AUTO_SHUTDOWN_NEVER_FOR_SIMPLE_ONE_FOR_ONE("autoShutdown");

        private final String field;

        Rule(String field) {
            this.field = field;
        }

        /** @return the name of the spec field (record component) this rule constrains */
        public String field() {
            return field;
        }
    }

    private final Rule rule;
    private final String childId; // null when the rule is about the supervisor's own fields

    /**
     * @param rule the rule the spec broke
     * @param detail what is wrong, for the message (which begins with the rule's field)
     */
    InvalidSupervisorSpecException(Rule rule, String detail) {
        this(rule, null, detail);
    }

    /**
     * @param rule the rule the spec broke
     * @param childId the child the problem is about, or null
     * @param detail what is wrong, for the message (which begins with the rule's field)
     */
    InvalidSupervisorSpecException(Rule rule, String childId, String detail) {
        super(Objects.requireNonNull(rule, "rule").field() + ": " + detail);
        this.rule = rule;
        this.childId = childId;
    }

    /** @return the rule the spec broke */
    public Rule rule() {
        return rule;
    }

    /** @return the field the problem is in: {@code rule().field()} */
    public String field() {
        return rule.field();
    }

    /** @return the id of the child the problem is about; empty when it is about the supervisor's own fields */
    public Optional<String> childId() {
        return Optional.ofNullable(childId);
    }
}

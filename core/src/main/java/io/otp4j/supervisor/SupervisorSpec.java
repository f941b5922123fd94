package io.otp4j.supervisor;

import io.otp4j.supervisor.InvalidSupervisorSpecException.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a supervisor supervises and how (Erlang's supervisor flags plus child specs). Immutable; built by
 * {@link Supervisor#builder()} and validated as a whole when built: every problem is reported before any
 * child starts. Equal when every field is equal.
 */
public final class SupervisorSpec {

    /** OTP's default intensity: at most 1 restart per {@link #DEFAULT_PERIOD}. */
    public static final int DEFAULT_MAX_RESTARTS = 1;
    /** OTP's default intensity period: 5 seconds. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    private final Strategy strategy;
    private final int maxRestarts;
    private final Duration period;
    private final AutoShutdown autoShutdown;
    private final List<ChildSpec<?>> children;
    private final Optional<ChildTemplate<?, ?>> template;

    /**
     * Validates the spec as a whole.
     *
     * @throws InvalidSupervisorSpecException naming the first broken rule and its field
     */
    private SupervisorSpec(Strategy strategy, int maxRestarts, Duration period, AutoShutdown autoShutdown,
                           List<ChildSpec<?>> children, Optional<ChildTemplate<?, ?>> template) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.maxRestarts = maxRestarts;
        this.period = Objects.requireNonNull(period, "period");
        this.autoShutdown = Objects.requireNonNull(autoShutdown, "autoShutdown");
        this.children = List.copyOf(Objects.requireNonNull(children, "children"));
        this.template = Objects.requireNonNull(template, "template");
        validate(strategy, maxRestarts, period, autoShutdown, this.children, template);
    }

    /** @return which children restart together */
    public Strategy strategy() {
        return strategy;
    }

    /** @return the restart intensity: more than this many restarts within {@link #period()} stop the supervisor */
    public int maxRestarts() {
        return maxRestarts;
    }

    /** @return the intensity window */
    public Duration period() {
        return period;
    }

    /**
     * @return whether significant children's exits stop the supervisor ({@link AutoShutdown#NEVER} for
     *     {@link Strategy#SIMPLE_ONE_FOR_ONE})
     */
    public AutoShutdown autoShutdown() {
        return autoShutdown;
    }

    /** @return the static children, in start order (empty for {@link Strategy#SIMPLE_ONE_FOR_ONE}) */
    public List<ChildSpec<?>> children() {
        return children;
    }

    /** @return the child template of a {@link Strategy#SIMPLE_ONE_FOR_ONE} supervisor; empty for the others */
    public Optional<ChildTemplate<?, ?>> template() {
        return template;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SupervisorSpec s && strategy == s.strategy && maxRestarts == s.maxRestarts
                && period.equals(s.period) && autoShutdown == s.autoShutdown && children.equals(s.children)
                && template.equals(s.template);
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, maxRestarts, period, autoShutdown, children, template);
    }

    @Override
    public String toString() {
        return "SupervisorSpec[strategy=" + strategy + ", maxRestarts=" + maxRestarts + ", period=" + period
                + ", autoShutdown=" + autoShutdown + ", children=" + children
                + template.map(t -> ", template=" + t).orElse("") + "]";
    }

    private static void validate(Strategy strategy, int maxRestarts, Duration period, AutoShutdown autoShutdown,
                                 List<ChildSpec<?>> children, Optional<ChildTemplate<?, ?>> template) {
        if (maxRestarts < 0) {
            throw new InvalidSupervisorSpecException(Rule.MAX_RESTARTS_NOT_NEGATIVE,
                    "must not be negative: " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new InvalidSupervisorSpecException(Rule.PERIOD_POSITIVE, "must be positive: " + period);
        }
        if (strategy == Strategy.SIMPLE_ONE_FOR_ONE) {
            if (template.isEmpty()) {
                throw new InvalidSupervisorSpecException(Rule.TEMPLATE_REQUIRED,
                        "SIMPLE_ONE_FOR_ONE needs a child template");
            }
            if (!children.isEmpty()) {
                throw new InvalidSupervisorSpecException(Rule.NO_STATIC_CHILDREN_FOR_SIMPLE_ONE_FOR_ONE,
                        "SIMPLE_ONE_FOR_ONE takes a template, not static children");
            }
            if (autoShutdown != AutoShutdown.NEVER) { // as current OTP: its children come and go
                throw new InvalidSupervisorSpecException(Rule.AUTO_SHUTDOWN_NEVER_FOR_SIMPLE_ONE_FOR_ONE,
                        "SIMPLE_ONE_FOR_ONE does not take " + autoShutdown + ", only NEVER");
            }
        } else if (template.isPresent()) {
            throw new InvalidSupervisorSpecException(Rule.TEMPLATE_ONLY_FOR_SIMPLE_ONE_FOR_ONE,
                    "only SIMPLE_ONE_FOR_ONE takes a child template");
        }
        Set<String> ids = new HashSet<>();
        for (ChildSpec<?> c : children) {
            if (!ids.add(c.id())) {
                throw new InvalidSupervisorSpecException(Rule.UNIQUE_CHILD_IDS, c.id(),
                        "duplicate child id '" + c.id() + "'");
            }
            checkSignificant(c, autoShutdown);
        }
        if (template.isPresent()) {
            checkSignificant(template.get(), autoShutdown);
        }
    }

    /**
     * The rules of {@link #checkSignificant(ChildSpec, AutoShutdown)}, for the template. A SIMPLE_ONE_FOR_ONE
     * supervisor's auto shutdown is NEVER, so a significant template breaks the first, as OTP refuses a
     * significant {@code simple_one_for_one} child spec ({@code {bad_combination, [{auto_shutdown, never},
     * {significant, true}]}}).
     */
    private static void checkSignificant(ChildTemplate<?, ?> t, AutoShutdown autoShutdown) {
        if (t.significant() && autoShutdown == AutoShutdown.NEVER) {
            throw new InvalidSupervisorSpecException(Rule.SIGNIFICANT_NEEDS_AUTO_SHUTDOWN,
                    "the child template is significant but the supervisor's autoShutdown is NEVER (the only one "
                            + "SIMPLE_ONE_FOR_ONE takes)");
        }
        if (t.significant() && t.restart() == RestartType.PERMANENT) {
            throw new InvalidSupervisorSpecException(Rule.SIGNIFICANT_NOT_PERMANENT,
                    "the child template is permanent; only transient and temporary children can be significant");
        }
    }

    static void checkSignificant(ChildSpec<?> c, AutoShutdown autoShutdown) {
        if (c.significant() && autoShutdown == AutoShutdown.NEVER) {
            throw new InvalidSupervisorSpecException(Rule.SIGNIFICANT_NEEDS_AUTO_SHUTDOWN, c.id(),
                    "child '" + c.id() + "' is significant but the supervisor's autoShutdown is NEVER");
        }
        if (c.significant() && c.restart() == RestartType.PERMANENT) {
            throw new InvalidSupervisorSpecException(Rule.SIGNIFICANT_NOT_PERMANENT, c.id(),
                    "child '" + c.id() + "' is permanent; only transient and temporary children can be significant");
        }
    }

    /** Builds a {@link SupervisorSpec}; get one from {@link Supervisor#builder()}. Not thread-safe. */
    public static final class Builder {
        private Strategy strategy = Strategy.ONE_FOR_ONE;
        private int maxRestarts = DEFAULT_MAX_RESTARTS;
        private Duration period = DEFAULT_PERIOD;
        private AutoShutdown autoShutdown = AutoShutdown.NEVER;
        private final List<ChildSpec<?>> children = new ArrayList<>();
        private ChildTemplate<?, ?> template;

        Builder() {}

        /**
         * @param value the restart strategy (default ONE_FOR_ONE)
         * @return this builder
         */
        public Builder strategy(Strategy value) {
            strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        /**
         * @param maxRestarts more restarts than this within {@code period} stop the supervisor (default 1)
         * @param period the window (default 5 s)
         * @return this builder
         */
        public Builder intensity(int maxRestarts, Duration period) {
            this.maxRestarts = maxRestarts;
            this.period = Objects.requireNonNull(period, "period");
            return this;
        }

        /**
         * @param maxRestarts more restarts than this within the period stop the supervisor (default 1); at
         *     least 0, checked by {@link #build()}
         * @return this builder
         */
        public Builder intensity(int maxRestarts) {
            this.maxRestarts = maxRestarts;
            return this;
        }

        /**
         * @param value the window in which restarts are counted (default 5 s); positive, checked by
         *     {@link #build()}
         * @return this builder
         */
        public Builder period(Duration value) {
            period = Objects.requireNonNull(value, "period");
            return this;
        }

        /**
         * @param value auto shutdown on significant children's exits (default NEVER)
         * @return this builder
         */
        public Builder autoShutdown(AutoShutdown value) {
            autoShutdown = Objects.requireNonNull(value, "autoShutdown");
            return this;
        }

        /**
         * @param spec a static child; children start in the order added
         * @return this builder
         */
        public Builder child(ChildSpec<?> spec) {
            children.add(Objects.requireNonNull(spec, "child"));
            return this;
        }

        /**
         * @param value the child template, for SIMPLE_ONE_FOR_ONE
         * @return this builder
         */
        public Builder template(ChildTemplate<?, ?> value) {
            template = Objects.requireNonNull(value, "template");
            return this;
        }

        /**
         * @return the validated spec
         * @throws InvalidSupervisorSpecException naming the first broken rule and its field
         */
        public SupervisorSpec build() {
            return new SupervisorSpec(strategy, maxRestarts, period, autoShutdown, children,
                    Optional.ofNullable(template));
        }
    }
}

package io.otp4j.supervisor;

import java.util.Objects;

/**
 * A child's answer to a health check (see {@link HealthCheck}): healthy, degraded with a reason, or failed with
 * a reason.
 *
 * <ul>
 *   <li>{@link Healthy}: nothing to report; ends a run of failed checks.</li>
 *   <li>{@link Degraded}: working, but not as it should (a pool running on its last connections, a lagging
 *       consumer). Reported as a {@link SupervisorEvent.HealthChanged} event and never restarted; it also ends a
 *       run of failed checks, since the child still works.</li>
 *   <li>{@link Failed}: not working. Counted: {@link HealthCheck#failuresAllowed()} {@code + 1} failed checks in a
 *       row crash the child, which its supervisor then restarts as its strategy says. A check that is not
 *       answered in time counts as failed too.</li>
 * </ul>
 *
 * <pre>{@code
 * case CheckHealth(var replyTo) -> replyTo.tell(idle == 0 ? Health.degraded("no idle connection") : Health.healthy());
 * }</pre>
 */
public sealed interface Health permits Health.Healthy, Health.Degraded, Health.Failed {

    /** @return healthy */
    static Health healthy() {
        return Healthy.INSTANCE;
    }

    /**
     * @param reason what is wrong, for people and logs
     * @return degraded: reported, not restarted
     */
    static Health degraded(String reason) {
        return new Degraded(reason);
    }

    /**
     * @param reason what is wrong, for people and logs
     * @return failed: counted towards the child's crash
     */
    static Health failed(String reason) {
        return new Failed(reason);
    }

    /** Nothing to report. */
    enum Healthy implements Health {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "HEALTHY";
        }
    }

    /**
     * Working, but not as it should: reported, not restarted.
     *
     * @param reason what is wrong
     */
    record Degraded(String reason) implements Health {
        /** @param reason what is wrong; not null */
        public Degraded {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "DEGRADED(" + reason + ")";
        }
    }

    /**
     * Not working: counted towards the child's crash.
     *
     * @param reason what is wrong
     */
    record Failed(String reason) implements Health {
        /** @param reason what is wrong; not null */
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "FAILED(" + reason + ")";
        }
    }
}

package io.otp4j.sysops;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SysOps} runs: its supervisor's name, how many workers serve each kind of operation, the time a
 * file operation may take, the restart intensity of its supervisor, and the clock of the audit. Immutable;
 * refine {@link #defaults()} with the {@code with} methods.
 */
public final class SysOpsSettings {

    private static final SysOpsSettings DEFAULTS = new SysOpsSettings("sysops", 2, Duration.ofSeconds(30),
            10, Duration.ofSeconds(10), Clock.systemUTC());

    private final String name;
    private final int workersPerKind;
    private final Duration fileTimeout;
    private final int maxRestarts;
    private final Duration restartPeriod;
    private final Clock clock;

    private SysOpsSettings(String name, int workersPerKind, Duration fileTimeout, int maxRestarts,
            Duration restartPeriod, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.fileTimeout = Objects.requireNonNull(fileTimeout, "fileTimeout");
        this.restartPeriod = Objects.requireNonNull(restartPeriod, "restartPeriod");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (workersPerKind < 1) {
            throw new IllegalArgumentException("workersPerKind must be at least 1: " + workersPerKind);
        }
        if (fileTimeout.isNegative() || fileTimeout.isZero()) {
            throw new IllegalArgumentException("fileTimeout must be positive: " + fileTimeout);
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative: " + maxRestarts);
        }
        this.workersPerKind = workersPerKind;
        this.maxRestarts = maxRestarts;
    }

    /**
     * @return supervisor {@code sysops}, 2 workers per kind, 30 s per file operation, at most 10 restarts in
     *     10 s, the UTC system clock
     */
    public static SysOpsSettings defaults() {
        return DEFAULTS;
    }

    /** @return the name of the supervisor under {@code /user} */
    public String name() {
        return name;
    }

    /** @return how many workers serve each kind (file, process, network) */
    public int workersPerKind() {
        return workersPerKind;
    }

    /** @return how long a file operation may take before it is stopped and answered as timed out */
    public Duration fileTimeout() {
        return fileTimeout;
    }

    /** @return the most restarts of workers in {@link #restartPeriod()} before the supervisor gives up */
    public int maxRestarts() {
        return maxRestarts;
    }

    /** @return the period of {@link #maxRestarts()} */
    public Duration restartPeriod() {
        return restartPeriod;
    }

    /** @return the clock that stamps audit records */
    public Clock clock() {
        return clock;
    }

    /**
     * @param value the supervisor's name, unique among the system's top-level actors
     * @return a copy with it
     */
    public SysOpsSettings withName(String value) {
        return new SysOpsSettings(value, workersPerKind, fileTimeout, maxRestarts, restartPeriod, clock);
    }

    /**
     * @param value workers per kind; at least 1
     * @return a copy with it
     */
    public SysOpsSettings withWorkersPerKind(int value) {
        return new SysOpsSettings(name, value, fileTimeout, maxRestarts, restartPeriod, clock);
    }

    /**
     * @param value how long a file operation may take; positive
     * @return a copy with it
     */
    public SysOpsSettings withFileTimeout(Duration value) {
        return new SysOpsSettings(name, workersPerKind, value, maxRestarts, restartPeriod, clock);
    }

    /**
     * @param restarts the most restarts
     * @param period in this period
     * @return a copy with this restart intensity
     */
    public SysOpsSettings withRestartIntensity(int restarts, Duration period) {
        return new SysOpsSettings(name, workersPerKind, fileTimeout, restarts, period, clock);
    }

    /**
     * @param value the clock stamping audit records
     * @return a copy with it
     */
    public SysOpsSettings withClock(Clock value) {
        return new SysOpsSettings(name, workersPerKind, fileTimeout, maxRestarts, restartPeriod, value);
    }
}

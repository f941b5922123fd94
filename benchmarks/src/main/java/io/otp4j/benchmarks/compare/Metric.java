package io.otp4j.benchmarks.compare;

/**
 * One figure from one iteration of a workload, in its base unit (per second, milliseconds, bytes...).
 *
 * @param name the table row it belongs to, e.g. {@code pingpong} or {@code memory-stop}
 * @param value the figure
 * @param unit what the figure counts, e.g. {@code round trips/s}
 * @param higherIsBetter true for rates, false for times and sizes
 */
record Metric(String name, double value, String unit, boolean higherIsBetter) {

    /** @return a rate: {@code count} things in {@code nanos} nanoseconds, per second */
    static Metric rate(String name, long count, long nanos, String unit) {
        return new Metric(name, count * 1e9 / nanos, unit, true);
    }

    /** @return a cost where lower is better */
    static Metric cost(String name, double value, String unit) {
        return new Metric(name, value, unit, false);
    }
}

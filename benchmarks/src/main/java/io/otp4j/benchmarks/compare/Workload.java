package io.otp4j.benchmarks.compare;

import java.util.List;

/**
 * One workload on one runtime. The constructor builds the actor system and any long-lived actors
 * (untimed); each {@link #iteration()} runs the workload once, checks its result and returns its figures;
 * {@link #close()} shuts the system down.
 */
interface Workload extends AutoCloseable {

    /**
     * Runs the workload once and checks the result.
     *
     * @return the figures of this iteration, the timed part only
     * @throws IllegalStateException if a result is wrong or a wait timed out
     * @throws Exception anything else that went wrong
     */
    List<Metric> iteration() throws Exception;

    @Override
    void close() throws Exception;
}

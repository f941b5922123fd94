package io.otp4j.supervisor;

/**
 * The result of {@link SupervisorRef#countChildren()} (Erlang's {@code count_children}).
 *
 * @param specs all child specs, running or not
 * @param active children with a live actor
 * @param supervisors specs of child supervisors
 * @param workers specs of workers
 */
public record ChildCounts(int specs, int active, int supervisors, int workers) {}

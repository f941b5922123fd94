package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import java.util.Optional;

/**
 * One row of {@link SupervisorRef#whichChildren()}, or the answer of {@link SupervisorRef#whichChild(String)}.
 *
 * @param id the child's id (its name; {@code $...} for SIMPLE_ONE_FOR_ONE children)
 * @param ref its current ref, if it has a live actor; empty while it is {@link ChildStatus#UNDEFINED}
 * @param status running, restarting or undefined
 * @param supervisor true if the child is a supervisor
 * @param restarts how many times this child has been restarted
 */
public record ChildInfo(String id, Optional<ActorRef<?>> ref, ChildStatus status, boolean supervisor, int restarts) {}

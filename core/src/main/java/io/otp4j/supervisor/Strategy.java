package io.otp4j.supervisor;

/**
 * Which children a supervisor restarts when one of them must be restarted (Erlang's restart strategy).
 * Terminations always run in reverse start order and restarts in start order.
 */
public enum Strategy {
    /** Restart only the child that exited. */
    ONE_FOR_ONE,
    /** Terminate all other children, then restart them all. */
    ONE_FOR_ALL,
    /** Terminate the children started after the one that exited, then restart it and them. */
    REST_FOR_ONE,
    /**
     * Like {@link #ONE_FOR_ONE} for children all built from one template and added at run time with an
     * argument ({@link SupervisorRef#startChild(Object)}); for worker pools or one actor per connection.
     * On shutdown all children are stopped at once, so their termination order is undefined.
     */
    SIMPLE_ONE_FOR_ONE
}

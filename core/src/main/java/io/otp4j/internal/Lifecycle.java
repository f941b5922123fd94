package io.otp4j.internal;

/**
 * Where an actor is in its life, and the one transition function every change of it goes through.
 *
 * <pre>
 *   NEW --START: factory, preStart--> RUNNING
 *   RUNNING --ESCALATE | CRASH--> SUSPENDED (its supervisor or parent decides)
 *   RUNNING --RESTART_ON_FAILURE--> RESTARTING; SUSPENDED --RESTART--> RESTARTING
 *   RESTARTING --CHILDREN_STOPPED: postStop, new instance--> RUNNING
 *   RUNNING | SUSPENDED --HALT--> HALTING --CHILDREN_STOPPED: postStop--> HALTED --RESTART--> RUNNING
 *   any but STOPPING, TERMINATED --STOP | KILL--> STOPPING --TERMINATE: postStop--> TERMINATED
 *   RUNNING --IGNORE: a supervised preStart answered ignore--> STOPPING
 * </pre>
 * Only RUNNING handles user messages; the others leave them queued, and TERMINATED drains them to dead
 * letters. RESTARTING, HALTING and STOPPING stop all the children at once and wait for each one's end.
 */
enum Lifecycle {
    NEW, RUNNING, SUSPENDED, RESTARTING, HALTING, HALTED, STOPPING, TERMINATED;

    /**
     * The transition table: every (signal, state) pair is written out, so the compiler rejects a new state
     * or signal until each of its pairs is decided. A pair that returns its own state is a signal that is
     * acted on without a change (a restart order to a running actor is answered; a kill overtakes a stop).
     *
     * @return the state {@code signal} leads to from this one, or null if it does nothing here (it came too
     *     late, or cannot happen in this state)
     */
    Lifecycle next(LifecycleSignal signal) {
        return switch (signal) {
            case START -> switch (this) {
                case NEW -> RUNNING;
                case RUNNING, SUSPENDED, RESTARTING, HALTING, HALTED, STOPPING, TERMINATED -> null;
            };
            case STOP -> switch (this) {
                case NEW, RUNNING, SUSPENDED, RESTARTING, HALTING, HALTED -> STOPPING;
                case STOPPING, TERMINATED -> null; // already on the way
            };
            case KILL, ABORT -> switch (this) {
                case NEW, RUNNING, SUSPENDED, RESTARTING, HALTING, HALTED -> STOPPING;
                case STOPPING -> STOPPING; // overtakes the stop under way: no postStop, children killed
                case TERMINATED -> null;
            };
            case IGNORE -> switch (this) {
                case RUNNING -> STOPPING; // right after its preStart
                case NEW, SUSPENDED, RESTARTING, HALTING, HALTED, STOPPING, TERMINATED -> null;
            };
            case RESTART_ON_FAILURE -> switch (this) {
                case RUNNING -> RESTARTING;
                case NEW, SUSPENDED, RESTARTING, HALTING, HALTED, STOPPING, TERMINATED -> null; // nothing ran
            };
            case ESCALATE, CRASH -> switch (this) {
                case RUNNING -> SUSPENDED;
                case NEW, SUSPENDED, RESTARTING, HALTING, HALTED, STOPPING, TERMINATED -> null; // nothing ran
            };
            case RESTART -> switch (this) {
                case SUSPENDED -> RESTARTING;
                case HALTED -> RUNNING; // its postStop ran when it halted: straight to a new instance
                case RUNNING -> RUNNING; // already restarted: it says so again, so no supervisor waits for ever
                case NEW, RESTARTING, HALTING, STOPPING, TERMINATED -> null; // starting, or past restarting
            };
            case HALT -> switch (this) {
                case RUNNING, SUSPENDED -> HALTING;
                case NEW, HALTED -> HALTED; // no instance to stop: halted at once (again)
                case RESTARTING, HALTING, STOPPING, TERMINATED -> null; // already on the way
            };
            case CHILD_FAILED -> switch (this) {
                case NEW, RUNNING, SUSPENDED, RESTARTING, HALTING, HALTED -> this; // the child is stopped
                case STOPPING, TERMINATED -> null; // the child is being stopped with the rest
            };
            case CHILDREN_STOPPED -> switch (this) {
                case RESTARTING -> RUNNING;
                case HALTING -> HALTED;
                case STOPPING -> STOPPING; // the stop completes: TERMINATE
                case NEW, RUNNING, SUSPENDED, HALTED, TERMINATED -> null; // stops no children
            };
            case TERMINATE -> switch (this) {
                case STOPPING -> TERMINATED;
                case NEW, RUNNING, SUSPENDED, RESTARTING, HALTING, HALTED, TERMINATED -> null;
            };
        };
    }

    /**
     * @return {@link #next}, for a signal the caller knows applies in this state
     * @throws IllegalStateException if it does not: a bug in the runtime, which the cell's run reports
     */
    Lifecycle nextExpected(LifecycleSignal signal) {
        Lifecycle next = next(signal);
        if (next == null) {
            throw new IllegalStateException(signal + " cannot happen in state " + this);
        }
        return next;
    }
}

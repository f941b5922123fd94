package io.otp4j.internal;

/**
 * What can change an actor's {@link Lifecycle}: each lifecycle change of a cell names one of these and asks
 * {@link Lifecycle#next} where it leads.
 */
enum LifecycleSignal {
    /** The first run: the first instance is built. */
    START,
    /** A stop: asked for (by the actor, its parent, an exit signal, a link), or a start or failure that stops it. */
    STOP,
    /** A kill: a stop without postStop, which also overtakes a stop under way. */
    KILL,
    /** The runtime ends the cell without running actor code: an internal error, a dispatcher that refused it. */
    ABORT,
    /** The preStart of a supervisor's child answered ignore: it stops at once, before any message. */
    IGNORE,
    /** The actor's {@code onFailure} answered RESTART: the instance is replaced in place. */
    RESTART_ON_FAILURE,
    /** The actor's {@code onFailure} answered ESCALATE: it waits for its supervisor or parent to decide. */
    ESCALATE,
    /** Its supervisor crashes it on purpose (a test's or an operator's order), as if it had escalated. */
    CRASH,
    /** Its supervisor orders a restart (after an escalation, or of a halted child). */
    RESTART,
    /** Its supervisor orders a halt: the instance is stopped and the cell waits for the order to restart. */
    HALT,
    /** One of its children escalated a failure: it is stopped, unless this cell is stopping all of them. */
    CHILD_FAILED,
    /** The last child of a stop, restart or halt has terminated: the step under way completes. */
    CHILDREN_STOPPED,
    /** The stop completed (postStop ran, if it had to): the cell is dead. */
    TERMINATE
}

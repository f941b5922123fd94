package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import java.util.Optional;

/**
 * A supervisor refused a control request, or failed to start; {@link #error()} says why, with OTP's error names.
 *
 * <p>What OTP puts in the error term is data here too: {@link #childId()} names the child the error is about,
 * {@link #child()} is the running child of {@link Error#ALREADY_STARTED} (OTP's {@code {already_started, Pid}}),
 * and {@link #exitReason()} says why a child did not start, for {@link Error#START_FAILED} (OTP's
 * {@code {failed_to_start_child, Id, Reason}}): a start that threw has {@code Failed(cause)} there and the same
 * throwable as {@link #getCause()}.
 */
public final class SupervisorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused (OTP's {@code {error, Reason}}). */
    public enum Error {
        /** No child with that id (or ref). */
        NOT_FOUND,
        /** The child is running: restart or delete it only after terminating it. */
        RUNNING,
        /** The child is waiting to be restarted. */
        RESTARTING,
        /** A spec with that id exists but its child is not running ({@code already_present}). */
        ALREADY_PRESENT,
        /** A child with that id is running ({@code already_started}); {@link #child()} is its ref. */
        ALREADY_STARTED,
        /** The request does not apply to a SIMPLE_ONE_FOR_ONE supervisor (or needs one). */
        SIMPLE_ONE_FOR_ONE,
        /**
         * The child failed to start; {@link #childId()} names it and {@link #exitReason()} says why, with the
         * throwable, if any, as the cause.
         */
        START_FAILED,
        /** The spec is invalid; the cause is the {@link InvalidSupervisorSpecException}. */
        INVALID_SPEC,
        /** The supervisor is not running. */
        NO_SUPERVISOR
    }

    private final Error error;
    // not serialized: refs and exit reasons belong to a running system
    private final transient String childId;
    private final transient ActorRef<?> child;
    private final transient ExitReason exitReason;

    /**
     * Thrown by the supervision runtime only, so that its errors keep the meaning of OTP's error names.
     *
     * @param error the reason
     * @param message details
     * @param cause the underlying failure, or null when there is none
     */
    SupervisorException(Error error, String message, Throwable cause) {
        this(error, message, cause, null, null, null);
    }

    private SupervisorException(Error error, String message, Throwable cause, String childId, ActorRef<?> child,
                                ExitReason exitReason) {
        super(error + ": " + message, cause);
        this.error = error;
        this.childId = childId;
        this.child = child;
        this.exitReason = exitReason;
    }

    /** An error about the child with this id (NOT_FOUND, RUNNING, RESTARTING, ALREADY_PRESENT). */
    static SupervisorException aboutChild(Error error, String childId, String message) {
        return new SupervisorException(error, message, null, childId, null, null);
    }

    /** ALREADY_STARTED, with the running child's ref. */
    static SupervisorException alreadyStarted(String childId, ActorRef<?> running) {
        return new SupervisorException(Error.ALREADY_STARTED, "child '" + childId + "' is running", null, childId,
                running, null);
    }

    /** START_FAILED for this child, with why it did not start; the cause is the throwable in a Failed reason. */
    static SupervisorException startFailed(String childId, ExitReason reason, String message) {
        return new SupervisorException(Error.START_FAILED, message,
                reason instanceof ExitReason.Failed f ? f.cause() : null, childId, null, reason);
    }

    /** @return why the request was refused */
    public Error error() {
        return error;
    }

    /**
     * @return the id of the child the error is about (for a SIMPLE_ONE_FOR_ONE child, its actor's name); empty
     *     when the error is about no particular child, or after deserialization
     */
    public Optional<String> childId() {
        return Optional.ofNullable(childId);
    }

    /** @return for {@link Error#ALREADY_STARTED}, the running child's ref; otherwise empty */
    public Optional<ActorRef<?>> child() {
        return Optional.ofNullable(child);
    }

    /**
     * @return for {@link Error#START_FAILED} of a child, why it did not start: {@code Failed} with the throwable
     *     that is also {@link #getCause()}, or the reason it terminated with while starting (killed, say) when
     *     nothing was thrown; otherwise empty
     */
    public Optional<ExitReason> exitReason() {
        return Optional.ofNullable(exitReason);
    }
}

package io.otp4j.sysops;

/**
 * Ends an operation early with its answer (a denial, a failure): thrown by the checks deep in an executor,
 * caught by the worker. Not a crash; carries no stack trace.
 */
final class Answered extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Result<?> result;

    Answered(Result<?> result) {
        super(null, null, false, false);
        this.result = result;
    }

    @SuppressWarnings("unchecked")
    <R> Result<R> result() {
        return (Result<R>) result;
    }

    static Answered denied(Job<?> job, Decision.Refused refused) {
        job.decided(refused);
        return new Answered(new Result.Denied<>(refused.missingPermission(), refused.reason()));
    }

    static Answered failed(Result.Failure kind, String message) {
        return new Answered(new Result.Failed<>(kind, message));
    }
}

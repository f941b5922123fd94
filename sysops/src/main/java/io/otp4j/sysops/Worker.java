package io.otp4j.sysops;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import java.io.IOException;

/**
 * An actor serving one kind of operation, one at a time, on a virtual thread: blocking file, process and
 * socket calls are its normal work. A fresh instance (and a fresh executor) is built at each restart.
 *
 * <p>Answers: a denial, an I/O error or a timeout is an answer, not a crash. Anything else thrown (a bug, an
 * injected fault) first answers the caller with {@link Result.Failure#CRASHED}, then crashes the worker so
 * that its supervisor restarts it alone; the operation is not retried.
 *
 * <p>A job whose answer is already complete when it reaches the worker (timed out or cancelled while
 * queued) is skipped: its work would be for nobody.
 */
final class Worker implements Actor<Job<?>> {

    /** The kinds of worker, one supervisor child group each. */
    enum Kind {
        FILE, PROCESS, NETWORK;

        static Kind of(Operation<?> operation) {
            return switch (operation) {
                case FileOperation<?> file -> FILE;
                case ProcessOperation<?> process -> PROCESS;
                case NetworkOperation<?> network -> NETWORK;
            };
        }
    }

    private final Kind kind;
    private final Policy policy;
    private final Hooks hooks;
    private final Watches watches;
    private FileExecutor files;
    private ProcessExecutor processes;
    private NetworkExecutor network;

    Worker(Kind kind, Policy policy, Hooks hooks, Watches watches) {
        this.kind = kind;
        this.policy = policy;
        this.hooks = hooks;
        this.watches = watches;
    }

    @Override
    public void preStart(ActorContext<Job<?>> ctx) {
        switch (kind) {
            case FILE -> files = new FileExecutor(policy, hooks, watches);
            case PROCESS -> processes = new ProcessExecutor(policy);
            case NETWORK -> network = new NetworkExecutor(policy);
        }
    }

    @Override
    public void receive(Job<?> job, ActorContext<Job<?>> ctx) {
        if (!job.answer.isDone()) {
            work(job);
        }
    }

    private <R> void work(Job<R> job) {
        Result<R> result;
        try {
            hooks.beforeOperation(job.operation);
            result = switch (kind) {
                case FILE -> files.execute(job);
                case PROCESS -> processes.execute(job);
                case NETWORK -> network.execute(job);
            };
        } catch (Answered answered) {
            result = answered.result();
        } catch (IOException e) {
            result = new Result.Failed<>(Result.Failure.IO, e.toString());
        } catch (RuntimeException | Error crash) {
            job.answer.complete(new Result.Failed<>(Result.Failure.CRASHED,
                    kind.name().toLowerCase(java.util.Locale.ROOT) + " worker crashed: " + crash));
            throw crash;
        }
        if (job.stopped() && !job.answer.isDone()) {
            result = new Result.Failed<>(Result.Failure.IO, "stopped");
        }
        job.answer.complete(result);
    }

    @Override
    public void postStop(ActorContext<Job<?>> ctx) {
        if (network != null) {
            network.close();
        }
    }
}

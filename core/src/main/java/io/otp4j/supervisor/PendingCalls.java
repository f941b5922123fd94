package io.otp4j.supervisor;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.internal.RuntimeAccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link SupervisorRef} requests in flight to each supervisor, failed with
 * {@link SupervisorException.Error#NO_SUPERVISOR} the moment it terminates, as Erlang's {@code gen:call}
 * monitors the callee for the duration of a call. Without this, a request that reached a supervisor as it
 * stopped went to dead letters and its caller waited out the whole call timeout.
 *
 * <h2>Design</h2>
 * One entry per supervisor that has been called, with one termination hook ({@link RuntimeAccess#onTermination}),
 * registered by the first call: a per-call hook would pile up on a long-lived supervisor. A call adds itself
 * to the entry and removes itself when it completes. The hook marks the entry terminated, removes it from
 * the map and fails what it holds; a call that finds its entry terminated fails at once. The entry's monitor
 * makes "is it terminated?" and "add this call" one step, so no call is added after the hook took the list.
 *
 * <p>Threads: {@link #track} from any thread; the hook runs on the terminating supervisor's thread, so the
 * calls fail there (keep callbacks on the stages short, as for any ask).
 */
final class PendingCalls {

    private static final ConcurrentHashMap<ActorRef<?>, PendingCalls> BY_SUPERVISOR = new ConcurrentHashMap<>();

    private final ActorRef<?> supervisor;
    private final Set<CompletableFuture<?>> calls = new HashSet<>(); // guarded by this
    private ExitReason terminatedWith; // guarded by this; null while the supervisor lives

    private PendingCalls(ActorRef<?> supervisor) {
        this.supervisor = supervisor;
    }

    /**
     * Fails {@code call} with NO_SUPERVISOR when the supervisor terminates (at once if it already has),
     * unless it completed before.
     *
     * @param supervisor the supervisor called; a ref that is not a runtime actor is not tracked
     * @param call the caller's stage
     */
    static void track(ActorRef<?> supervisor, CompletableFuture<?> call) {
        if (!RuntimeAccess.isActor(supervisor)) {
            return; // a stand-in ref (a test double): the call's own timeout still applies
        }
        PendingCalls pending = BY_SUPERVISOR.get(supervisor);
        if (pending == null) {
            PendingCalls fresh = new PendingCalls(supervisor);
            pending = BY_SUPERVISOR.putIfAbsent(supervisor, fresh);
            if (pending == null) {
                pending = fresh;
                // outside the map's update: the hook runs at once, here, if the supervisor is already dead
                RuntimeAccess.onTermination(supervisor, fresh::terminated);
            }
        }
        ExitReason reason = pending.add(call);
        if (reason != null) {
            call.completeExceptionally(noSupervisor(supervisor, reason));
            return;
        }
        PendingCalls entry = pending;
        call.whenComplete((value, failure) -> entry.remove(call));
    }

    /** @return null if added, else the supervisor's exit reason */
    private synchronized ExitReason add(CompletableFuture<?> call) {
        if (terminatedWith == null) {
            calls.add(call);
        }
        return terminatedWith;
    }

    private synchronized void remove(CompletableFuture<?> call) {
        calls.remove(call);
    }

    /** The termination hook. */
    private void terminated(ExitReason reason) {
        List<CompletableFuture<?>> failing;
        synchronized (this) {
            terminatedWith = reason;
            failing = new ArrayList<>(calls);
            calls.clear();
        }
        BY_SUPERVISOR.remove(supervisor, this);
        for (CompletableFuture<?> call : failing) {
            call.completeExceptionally(noSupervisor(supervisor, reason));
        }
    }

    /**
     * @param supervisor the supervisor called
     * @param why its exit reason, or the failure that showed it dead
     * @return the failure a call to it ends with
     */
    static SupervisorException noSupervisor(ActorRef<?> supervisor, Object why) {
        return new SupervisorException(SupervisorException.Error.NO_SUPERVISOR,
                supervisor + " is not running (" + why + ")", why instanceof Throwable t ? t : null);
    }
}

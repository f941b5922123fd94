package io.otp4j.supervisor;

import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records every {@link SupervisorEvent} of a system, in the order each supervisor published them, so
 * that tests assert recorded sequences instead of timing.
 *
 * <p>{@link #trace} renders one supervisor's events as short strings ({@code "restarted:a"}), which
 * makes expected sequences readable. {@link #flush()} is a round trip through the recording actor:
 * every event published before the call (in happens-before order) is recorded when it returns, which
 * lets a test assert that an event was <em>not</em> published without waiting.
 */
final class EventRecorder {

    private record Flush(CompletableFuture<Void> done) {}

    private final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();
    private final ActorRef<Object> recorder;

    EventRecorder(ActorSystem system) {
        recorder = system.spawn("supervisor-events", () -> new Actor<Object>() {
            @Override
            public void receive(Object message, ActorContext<Object> ctx) {
                if (message instanceof SupervisorEvent e) {
                    events.add(e);
                } else if (message instanceof Flush(var done)) {
                    done.complete(null);
                }
            }
        });
        system.eventStream().subscribe(SupervisorEvent.class, recorder);
    }

    /** @return all events so far */
    List<SupervisorEvent> all() {
        return List.copyOf(events);
    }

    /** @return the events published by {@code supervisor}, rendered by {@link #brief} */
    List<String> trace(ActorRef<?> supervisor) {
        return events.stream().filter(e -> e.supervisor().equals(supervisor)).map(EventRecorder::brief).toList();
    }

    List<String> trace(SupervisorRef supervisor) {
        return trace(supervisor.ref());
    }

    /** Waits until {@code supervisor}'s trace holds {@code entry} at least {@code times} times. */
    void awaitTrace(ActorRef<?> supervisor, String entry, int times) {
        await().atMost(Lab.WAIT).pollInterval(1, TimeUnit.MILLISECONDS)
                .alias(entry + " x" + times + " in the trace of " + supervisor)
                .until(() -> trace(supervisor).stream().filter(entry::equals).count() >= times);
    }

    void awaitTrace(SupervisorRef supervisor, String entry) {
        awaitTrace(supervisor.ref(), entry, 1);
    }

    void awaitTrace(SupervisorRef supervisor, String entry, int times) {
        awaitTrace(supervisor.ref(), entry, times);
    }

    /** Waits for the first event of {@code type} that {@code match} accepts and returns it. */
    <E extends SupervisorEvent> E awaitEvent(Class<E> type, Predicate<? super E> match) {
        return awaitNth(type, match, 1);
    }

    /** Waits for the {@code n}-th (from 1) event of {@code type} that {@code match} accepts. */
    <E extends SupervisorEvent> E awaitNth(Class<E> type, Predicate<? super E> match, int n) {
        await().atMost(Lab.WAIT).pollInterval(1, TimeUnit.MILLISECONDS).alias(type.getSimpleName() + " #" + n)
                .until(() -> matching(type, match).size() >= n);
        return matching(type, match).get(n - 1);
    }

    private <E extends SupervisorEvent> List<E> matching(Class<E> type, Predicate<? super E> match) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(match).toList();
    }

    /** Returns once every event published before this call has been recorded. */
    void flush() {
        Flush f = new Flush(new CompletableFuture<>());
        recorder.tell(f);
        Lab.join(f.done());
    }

    /** @return a short rendering: {@code started:a}, {@code restarted:a}, {@code terminated:b:killed},
     *     {@code health:a:degraded(reason)}, {@code health:a:failed}, ... */
    static String brief(SupervisorEvent e) {
        return switch (e) {
            case SupervisorEvent.ChildStarted s -> (s.restart() ? "restarted:" : "started:") + s.childId();
            case SupervisorEvent.ChildStartFailed f -> "startFailed:" + f.childId();
            case SupervisorEvent.ChildExited x -> "exited:" + x.childId();
            case SupervisorEvent.ChildTerminated t ->
                    "terminated:" + t.childId() + (t.reason() instanceof ExitReason.Killed ? ":killed" : "");
            case SupervisorEvent.StrategyApplied s -> "strategy:" + s.childId() + s.restarting();
            case SupervisorEvent.BackoffScheduled b -> "backoff:" + b.childId() + ":" + b.delay().toMillis() + "ms";
            case SupervisorEvent.HealthChanged h -> "health:" + h.childId() + ":" + switch (h.health()) {
                case Health.Healthy ok -> "healthy";
                case Health.Degraded d -> "degraded(" + d.reason() + ")";
                case Health.Failed f -> "failed";
            };
            case SupervisorEvent.HealthCheckFailed h -> "healthFailed:" + h.childId() + ":" + h.failures();
            case SupervisorEvent.IntensityExceeded i -> "intensityExceeded";
            case SupervisorEvent.AutoShutdownTriggered a -> "autoShutdown:" + a.childId();
            case SupervisorEvent.RootTerminated r -> "rootTerminated";
            case SupervisorEvent.Escalated x -> "escalated";
            case SupervisorEvent.ConfigurationChanged c -> "configuration:" + c.childId() + ":"
                    + (c.change() == SupervisorEvent.ConfigurationChanged.Change.CHILD_ADDED ? "added" : "deleted");
        };
    }
}

package io.otp4j.testkit;

import io.otp4j.actor.ActorRef;
import io.otp4j.internal.RuntimeAccess;
import java.time.Duration;
import java.util.Objects;

/**
 * Deterministic fault injection for testing supervision trees: crash a supervised child now, or at a
 * virtual time of the test kit's {@link ManualScheduler}.
 *
 * <pre>{@code
 * try (var kit = ActorTestKit.withManualTime()) {
 *     SupervisorRef sup = Supervisor.start(kit.system(), "sup", spec);
 *     ActorRef<?> worker = sup.whichChildren().toCompletableFuture().join().get(0).ref().orElseThrow();
 *     FaultInjector faults = FaultInjector.create(kit);
 *     faults.crashAt(Duration.ofSeconds(1), worker).crashAt(Duration.ofSeconds(2), worker);
 *     kit.manualTime().advance(Duration.ofSeconds(2)); // two crashes, at t = 1 s and t = 2 s
 * }
 * }</pre>
 *
 * <p>An injected crash goes through the supervisor exactly like a real one (strategy, intensity,
 * events) but skips the child's own {@code onFailure}: it tests the tree, not the actor. It applies to
 * a running child of a supervisor; a child that is not running (restarting, backing off, stopped) or
 * not supervised ignores it. Restarted children keep their refs, so a ref can be crashed repeatedly.
 *
 * <p>Threads: use from the test thread.
 */
public final class FaultInjector {

    private final ManualScheduler time;

    private FaultInjector(ManualScheduler time) {
        this.time = time;
    }

    /**
     * @param kit a test kit created with {@link ActorTestKit#withManualTime()}
     * @return an injector whose timed crashes follow that kit's manual clock
     * @throws IllegalStateException if the kit runs on real time
     */
    public static FaultInjector create(ActorTestKit kit) {
        return new FaultInjector(kit.manualTime());
    }

    /**
     * Crashes a supervised child now, with an {@link InjectedFault}.
     *
     * @param child a running child of a supervisor
     * @return this injector
     */
    public FaultInjector crashNow(ActorRef<?> child) {
        return crashNow(child, new InjectedFault("injected crash of " + child.path()));
    }

    /**
     * Crashes a supervised child now with the given cause.
     *
     * @param child a running child of a supervisor
     * @param cause the crash's cause, as the supervisor will report it
     * @return this injector
     */
    public FaultInjector crashNow(ActorRef<?> child, Throwable cause) {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(cause, "cause");
        RuntimeAccess.crash(child, cause);
        return this;
    }

    /**
     * Schedules a crash at a virtual time (measured from the manual clock's origin, not from now).
     *
     * @param at the virtual time; a time already past crashes at the next {@code advance}
     * @param child the child to crash then
     * @return this injector
     */
    public FaultInjector crashAt(Duration at, ActorRef<?> child) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(child, "child");
        Duration delay = at.minusNanos(time.nanoTime());
        InjectedFault cause = new InjectedFault("injected crash of " + child.path() + " at " + at);
        time.scheduleOnce(delay, () -> RuntimeAccess.crash(child, cause));
        return this;
    }

    /** The cause of a crash injected by a {@link FaultInjector}. */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message which child, and when */
        public InjectedFault(String message) {
            super(message);
        }
    }
}

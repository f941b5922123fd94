package io.otp4j.dispatch;

import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.CallingThreadDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The dispatchers the behaviour suites run on, one class-template invocation each (see
 * {@link OnEveryDispatcher}): a test builds its actor system through the one it is given, with
 * {@link #testKit()}, {@link #manualTimeTestKit()} or {@link #system(String, ActorSystemSettings)}, and the
 * system's default dispatcher is then that kind.
 *
 * <p>A test whose subject cannot hold on a kind skips itself there with {@link #notOn} and a reason, which
 * the report shows; nothing is left out silently.
 *
 * <p>Threads: the test thread. The systems made during a test are tracked for its end (tests of one class
 * run one at a time, as JUnit runs them by default).
 */
public enum DispatcherUnderTest {

    /** The system's own default pool ({@link Dispatcher#workStealing}, made and closed by the system). */
    WORK_STEALING,

    /** The shared virtual-thread dispatcher: every run on a new virtual thread. */
    VIRTUAL_THREADS,

    /**
     * The testkit's {@link CallingThreadDispatcher}: an actor runs on the thread that made it runnable
     * (the test's thread, a timer's thread, or another actor's), so a {@code tell} has had its effect when it
     * returns. A test that blocks its own thread until an actor does something cannot hold here.
     */
    CALLING_THREAD,

    /**
     * A {@link RejectingDispatcher} in front of a pool of the test's own: it runs every actor like the pool
     * while the test runs, and refuses every run from the moment the test method returns, so a system the
     * test leaves open (to its {@code @AfterEach} or to the end of the test) is closed through the refusal
     * paths, from whatever state the test left it in: the guardian and every actor still there end refused,
     * at once, and the report ({@code REFUSED}) names them; it must terminate, and no internal error may be
     * logged meanwhile. A system the test closes itself, inside the test method, closes as on the pool.
     */
    REJECTING;

    /** How long the end of a test waits for a system to report its termination: only detects a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    /** A system made for the current test, with the rejecting dispatcher and the pool it fronts, if any. */
    private record Made(ActorSystem system, RejectingDispatcher rejecting, Dispatcher pool) {}

    private static final Queue<Made> MADE = new ConcurrentLinkedQueue<>();

    /** @return a test kit on this dispatcher with real time and default settings */
    public ActorTestKit testKit() {
        return testKit(ActorSystemSettings.defaults());
    }

    /**
     * @param settings everything but the dispatcher, which must not be set
     * @return a test kit on this dispatcher
     */
    public ActorTestKit testKit(ActorSystemSettings settings) {
        Choice choice = choose(settings);
        return choice.track(ActorTestKit.create(choice.settings()));
    }

    /** @return a test kit on this dispatcher whose clock moves only through its manual scheduler */
    public ActorTestKit manualTimeTestKit() {
        return manualTimeTestKit(ActorSystemSettings.defaults());
    }

    /**
     * @param settings everything but the dispatcher (which must not be set) and the scheduler
     * @return a test kit on this dispatcher with manual time
     */
    public ActorTestKit manualTimeTestKit(ActorSystemSettings settings) {
        Choice choice = choose(settings);
        return choice.track(ActorTestKit.withManualTime(choice.settings()));
    }

    /**
     * @param name the system's name
     * @param settings everything but the dispatcher, which must not be set
     * @return a new actor system on this dispatcher, closed by the test (or at its end)
     */
    public ActorSystem system(String name, ActorSystemSettings settings) {
        Choice choice = choose(settings);
        ActorSystem system = ActorSystem.create(name, choice.settings());
        MADE.add(new Made(system, choice.rejecting(), choice.pool()));
        return system;
    }

    /** The settings with this kind as their dispatcher, and what the end of the test must release. */
    private record Choice(ActorSystemSettings settings, RejectingDispatcher rejecting, Dispatcher pool) {
        ActorTestKit track(ActorTestKit kit) {
            MADE.add(new Made(kit.system(), rejecting, pool));
            return kit;
        }
    }

    private Choice choose(ActorSystemSettings settings) {
        if (settings.dispatcher().isPresent()) {
            throw new IllegalArgumentException("the dispatcher is the matrix's to choose; the settings name "
                    + settings.dispatcher().get());
        }
        return switch (this) {
            case WORK_STEALING -> new Choice(settings, null, null);
            case VIRTUAL_THREADS -> new Choice(settings.withDispatcher(Dispatcher.virtualThreads()), null, null);
            case CALLING_THREAD -> new Choice(settings.withDispatcher(new CallingThreadDispatcher()), null, null);
            case REJECTING -> {
                Dispatcher pool = Dispatcher.workStealing("refused-later", 2);
                RejectingDispatcher rejecting = RejectingDispatcher.refusingWhenTold(pool);
                yield new Choice(settings.withDispatcher(rejecting), rejecting, pool);
            }
        };
    }

    /**
     * Skips the running test on {@code excluded}; the report shows it skipped, with the reason.
     *
     * @param excluded the kind the test cannot hold on
     * @param because why, stated for the report
     */
    public void notOn(DispatcherUnderTest excluded, String because) {
        Assumptions.assumeTrue(this != excluded, () -> "not on " + excluded + ": " + because);
    }

    /**
     * Runs the rest of the test only on {@code only}; elsewhere it is skipped, with the reason.
     *
     * @param only the kind the test is about
     * @param because why it holds only there, stated for the report
     */
    public void onlyOn(DispatcherUnderTest only, String because) {
        Assumptions.assumeTrue(this == only, () -> "only on " + only + ": " + because);
    }

    /**
     * The end of every test of an {@link OnEveryDispatcher} class. When the test method returns, the
     * rejecting dispatchers start refusing (before the test's {@code @AfterEach} closes its systems). After
     * {@code @AfterEach}, every system made for the test is closed if the test left it open, and must then
     * have terminated (its report given) within {@link #HANG}; the pools behind rejecting dispatchers are
     * closed last.
     */
    static final class End implements AfterTestExecutionCallback, AfterEachCallback {

        @Override
        public void afterTestExecution(ExtensionContext context) {
            for (Made made : MADE) {
                if (made.rejecting() != null) {
                    made.rejecting().refuseFromNow();
                }
            }
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            List<String> problems = closeAll();
            if (!problems.isEmpty()) {
                throw new AssertionError("at the end of the test: " + problems);
            }
        }

        private static List<String> closeAll() throws InterruptedException, ExecutionException {
            List<String> problems = new ArrayList<>();
            for (Made made; (made = MADE.poll()) != null; ) {
                ActorSystem system = made.system();
                try {
                    system.close(); // nothing if the test closed it; otherwise the test's leftover
                    system.whenTerminated().toCompletableFuture().get(HANG.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    problems.add(system.name() + " did not terminate");
                } finally {
                    if (made.pool() != null) {
                        made.pool().close();
                    }
                }
            }
            return problems;
        }
    }
}

package io.otp4j.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.started;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ShutdownReport;
import io.otp4j.testkit.ActorTestKit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The dispatcher matrix itself ({@link OnEveryDispatcher}, {@link DispatcherUnderTest}): each test of a
 * class runs once per dispatcher, a skip is reported with its reason, and a system a test leaves open is
 * closed at its end, on the rejecting dispatcher through the refusals.
 */
class DispatcherMatrixTest {

    private static final Map<DispatcherUnderTest, ActorSystem> LEFT_OPEN = new ConcurrentHashMap<>();

    /** Run by the engine test kit below, not by the suite itself (it is not a top-level test class). */
    @OnEveryDispatcher
    static class Sample {
        private final DispatcherUnderTest on;

        Sample(DispatcherUnderTest on) {
            this.on = on;
        }

        @Test
        void leavesItsSystemOpenWithAnActorInIt() {
            ActorTestKit kit = on.testKit();
            kit.spawn("left", () -> (String message, io.otp4j.actor.ActorContext<String> ctx) -> { });
            LEFT_OPEN.put(on, kit.system());
        }

        @Test
        void cannotHoldOnTheCallingThread() {
            on.notOn(DispatcherUnderTest.CALLING_THREAD, "a reason the report shows");
        }
    }

    private static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .selectors(selectClass(sample))
                .execute();
    }

    @Test
    void everyTestRunsOnEveryDispatcherAndALeftOpenSystemIsClosedThroughTheRefusalsOnTheRejectingOne()
            throws Exception {
        EngineExecutionResults results = run(Sample.class);

        for (DispatcherUnderTest kind : DispatcherUnderTest.values()) {
            results.containerEvents().assertThatEvents()
                    .haveExactly(1, event(container(), displayName("on " + kind), started()));
        }
        Events tests = results.testEvents();
        tests.assertStatistics(stats -> stats.started(8).succeeded(7).aborted(1));
        tests.assertThatEvents().haveExactly(1,
                abortedWithReason(message(m -> m.endsWith("not on CALLING_THREAD: a reason the report shows"))));
        assertThat(LEFT_OPEN).containsOnlyKeys(DispatcherUnderTest.values());
        for (var left : LEFT_OPEN.entrySet()) {
            ShutdownReport report = left.getValue().whenTerminated().toCompletableFuture().getNow(null);
            assertThat(report).as("%s: closed at the end of the test", left.getKey()).isNotNull();
            if (left.getKey() == DispatcherUnderTest.REJECTING) {
                assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.REFUSED);
                assertThat(report.abandoned()).extracting(a -> a.path().toString())
                        .containsExactlyInAnyOrder("/user", "/user/left");
            } else {
                assertThat(report.outcome()).as("%s", left.getKey()).isEqualTo(ShutdownReport.Outcome.CLEAN);
            }
        }
    }
}

package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIMPLE_ONE_FOR_ONE: children built at run time from one template and an argument (supervisor_SUITE:
 * simple_one_for_one, child_adm_simple, count_children, simple_one_for_one_shutdown). Each worker here
 * takes its argument as its log id, so {@code start:x} is the child started with argument "x".
 */
@OnEveryDispatcher
class DynamicChildrenTest {

    private final Lab lab;

    DynamicChildrenTest(DispatcherUnderTest on) {
        lab = Lab.realTime(on);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private SupervisorRef start(ChildTemplate<String, Worker.Cmd> template) {
        return lab.start(Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .intensity(2, Duration.ofHours(1)).template(template).build());
    }

    @Test
    void childrenAreBuiltFromTheTemplateWithTheirArgument() {
        SupervisorRef sup = start(lab.template());

        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();
        ActorRef<?> y = Lab.join(sup.startChild("y")).orElseThrow();

        assertThat(lab.lifecycle()).containsExactly("start:x", "start:y");
        assertThat(x).isSameAs(lab.ref("x"));
        assertThat(y).isSameAs(lab.ref("y"));
        List<ChildInfo> children = Lab.join(sup.whichChildren());
        assertThat(Lab.refs(sup)).containsExactly(x, y);
        assertThat(children).extracting(ChildInfo::id).containsExactly(x.path().name(), y.path().name());
        assertThat(children).extracting(ChildInfo::status).containsOnly(ChildStatus.RUNNING);
    }

    @Test
    void crashedChildIsRestartedWithTheSameArgumentAndItsSiblingsAreUntouched() {
        SupervisorRef sup = start(lab.template());
        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();
        Lab.join(sup.startChild("y"));

        lab.crash("x");

        lab.events.awaitTrace(sup, "restarted:" + x.path().name());
        assertThat(lab.lifecycle()).containsExactly("start:x", "start:y", "stop:x", "start:x");
        assertThat(lab.ref("x")).isSameAs(x);
        assertThat(Lab.join(sup.whichChildren())).hasSize(2);
    }

    @Test
    void childThatExitsAbnormallyIsStartedAfreshWithTheSameArgument() {
        SupervisorRef sup = start(lab.template());
        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();

        lab.exit("x", Lab.ExitKind.FAILED_EXIT);

        lab.awaitLog("start:x", 2);
        List<ChildInfo> children = Lab.join(sup.whichChildren());
        assertThat(children).hasSize(1);
        assertThat(children.get(0).ref()).containsSame(lab.ref("x"));
        assertThat(lab.ref("x")).isNotEqualTo(x);
    }

    @Test
    void childIdStaysTheNameOfItsRefAcrossAFreshRestart() {
        SupervisorRef sup = start(lab.template());
        Lab.join(sup.startChild("x"));

        lab.exit("x", Lab.ExitKind.FAILED_EXIT);

        lab.awaitLog("start:x", 2);
        ChildInfo x = Lab.join(sup.whichChildren()).get(0);
        assertThat(x.id()).isEqualTo(x.ref().orElseThrow().path().name());
    }

    @Test
    void terminateChildByRefStopsAndForgetsTheChild() {
        SupervisorRef sup = start(lab.template());
        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();
        ActorRef<?> y = Lab.join(sup.startChild("y")).orElseThrow();

        Lab.join(sup.terminateChild(x));

        assertThat(lab.lifecycle()).containsExactly("start:x", "start:y", "stop:x");
        assertThat(Lab.refs(sup)).containsExactly(y);
        assertThat(lab.events.awaitEvent(SupervisorEvent.ChildTerminated.class, e -> true).childId())
                .isEqualTo(x.path().name());
    }

    /**
     * OTP finds a simple_one_for_one child whose restart is due by its old pid ({@code {restarting, Pid}}):
     * terminating it by that ref forgets it, and it is not restarted.
     */
    @Test
    void terminateChildByTheOldRefForgetsADynamicChildWhoseRestartIsDue() {
        try (Lab manual = Lab.manualTime()) {
            SupervisorRef sup = manual.start(Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                    .intensity(2, Duration.ofHours(1))
                    .template(manual.template().withBackoff(Backoff.exponential(Duration.ofSeconds(1),
                            Duration.ofSeconds(1)).withJitter(0)))
                    .build());
            ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();
            manual.exit("x", Lab.ExitKind.FAILED_EXIT);
            manual.events.awaitTrace(sup, "backoff:" + x.path().name() + ":1000ms");

            Lab.join(sup.terminateChild(x));

            assertThat(Lab.join(sup.whichChildren())).isEmpty();
            manual.time().advance(Duration.ofSeconds(1));
            Lab.join(sup.whichChildren()); // a round trip after the restart would have been due
            assertThat(manual.count("start:x")).isEqualTo(1);
            assertThat(Lab.join(sup.whichChildren())).isEmpty();
        }
    }

    @Test
    void eventsNameADynamicChildByTheIdWhichChildrenReports() {
        SupervisorRef sup = start(lab.template());

        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();

        SupervisorEvent.ChildStarted started = lab.events.awaitEvent(SupervisorEvent.ChildStarted.class, e -> true);
        assertThat(started.child()).isSameAs(x);
        assertThat(started.childId()).isEqualTo(Lab.join(sup.whichChildren()).get(0).id());
    }

    /** OTP's count_children for simple_one_for_one: one spec (the template), one active child each. */
    @Test
    void countChildrenCountsTheTemplateAsTheOneSpec() {
        SupervisorRef sup = start(lab.template());
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(1, 0, 0, 0));

        Lab.join(sup.startChild("x"));
        Lab.join(sup.startChild("y"));

        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(1, 2, 0, 2));
    }

    @Test
    void temporaryChildIsForgottenWhenItExits() {
        SupervisorRef sup = start(lab.template().withRestart(RestartType.TEMPORARY));
        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();
        ActorRef<?> y = Lab.join(sup.startChild("y")).orElseThrow();

        lab.crash("x");

        lab.events.awaitTrace(sup, "exited:" + x.path().name());
        assertThat(Lab.refs(sup)).containsExactly(y);
        assertThat(lab.count("start:x")).isEqualTo(1);
    }

    /** OTP deletes a dynamic child that is not restarted: there is no id to restart or delete it by. */
    @Test
    void transientChildThatExitsNormallyIsForgotten() {
        SupervisorRef sup = start(lab.template().withRestart(RestartType.TRANSIENT));
        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();
        ActorRef<?> y = Lab.join(sup.startChild("y")).orElseThrow();

        lab.exit("x", Lab.ExitKind.NORMAL);

        lab.events.awaitTrace(sup, "exited:" + x.path().name());
        assertThat(Lab.ids(sup)).containsExactly(y.path().name());
        assertThat(Lab.join(sup.countChildren()).active()).isEqualTo(1);
    }

    @Test
    void childThatFailsToStartIsReportedWithItsCauseAndNotKept() {
        lab.worker("bad").failingStartOn(n -> true);
        SupervisorRef sup = start(lab.template());
        Lab.join(sup.startChild("x"));

        SupervisorException e = Lab.failure(sup.startChild("bad"));

        assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);
        assertThat(e.getCause()).isInstanceOf(Worker.StartFailure.class);
        assertThat(Lab.join(sup.whichChildren())).hasSize(1);
    }

    /**
     * OTP's restart of a simple_one_for_one child: a failed restart is tried again (a {@code try_again_restart}
     * message to itself), each attempt counted against the intensity, until one succeeds. The child exited
     * for good, so each attempt starts a new actor; until one has started, the child keeps the id it had.
     */
    @Test
    void simpleOneForOneRetriesAFailedRestartUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        SupervisorRef sup = startWithIntensity4(templateFailingOnCalls(n -> n == 2 || n == 3, calls));
        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();
        String id = x.path().name();

        lab.exit("x", Lab.ExitKind.FAILED_EXIT);

        lab.awaitLog("start:x", 2);
        ChildInfo child = Lab.join(sup.whichChildren()).get(0);
        assertThat(child.status()).isEqualTo(ChildStatus.RUNNING);
        assertThat(child.ref()).containsSame(lab.ref("x"));
        assertThat(child.id()).isEqualTo(lab.ref("x").path().name());
        assertThat(calls).as("the start, two failed restarts, the restart that succeeds").hasValue(4);
        lab.events.awaitTrace(sup, "restarted:" + child.id()); // the recorder may lag behind the log
        assertThat(lab.events.trace(sup)).containsExactly("started:" + id, "exited:" + id,
                "strategy:" + id + "[" + id + "]", "startFailed:" + id, "startFailed:" + id,
                "restarted:" + child.id());
    }

    /**
     * OTP's simple_one_for_one escalation: a child whose restarts keep failing is retried, each retry
     * counted, until the intensity (4 per hour) is exceeded; then the supervisor exits with shutdown.
     */
    @Test
    void simpleOneForOneRetriesAFailedRestartUntilIntensityIsExceeded() {
        AtomicInteger calls = new AtomicInteger();
        SupervisorRef sup = startWithIntensity4(templateFailingOnCalls(n -> n >= 2, calls));
        Lab.join(sup.startChild("x"));

        lab.crash("x");

        assertThat(lab.awaitTerminated(sup.ref())).isInstanceOf(ExitReason.Shutdown.class);
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(calls).as("the start, then restarts 1 to 4 fail, and the 5th exceeds the intensity")
                .hasValue(5);
        assertThat(lab.events.trace(sup)).filteredOn(e -> e.startsWith("startFailed:")).hasSize(4);
        assertThat(lab.events.trace(sup)).endsWith("intensityExceeded", "escalated", "rootTerminated");
    }

    private SupervisorRef startWithIntensity4(ChildTemplate<String, Worker.Cmd> template) {
        return lab.start(Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .intensity(4, Duration.ofHours(1)).template(template).build());
    }

    /** A template whose factory throws on the calls {@code failing} accepts (1 = the first call). */
    private ChildTemplate<String, Worker.Cmd> templateFailingOnCalls(IntPredicate failing, AtomicInteger calls) {
        return ChildTemplate.of((String arg) -> {
            int n = calls.incrementAndGet();
            if (failing.test(n)) {
                throw new IllegalStateException("factory call " + n + " fails");
            }
            return lab.worker(arg).get();
        });
    }

    @Test
    void exceedingTheIntensityStopsEveryDynamicChild() {
        SupervisorRef sup = start(lab.template());
        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();
        Lab.join(sup.startChild("y"));

        lab.crash("x");
        lab.events.awaitTrace(sup, "restarted:" + x.path().name());
        lab.crash("y");
        lab.awaitLog("start:y", 2);
        lab.crash("x");

        lab.awaitTerminated(sup.ref());
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).contains("intensityExceeded");
        List<String> lifecycle = lab.lifecycle();
        assertThat(lifecycle).hasSize(8); // 2 starts, 2 in-place restarts, then both stopped, in any order
        assertThat(lifecycle.subList(6, 8)).containsExactlyInAnyOrder("stop:x", "stop:y");
    }

    @Test
    void stoppingTheSupervisorStopsAllDynamicChildren() {
        SupervisorRef sup = start(lab.template());
        for (String arg : List.of("x", "y", "z")) {
            Lab.join(sup.startChild(arg));
        }

        lab.kit.system().stop(sup.ref());

        lab.awaitTerminated(sup.ref());
        assertThat(lab.log(e -> e.startsWith("stop:"))).containsExactlyInAnyOrder("stop:x", "stop:y", "stop:z");
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).filteredOn(e -> e.startsWith("terminated:")).hasSize(3);
    }
}

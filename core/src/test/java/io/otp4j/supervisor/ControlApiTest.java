package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.supervisor.SupervisorException.Error;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor API of {@link SupervisorRef}: results and OTP's error names (supervisor_SUITE: child_adm,
 * child_adm_simple, extra_return, count_children, do_not_save_child_specs_for_temporary_children).
 */
@OnEveryDispatcher
class ControlApiTest {

    private final Lab lab;

    ControlApiTest(DispatcherUnderTest on) {
        lab = Lab.realTime(on);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void whichChildrenListsEveryChildInStartOrderWithItsRefAndStatus() {
        SupervisorSpec inner = Supervisor.builder().child(lab.child("x")).build();
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("a")).child(ChildSpec.supervisor("inner", inner)).child(lab.child("b")).build());

        List<ChildInfo> children = Lab.join(sup.whichChildren());

        assertThat(children).extracting(ChildInfo::id).containsExactly("a", "inner", "b");
        assertThat(children).extracting(ChildInfo::status).containsOnly(ChildStatus.RUNNING);
        assertThat(children).extracting(ChildInfo::supervisor).containsExactly(false, true, false);
        assertThat(children).extracting(ChildInfo::restarts).containsOnly(0);
        assertThat(children.get(0).ref()).containsSame(lab.ref("a"));
        assertThat(children.get(2).ref()).containsSame(lab.ref("b"));
        assertThat(children.get(1).ref()).get().extracting(r -> r.path().name()).isEqualTo("inner");
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(3, 3, 1, 2));
    }

    @Test
    void terminatedChildKeepsItsSpecAndCanBeRestartedThenDeleted() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());
        ActorRef<Worker.Cmd> first = lab.ref("a");

        Lab.join(sup.terminateChild("a"));

        assertThat(lab.lifecycle()).containsExactly("start:a", "stop:a");
        assertThat(lab.awaitTerminated(first)).isEqualTo(ExitReason.SHUTDOWN);
        ChildInfo a = Lab.info(sup, "a");
        assertThat(a.status()).isEqualTo(ChildStatus.UNDEFINED);
        assertThat(a.ref()).isEmpty();
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(1, 0, 0, 1));
        Lab.join(sup.terminateChild("a")); // terminating a terminated child is fine, as in OTP
        assertThat(Lab.failure(sup.startChild(lab.child("a"))).error()).isEqualTo(Error.ALREADY_PRESENT);

        ActorRef<?> second = Lab.join(sup.restartChild("a")).orElseThrow();

        assertThat(second).isNotEqualTo(first).isSameAs(lab.ref("a"));
        assertThat(Lab.info(sup, "a").status()).isEqualTo(ChildStatus.RUNNING);
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(1, 1, 0, 1));
        assertThat(Lab.failure(sup.restartChild("a")).error()).isEqualTo(Error.RUNNING);
        assertThat(Lab.failure(sup.deleteChild("a")).error()).isEqualTo(Error.RUNNING);

        Lab.join(sup.terminateChild("a"));
        Lab.join(sup.deleteChild("a"));

        assertThat(Lab.failure(sup.restartChild("a")).error()).isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.join(sup.whichChildren())).isEmpty();
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(0, 0, 0, 0));
        assertThat(Lab.join(sup.startChild(lab.child("a"))).orElseThrow()).isSameAs(lab.ref("a"));
        assertThat(lab.lifecycle()).containsExactly("start:a", "stop:a", "start:a", "stop:a", "start:a");
    }

    @Test
    void terminatedChildIsNotRestartedByTheSupervisor() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).child(lab.child("b")).build());

        Lab.join(sup.terminateChild("a"));

        lab.events.flush();
        assertThat(lab.events.trace(sup)).containsExactly("started:a", "started:b", "terminated:a");
        assertThat(Lab.info(sup, "a").status()).isEqualTo(ChildStatus.UNDEFINED);
    }

    @Test
    void startChildOfARunningIdFailsWithAlreadyStarted() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());

        SupervisorException e = Lab.failure(sup.startChild(lab.child("a")));

        assertThat(e.error()).isEqualTo(Error.ALREADY_STARTED);
        assertThat(lab.worker("a").starts()).isEqualTo(1);
    }

    /** OTP's start_child answers {@code {error, {already_started, Pid}}}: the running child's ref comes with the error. */
    @Test
    void alreadyStartedCarriesTheRunningChildsRef() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());

        SupervisorException e = Lab.failure(sup.startChild(lab.child("a")));

        assertThat(e.error()).isEqualTo(Error.ALREADY_STARTED);
        assertThat(e.childId()).contains("a");
        assertThat(e.child()).containsSame(lab.ref("a"));
    }

    /**
     * OTP's start_child and restart_child answer {@code {error, Reason}} naming why the child did not start: the
     * error names the child and carries the cause, and the exit reason it comes with.
     */
    @Test
    void startFailedCarriesTheChildIdAndTheCause() {
        lab.worker("bad").failingStartOn(n -> true);
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());

        SupervisorException started = Lab.failure(sup.startChild(lab.child("bad")));
        assertThat(started.error()).isEqualTo(Error.START_FAILED);
        assertThat(started.childId()).contains("bad");
        assertThat(started.getCause()).isInstanceOf(Worker.StartFailure.class);
        assertThat(started.exitReason()).contains(ExitReason.failed(started.getCause()));
        assertThat(started.child()).isEmpty();

        Lab.join(sup.terminateChild("a"));
        lab.worker("a").failingStartOn(n -> true);
        SupervisorException restarted = Lab.failure(sup.restartChild("a"));
        assertThat(restarted.error()).isEqualTo(Error.START_FAILED);
        assertThat(restarted.childId()).contains("a");
        assertThat(restarted.exitReason()).get().isInstanceOfSatisfying(ExitReason.Failed.class,
                f -> assertThat(f.cause()).isSameAs(restarted.getCause()).isInstanceOf(Worker.StartFailure.class));
    }

    @Test
    void startChildAddsTheChildAfterTheExistingOnes() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).child(lab.child("b")).build());

        ActorRef<Worker.Cmd> c = Lab.join(sup.startChild(lab.child("c"))).orElseThrow();

        assertThat(c).isSameAs(lab.ref("c"));
        assertThat(Lab.ids(sup)).containsExactly("a", "b", "c");
        lab.kit.system().stop(sup.ref());
        lab.awaitTerminated(sup.ref());
        assertThat(lab.lifecycle()).containsExactly(
                "start:a", "start:b", "start:c", "stop:c", "stop:b", "stop:a");
    }

    @Test
    void startChildThatFailsToStartIsReportedWithItsCauseAndNotKept() {
        lab.worker("bad").failingStartOn(n -> true);
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());

        SupervisorException e = Lab.failure(sup.startChild(lab.child("bad")));

        assertThat(e.error()).isEqualTo(Error.START_FAILED);
        assertThat(e.getCause()).isInstanceOf(Worker.StartFailure.class);
        assertThat(Lab.ids(sup)).containsExactly("a");
        assertThat(Lab.join(sup.startChild(lab.child("ok"))).orElseThrow()).isSameAs(lab.ref("ok"));
    }

    @Test
    void startChildWithASignificantChildUnderAutoShutdownNeverIsAnInvalidSpec() {
        SupervisorRef sup = lab.start(Supervisor.builder().build());

        SupervisorException e = Lab.failure(sup.startChild(
                lab.child("s").withRestart(RestartType.TRANSIENT).withSignificant(true)));

        assertThat(e.error()).isEqualTo(Error.INVALID_SPEC);
        assertThat(e.getMessage()).contains("significant");
        assertThat(lab.worker("s").starts()).isZero();
    }

    @Test
    void requestsForUnknownChildrenFailWithNotFound() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());
        ActorRef<Object> stranger = lab.kit.createTestProbe().ref();

        assertThat(Lab.failure(sup.terminateChild("nope")).error()).isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.failure(sup.restartChild("nope")).error()).isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.failure(sup.deleteChild("nope")).error()).isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.failure(sup.terminateChild(stranger)).error()).isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.info(sup, "a").status()).isEqualTo(ChildStatus.RUNNING);
    }

    /** OTP addresses a static child by its id only: {@code terminate_child(Sup, Pid)} answers {@code not_found}. */
    @Test
    void terminateChildByRefAnswersNotFoundOnAStaticSupervisor() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());

        SupervisorException e = Lab.failure(sup.terminateChild(lab.ref("a")));

        assertThat(e.error()).isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.info(sup, "a").status()).isEqualTo(ChildStatus.RUNNING);
        assertThat(lab.lifecycle()).containsExactly("start:a");
    }

    /**
     * OTP's {@code terminate_child(Sup, Pid)} on simple_one_for_one: a pid that is no child answers
     * {@code not_found} while it lives, {@code ok} once it is dead (a child that already went, say).
     */
    @Test
    void terminateChildOfADeadRefAnswersOkOnSimpleOneForOne() {
        SupervisorRef sup = lab.start(Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .template(lab.template()).build());
        ActorRef<?> x = Lab.join(sup.startChild("x")).orElseThrow();
        ActorRef<Object> stranger = lab.kit.createTestProbe().ref();
        Lab.join(sup.terminateChild(x));

        Lab.join(sup.terminateChild(x)); // already terminated
        assertThat(Lab.failure(sup.terminateChild(stranger)).error()).isEqualTo(Error.NOT_FOUND);
        lab.kit.system().stop(stranger);
        lab.awaitTerminated(stranger);
        Lab.join(sup.terminateChild(stranger));

        assertThat(Lab.join(sup.whichChildren())).isEmpty();
    }

    @Test
    void terminatingATemporaryChildForgetsItsSpec() {
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("t").withRestart(RestartType.TEMPORARY)).build());

        Lab.join(sup.terminateChild("t"));

        assertThat(Lab.join(sup.whichChildren())).isEmpty();
        assertThat(Lab.failure(sup.restartChild("t")).error()).isEqualTo(Error.NOT_FOUND);
        Lab.join(sup.startChild(lab.child("t").withRestart(RestartType.TEMPORARY))); // not ALREADY_PRESENT
    }

    @Test
    void idBasedRequestsDoNotApplyToSimpleOneForOne() {
        SupervisorRef sup = lab.start(Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .template(lab.template()).build());
        Lab.join(sup.startChild("x"));

        assertThat(Lab.failure(sup.terminateChild("x")).error()).isEqualTo(Error.SIMPLE_ONE_FOR_ONE);
        assertThat(Lab.failure(sup.restartChild("x")).error()).isEqualTo(Error.SIMPLE_ONE_FOR_ONE);
        assertThat(Lab.failure(sup.deleteChild("x")).error()).isEqualTo(Error.SIMPLE_ONE_FOR_ONE);
        assertThat(Lab.failure(sup.startChild(lab.child("y"))).error()).isEqualTo(Error.SIMPLE_ONE_FOR_ONE);
        assertThat(Lab.join(sup.whichChildren())).hasSize(1);
    }

    @Test
    void startChildWithAnArgumentNeedsSimpleOneForOne() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());

        assertThat(Lab.failure(sup.startChild("x")).error()).isEqualTo(Error.SIMPLE_ONE_FOR_ONE);
        assertThat(Lab.ids(sup)).containsExactly("a");
    }

    @Test
    void requestToATerminatedSupervisorFailsWithNoSupervisor() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());
        lab.kit.system().stop(sup.ref());
        lab.awaitTerminated(sup.ref());

        assertThat(Lab.failure(sup.whichChildren()).error()).isEqualTo(Error.NO_SUPERVISOR);
    }

    @Test
    void childGivesATypedRefThatSurvivesARestartInPlace() {
        ChildSpec<Worker.Cmd> a = lab.child("a");
        SupervisorRef sup = lab.start(Supervisor.builder().child(a).build());

        ActorRef<Worker.Cmd> ref = Lab.join(sup.child(a)).orElseThrow(); // typed: no cast
        assertThat(ref).isSameAs(lab.ref("a"));
        lab.crash("a");
        lab.awaitLog("start:a", 2);
        assertThat(Lab.join(sup.child(a))).containsSame(ref);

        Lab.join(sup.terminateChild("a"));
        assertThat(Lab.join(sup.child(a))).isEmpty();
    }

    @Test
    void childRefusesASpecItWasNotDeclaredWith() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());

        assertThat(Lab.failure(sup.child(ChildSpec.worker("a", () -> (msg, ctx) -> {}))).error())
                .isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.failure(sup.child(lab.child("missing"))).error()).isEqualTo(Error.NOT_FOUND);
    }

    /**
     * A request that reaches a supervisor as it stops is never handled: it must fail with NO_SUPERVISOR when the
     * supervisor terminates, not wait out the call's 30 s timeout (Lab.failure gives up long before that).
     */
    @Test
    void aRequestQueuedWhileTheSupervisorStopsFailsWithNoSupervisorWhenItTerminates() {
        CountDownLatch gate = lab.gate();
        lab.worker("a").hangingInPostStop(gate);
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());
        lab.kit.system().stop(sup.ref());
        lab.awaitLog("stop:a"); // the supervisor is now waiting for a to stop, and handles no request

        CompletionStage<List<ChildInfo>> request = sup.whichChildren();
        CompletionStage<ChildCounts> another = sup.countChildren();
        gate.countDown();

        assertThat(Lab.failure(request).error()).isEqualTo(Error.NO_SUPERVISOR);
        assertThat(Lab.failure(another).error()).isEqualTo(Error.NO_SUPERVISOR);
        assertThat(Lab.failure(sup.whichChildren()).error()).isEqualTo(Error.NO_SUPERVISOR);
    }
}

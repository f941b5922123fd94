package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.InvalidActorNameException;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starting a tree: children start left to right, each after the previous one started; a child that
 * fails to start makes the supervisor stop the started ones right to left and fail its own start
 * (supervisor_SUITE: sup_start_*, and OTP's start_children/terminate_children).
 */
@OnEveryDispatcher
class SupervisorStartTest {

    private final DispatcherUnderTest on;
    private final Lab lab;

    SupervisorStartTest(DispatcherUnderTest on) {
        this.on = on;
        lab = Lab.realTime(on);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void childrenStartInSpecOrder() {
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("a")).child(lab.child("b")).child(lab.child("c")).build());

        assertThat(lab.lifecycle()).containsExactly("start:a", "start:b", "start:c");
        lab.events.awaitTrace(sup, "started:c");
        assertThat(lab.events.trace(sup)).containsExactly("started:a", "started:b", "started:c");
        assertThat(Lab.ids(sup)).containsExactly("a", "b", "c");
    }

    @Test
    void startReturnsOnlyAfterAllChildrenOfTheWholeTreeStarted() {
        SupervisorSpec inner = Supervisor.builder().child(lab.child("x")).child(lab.child("y")).build();
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("a")).child(ChildSpec.supervisor("inner", inner)).child(lab.child("b")).build());

        // no waiting: Supervisor.start itself waits, and the inner children start before b
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:x", "start:y", "start:b");
        assertThat(Lab.ids(Lab.childSupervisor(sup, "inner"))).containsExactly("x", "y");
    }

    @Test
    void failedChildStartStopsTheStartedChildrenInReverseOrderAndFailsTheSupervisorStart() {
        lab.worker("c").failingStartOn(n -> true);
        SupervisorSpec spec = Supervisor.builder()
                .child(lab.child("a")).child(lab.child("b")).child(lab.child("c")).child(lab.child("d")).build();

        SupervisorException e = catchThrowableOfType(SupervisorException.class, () -> lab.start(spec));

        assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);
        assertThat(e.getCause()).isInstanceOf(Worker.StartFailure.class).hasMessageContaining("of c");
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:b", "startfail:c", "stop:b", "stop:a");
        assertThat(lab.worker("d").starts()).as("d is never started").isZero();
        List<SupervisorEvent> events = awaitEvents(5);
        assertThat(events.stream().map(EventRecorder::brief))
                .containsExactly("started:a", "started:b", "startFailed:c", "terminated:b", "terminated:a");
        assertThat(events.get(2)).isInstanceOfSatisfying(SupervisorEvent.ChildStartFailed.class,
                f -> assertThat(f.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                        r -> assertThat(r.cause()).isSameAs(e.getCause())));
    }

    /**
     * OTP's start_link answers {@code {error, {shutdown, {failed_to_start_child, Id, Reason}}}}: the error names
     * the child that failed and carries why, down a tree of supervisors.
     */
    @Test
    void startFailedNamesTheChildThatFailedToStartAndWhy() {
        lab.worker("y").failingStartOn(n -> true);
        SupervisorSpec inner = Supervisor.builder().child(lab.child("x")).child(lab.child("y")).build();
        SupervisorSpec spec = Supervisor.builder().child(lab.child("a")).child(ChildSpec.supervisor("inner", inner))
                .build();

        SupervisorException e = catchThrowableOfType(SupervisorException.class, () -> lab.start(spec));

        assertThat(e.childId()).contains("inner");
        assertThat(e.exitReason()).contains(ExitReason.failed(e.getCause()));
        assertThat(e.getCause()).isInstanceOfSatisfying(SupervisorException.class, innerFailure -> {
            assertThat(innerFailure.childId()).contains("y");
            assertThat(innerFailure.exitReason()).contains(ExitReason.failed(innerFailure.getCause()));
            assertThat(innerFailure.getCause()).isInstanceOf(Worker.StartFailure.class);
        });
    }

    @Test
    void failedStartInAChildSupervisorFailsTheWholeTreeStartWithTheCause() {
        lab.worker("y").failingStartOn(n -> true);
        SupervisorSpec inner = Supervisor.builder().child(lab.child("x")).child(lab.child("y")).build();
        SupervisorSpec spec = Supervisor.builder()
                .child(lab.child("a")).child(ChildSpec.supervisor("inner", inner)).child(lab.child("b")).build();

        SupervisorException e = catchThrowableOfType(SupervisorException.class, () -> lab.start(spec));

        assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);
        assertThat(e.getCause()).isInstanceOfSatisfying(SupervisorException.class, inner1 -> {
            assertThat(inner1.error()).isEqualTo(SupervisorException.Error.START_FAILED);
            assertThat(inner1.getCause()).isInstanceOf(Worker.StartFailure.class).hasMessageContaining("of y");
        });
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:x", "startfail:y", "stop:x", "stop:a");
        assertThat(lab.worker("b").starts()).isZero();
    }

    private List<SupervisorEvent> awaitEvents(int n) {
        await().atMost(Lab.WAIT).until(() -> lab.events.all().size() >= n);
        return lab.events.all();
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingStarts() {
        ActorSystem system = lab.kit.system();
        SupervisorSpec spec = Supervisor.builder().child(lab.child("a")).build();

        assertThatThrownBy(() -> Supervisor.start(system, "sup", spec, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Supervisor.start(system, "sup", spec, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Supervisor.start(system, "sup", spec, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Supervisor.start(system, null, spec))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> Supervisor.start(system, "a/b", spec))
                .isInstanceOf(InvalidActorNameException.class).hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> Supervisor.start((ActorSystem) null, "sup", spec))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("system");
        assertThatThrownBy(() -> Supervisor.start(system, "sup", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("spec");

        // nothing was left running under the name: it starts now, and its child starts once
        lab.start(spec);
        assertThat(lab.worker("a").starts()).isEqualTo(1);
    }

    /**
     * The start timeout runs on the system's scheduler, here a manual one: it elapses exactly when the test
     * moves the clock, while b is known to be inside its preStart.
     */
    @Test
    void aStartThatTimesOutStopsTheHalfStartedTreeAndReleasesTheNameBeforeItThrows() throws Exception {
        try (Lab timed = Lab.manualTime(on)) {
            CountDownLatch gate = timed.gate();
            timed.worker("b").hangingInPreStart(gate);
            SupervisorSpec spec = Supervisor.builder()
                    .child(timed.child("a")).child(timed.child("b")).child(timed.child("c")).build();
            CompletableFuture<SupervisorRef> starting = CompletableFuture.supplyAsync(
                    () -> Supervisor.start(timed.kit.system(), "sup", spec, Duration.ofSeconds(5)));
            await().atMost(Lab.WAIT).until(() -> timed.worker("b").starts() == 1);

            timed.time().advance(Duration.ofSeconds(5));

            Throwable thrown = catchThrowableOfType(ExecutionException.class,
                    () -> starting.get(Lab.WAIT.toMillis(), TimeUnit.MILLISECONDS)).getCause();
            assertThat(thrown).isInstanceOfSatisfying(SupervisorException.class, e -> {
                assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);
                assertThat(e).hasMessageContaining("did not start within PT5S");
            });
            // the name is free at once, although b is still inside its preStart
            SupervisorRef again = timed.start(Supervisor.builder().child(timed.child("d")).build());
            assertThat(Lab.ids(again)).containsExactly("d");

            gate.countDown();
            timed.awaitLog("stop:a");
            // b stopped as soon as its preStart returned, then a; c was never started
            assertThat(timed.lifecycle()).containsExactly("start:a", "start:d", "start:b", "stop:b", "stop:a");
            assertThat(timed.worker("c").starts()).isZero();
        }
    }

    @Test
    void aFailedStartReleasesTheNameBeforeItThrows() {
        lab.worker("b").failingStartOn(n -> n == 1);
        SupervisorSpec spec = Supervisor.builder().child(lab.child("a")).child(lab.child("b")).build();

        SupervisorException e = catchThrowableOfType(SupervisorException.class, () -> lab.start(spec));
        assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);

        SupervisorRef again = lab.start(spec); // at once: no waiting for the failed one to go
        assertThat(Lab.ids(again)).containsExactly("a", "b");
    }
}

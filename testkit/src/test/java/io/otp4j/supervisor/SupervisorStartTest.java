package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ExitReason;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starting a tree: children start left to right, each after the previous one started; a child that
 * fails to start makes the supervisor stop the started ones right to left and fail its own start
 * (supervisor_SUITE: sup_start_*, and OTP's start_children/terminate_children).
 */
class SupervisorStartTest {

    private final Lab lab = Lab.realTime();

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
}

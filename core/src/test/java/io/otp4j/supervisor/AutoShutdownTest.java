package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Significant children and {@link AutoShutdown} (OTP 24's auto_shutdown): a supervisor stops itself with
 * shutdown when any, or the last, significant child exits on its own and is not restarted. Exits the
 * supervisor caused itself (terminateChild) never trigger it.
 */
@OnEveryDispatcher
class AutoShutdownTest {

    private final Lab lab;

    AutoShutdownTest(DispatcherUnderTest on) {
        lab = Lab.realTime(on);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private ChildSpec<Worker.Cmd> significant(String id, RestartType type) {
        return lab.child(id).withRestart(type).withSignificant(true);
    }

    @Test
    void anySignificantStopsTheSupervisorWhenASignificantChildExitsNormally() {
        SupervisorRef sup = lab.start(Supervisor.builder().autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(lab.child("a")).child(significant("s", RestartType.TRANSIENT)).child(lab.child("b")).build());

        lab.exit("s", Lab.ExitKind.NORMAL);

        assertThat(lab.awaitTerminated(sup.ref())).isEqualTo(ExitReason.SHUTDOWN);
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).containsSubsequence(
                "exited:s", "autoShutdown:s", "terminated:b", "terminated:a", "rootTerminated");
        assertThat(lab.events.awaitEvent(SupervisorEvent.RootTerminated.class, e -> true).reason())
                .isEqualTo(ExitReason.SHUTDOWN);
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:s", "start:b", "stop:s", "stop:b", "stop:a");
    }

    @Test
    void significantTransientChildThatCrashesIsRestartedAndTheSupervisorStays() {
        SupervisorRef sup = lab.start(Supervisor.builder().autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(significant("s", RestartType.TRANSIENT)).build());

        lab.crash("s");

        lab.events.awaitTrace(sup, "restarted:s");
        lab.events.flush();
        assertThat(lab.events.trace(sup)).doesNotContain("autoShutdown:s");
        assertThat(Lab.info(sup, "s").status()).isEqualTo(ChildStatus.RUNNING);
    }

    @Test
    void anySignificantStopsTheSupervisorWhenATemporarySignificantChildCrashes() {
        SupervisorRef sup = lab.start(Supervisor.builder().autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(lab.child("a")).child(significant("s", RestartType.TEMPORARY)).build());

        lab.crash("s");

        lab.awaitTerminated(sup.ref());
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).containsSubsequence("exited:s", "autoShutdown:s", "terminated:a");
    }

    @Test
    void allSignificantStopsTheSupervisorOnlyWhenTheLastSignificantChildHasExited() {
        SupervisorRef sup = lab.start(Supervisor.builder().autoShutdown(AutoShutdown.ALL_SIGNIFICANT)
                .child(significant("s1", RestartType.TRANSIENT))
                .child(significant("s2", RestartType.TEMPORARY))
                .child(lab.child("a")).build());

        lab.exit("s1", Lab.ExitKind.SHUTDOWN);
        lab.events.awaitTrace(sup, "exited:s1");

        assertThat(Lab.ids(sup)).containsExactly("s1", "s2", "a"); // still running: s2 is left
        lab.events.flush();
        assertThat(lab.events.trace(sup)).doesNotContain("autoShutdown:s1");

        lab.exit("s2", Lab.ExitKind.NORMAL);

        lab.awaitTerminated(sup.ref());
        lab.events.awaitTrace(sup, "rootTerminated");
        assertThat(lab.events.trace(sup)).containsSubsequence("exited:s2", "autoShutdown:s2", "terminated:a");
    }

    @Test
    void terminatingASignificantChildThroughTheApiDoesNotStopTheSupervisor() {
        SupervisorRef sup = lab.start(Supervisor.builder().autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(significant("s", RestartType.TRANSIENT)).child(lab.child("a")).build());

        Lab.join(sup.terminateChild("s"));

        assertThat(Lab.info(sup, "a").status()).isEqualTo(ChildStatus.RUNNING);
        lab.events.flush();
        assertThat(lab.events.trace(sup)).doesNotContain("autoShutdown:s");
    }

    @Test
    void childSupervisorThatShutsItselfDownIsNotRestartedWhenTransient() {
        SupervisorSpec job = Supervisor.builder().autoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .child(significant("s", RestartType.TRANSIENT)).child(lab.child("w")).build();
        SupervisorRef root = lab.start(Supervisor.builder().intensity(0, Duration.ofHours(1))
                .child(ChildSpec.supervisor("job", job).withRestart(RestartType.TRANSIENT))
                .child(lab.child("a")).build());

        lab.exit("s", Lab.ExitKind.NORMAL);

        lab.events.awaitTrace(root, "exited:job");
        ChildInfo info = Lab.info(root, "job");
        assertThat(info.status()).isEqualTo(ChildStatus.UNDEFINED);
        assertThat(Lab.info(root, "a").status()).isEqualTo(ChildStatus.RUNNING);
        assertThat(lab.lifecycle()).containsExactly("start:s", "start:w", "start:a", "stop:s", "stop:w");
    }
}

package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restart type x exit reason (supervisor_SUITE: permanent_normal ... temporary_abnormal): permanent
 * children are always restarted, transient ones only after an abnormal exit (not after normal,
 * shutdown or shutdown with detail), temporary ones never, and their spec is then forgotten.
 */
@OnEveryDispatcher
class RestartTypeMatrixTest {

    private final Lab lab;

    RestartTypeMatrixTest(DispatcherUnderTest on) {
        lab = Lab.realTime(on);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (RestartType type : RestartType.values()) {
            for (Lab.ExitKind exit : Lab.ExitKind.values()) {
                boolean restarted = switch (type) {
                    case PERMANENT -> true;
                    case TRANSIENT -> exit.abnormal();
                    case TEMPORARY -> false;
                };
                cases.add(Arguments.of(type, exit, restarted));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} child, {1} exit: restarted = {2}")
    @MethodSource("matrix")
    void childIsRestartedAsItsRestartTypeSays(RestartType type, Lab.ExitKind exit, boolean restarted) {
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(5, Duration.ofHours(1))
                .child(lab.child("a").withRestart(type)).child(lab.child("b")).build());
        ActorRef<Worker.Cmd> first = lab.ref("a");

        ExitReason reason = lab.exit("a", exit);

        SupervisorEvent.ChildExited exited = lab.events.awaitEvent(SupervisorEvent.ChildExited.class, e -> true);
        assertThat(exited.childId()).isEqualTo("a");
        assertThat(exited.reason()).isEqualTo(reason);
        List<ChildInfo> children = Lab.join(sup.whichChildren()); // answered once the exit is handled
        ChildCounts counts = Lab.join(sup.countChildren());
        assertThat(lab.count("start:b")).as("the sibling is untouched").isEqualTo(1);
        if (restarted) {
            assertThat(lab.count("start:a")).isEqualTo(2);
            assertThat(children).first().satisfies(a -> {
                assertThat(a.id()).isEqualTo("a");
                assertThat(a.status()).isEqualTo(ChildStatus.RUNNING);
                assertThat(a.restarts()).isEqualTo(1);
                assertThat(a.ref()).isPresent();
            });
            if (exit == Lab.ExitKind.CRASH) {
                assertThat(children.get(0).ref()).as("a crash restarts in place").contains(first);
            }
            assertThat(counts).isEqualTo(new ChildCounts(2, 2, 0, 2));
        } else if (type == RestartType.TEMPORARY) {
            assertThat(lab.count("start:a")).isEqualTo(1);
            assertThat(children).extracting(ChildInfo::id).containsExactly("b");
            assertThat(counts).isEqualTo(new ChildCounts(1, 1, 0, 1));
        } else {
            assertThat(lab.count("start:a")).isEqualTo(1);
            assertThat(children).first().satisfies(a -> {
                assertThat(a.id()).isEqualTo("a");
                assertThat(a.status()).isEqualTo(ChildStatus.UNDEFINED);
                assertThat(a.ref()).isEqualTo(Optional.empty());
            });
            assertThat(counts).isEqualTo(new ChildCounts(2, 1, 0, 2));
        }
    }

    @Test
    void exitsThatAreNotRestartedDoNotCountTowardsTheIntensity() {
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(0, Duration.ofHours(1))
                .child(lab.child("t").withRestart(RestartType.TRANSIENT))
                .child(lab.child("tmp").withRestart(RestartType.TEMPORARY))
                .child(lab.child("a"))
                .build());

        lab.exit("t", Lab.ExitKind.NORMAL);
        lab.exit("tmp", Lab.ExitKind.CRASH);

        lab.events.awaitTrace(sup, "exited:t");
        lab.events.awaitTrace(sup, "exited:tmp");
        assertThat(Lab.ids(sup)).containsExactly("t", "a");
        lab.events.flush();
        assertThat(lab.events.trace(sup)).doesNotContain("intensityExceeded");
    }

    @Test
    void permanentChildThatExitsNormallyIsStartedAfreshWithANewRef() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());
        ActorRef<Worker.Cmd> first = lab.ref("a");

        lab.exit("a", Lab.ExitKind.NORMAL);

        lab.events.awaitTrace(sup, "restarted:a");
        assertThat(Lab.refOf(sup, "a")).isPresent().get().isNotSameAs(first).isSameAs(lab.ref("a"));
        assertThat(lab.lifecycle()).containsExactly("start:a", "stop:a", "start:a");
    }
}

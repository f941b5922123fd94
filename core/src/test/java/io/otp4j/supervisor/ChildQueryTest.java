package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.supervisor.SupervisorException.Error;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Asking a supervisor about one child: {@code get_childspec} (supervisor_SUITE: sup_start_map) and
 * {@code which_child} (OTP 28), addressed by id, or by ref under SIMPLE_ONE_FOR_ONE only, as OTP addresses
 * static children by id and dynamic ones by pid; and a child's ref by id.
 */
class ChildQueryTest {

    private final Lab lab = Lab.realTime();

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void childSpecGivesTheSpecAChildWasDeclaredOrStartedWith() {
        ChildSpec<Worker.Cmd> a = lab.child("a").withShutdown(ChildShutdown.brutalKill());
        SupervisorSpec inner = Supervisor.builder().build();
        ChildSpec<SupervisorCommand> sub = ChildSpec.supervisor("sub", inner);
        SupervisorRef sup = lab.start(Supervisor.builder().child(a).child(sub).build());
        ChildSpec<Worker.Cmd> b = lab.child("b").withRestart(RestartType.TRANSIENT);
        Lab.join(sup.startChild(b));

        assertThat(Lab.join(sup.childSpec("a"))).isSameAs(a);
        assertThat(Lab.join(sup.childSpec("sub"))).isSameAs(sub)
                .satisfies(s -> assertThat(s.shutdown()).isEqualTo(ChildShutdown.infinity()));
        assertThat(Lab.join(sup.childSpec("b"))).isSameAs(b);
        Lab.join(sup.terminateChild("a"));
        assertThat(Lab.join(sup.childSpec("a"))).as("kept while terminated").isSameAs(a);
        assertThat(Lab.failure(sup.childSpec("c")).error()).isEqualTo(Error.NOT_FOUND);
    }

    @Test
    void whichChildGivesOneChildsIdRefStatusAndType() {
        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("a")).child(ChildSpec.supervisor("sub", Supervisor.builder().build())).build());

        assertThat(Lab.join(sup.whichChild("a")))
                .isEqualTo(new ChildInfo("a", Optional.of(lab.ref("a")), ChildStatus.RUNNING, false, 0))
                .isEqualTo(Lab.info(sup, "a"));
        assertThat(Lab.join(sup.whichChild("sub")).supervisor()).isTrue();

        Lab.join(sup.terminateChild("a"));

        assertThat(Lab.join(sup.whichChild("a")))
                .isEqualTo(new ChildInfo("a", Optional.empty(), ChildStatus.UNDEFINED, false, 0));
        assertThat(Lab.failure(sup.whichChild("nope")).error()).isEqualTo(Error.NOT_FOUND);
    }

    @Test
    void staticChildrenAreFoundByIdOnlyAndDynamicChildrenByRefOnly() {
        SupervisorRef stat = lab.start(Supervisor.builder().child(lab.child("a")).build());
        SupervisorRef dyn = Supervisor.start(lab.kit.system(), "dyn",
                Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE).template(lab.template()).build());
        ActorRef<?> x = Lab.join(dyn.startChild("x")).orElseThrow();
        ActorRef<Object> stranger = lab.kit.createTestProbe().ref();

        assertThat(Lab.failure(stat.whichChild(lab.ref("a"))).error()).isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.join(dyn.whichChild(x)))
                .isEqualTo(new ChildInfo(x.path().name(), Optional.of(x), ChildStatus.RUNNING, false, 0));
        assertThat(Lab.failure(dyn.whichChild(stranger)).error()).isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.failure(dyn.whichChild(x.path().name())).error()).isEqualTo(Error.SIMPLE_ONE_FOR_ONE);
        assertThat(Lab.failure(dyn.childSpec(x.path().name())).error()).isEqualTo(Error.SIMPLE_ONE_FOR_ONE);
        assertThat(Lab.failure(dyn.child(x.path().name())).error()).isEqualTo(Error.SIMPLE_ONE_FOR_ONE);
    }

    /** As the other id-based errors, NOT_FOUND for an unknown id names it as data. */
    @Test
    void notFoundByIdNamesTheIdAsData() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());

        for (SupervisorException e : List.of(Lab.failure(sup.whichChild("nope")), Lab.failure(sup.childSpec("nope")),
                Lab.failure(sup.child("nope")))) {
            assertThat(e.error()).isEqualTo(Error.NOT_FOUND);
            assertThat(e.childId()).contains("nope");
        }
    }

    @Test
    void childByIdGivesTheCurrentRefWithoutTheSpecObject() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());

        // a spec rebuilt elsewhere is not equal (its factory differs), so child(spec) cannot find it; the id can
        assertThat(Lab.failure(sup.child(ChildSpec.worker("a", () -> (msg, ctx) -> { }))).error())
                .isEqualTo(Error.NOT_FOUND);
        assertThat(Lab.join(sup.child("a"))).containsSame(lab.ref("a"));

        Lab.join(sup.terminateChild("a"));

        assertThat(Lab.join(sup.child("a"))).isEmpty();
        assertThat(Lab.failure(sup.child("nope")).error()).isEqualTo(Error.NOT_FOUND);
    }
}

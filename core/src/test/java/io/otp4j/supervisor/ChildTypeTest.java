package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorRef;
import io.otp4j.mailbox.MailboxConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A child's type (worker or supervisor) and significance, on child specs and on the SIMPLE_ONE_FOR_ONE
 * template alike, as OTP's child spec carries {@code type} and {@code significant} wherever it is used
 * (supervisor_SUITE: count_children, sup_start_map's defaults); and the builders that set them.
 */
class ChildTypeTest {

    private final Lab lab = Lab.realTime();

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void templateOfSupervisorsStartsChildSupervisorsListedAndCountedAsSupervisors() {
        ChildTemplate<String, SupervisorCommand> trees =
                ChildTemplate.supervisor((String id) -> Supervisor.builder().child(lab.child(id)).build());
        SupervisorRef sup = lab.start(Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .template(trees).build());

        ActorRef<SupervisorCommand> x = Lab.join(sup.startChild(trees, "x")).orElseThrow();
        Lab.join(sup.startChild(trees, "y"));

        assertThat(trees.supervisor()).isTrue();
        assertThat(trees.shutdown()).isEqualTo(ChildShutdown.infinity());
        assertThat(lab.lifecycle()).as("each tree started before its startChild answered")
                .containsExactly("start:x", "start:y");
        assertThat(Lab.join(sup.whichChildren())).extracting(ChildInfo::supervisor).containsExactly(true, true);
        // OTP's count_children of a simple_one_for_one supervisor of supervisors: [1, N, N, 0]
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(1, 2, 2, 0));
        assertThat(Lab.ids(Lab.join(sup.childSupervisor(x)).orElseThrow())).containsExactly("x");
        assertThat(ChildTemplate.of((String id) -> lab.worker(id).get()).supervisor()).isFalse();
    }

    @Test
    void significantTemplateIsCheckedAsASignificantChildSpecIs() {
        ChildTemplate<String, Worker.Cmd> significant =
                lab.template().withRestart(RestartType.TRANSIENT).withSignificant(true);

        assertThat(significant.significant()).isTrue();
        assertThat(lab.template().significant()).isFalse();
        // SIMPLE_ONE_FOR_ONE takes auto shutdown NEVER only, so OTP refuses a significant simple_one_for_one
        // child spec: {bad_combination, [{auto_shutdown, never}, {significant, true}]}
        assertThatThrownBy(() -> Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE).template(significant).build())
                .isInstanceOfSatisfying(InvalidSupervisorSpecException.class, e -> {
                    assertThat(e.rule()).isEqualTo(InvalidSupervisorSpecException.Rule.SIGNIFICANT_NEEDS_AUTO_SHUTDOWN);
                    assertThat(e.field()).isEqualTo("significant");
                    assertThat(e.childId()).isEmpty();
                })
                .hasMessageContaining("significant").hasMessageContaining("NEVER");
        // and the auto shutdown it would need is refused first, as OTP checks the flags before the child spec
        assertThatThrownBy(() -> Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE)
                .autoShutdown(AutoShutdown.ANY_SIGNIFICANT).template(significant).build())
                .isInstanceOfSatisfying(InvalidSupervisorSpecException.class, e -> assertThat(e.rule())
                        .isEqualTo(InvalidSupervisorSpecException.Rule.AUTO_SHUTDOWN_NEVER_FOR_SIMPLE_ONE_FOR_ONE));
    }

    @Test
    void supervisorChildWithASpecComputedAtEachStartIsTypedSupervisorAndStartsItsTreeInOrder() {
        SupervisorSpec inner = Supervisor.builder().child(lab.child("x")).child(lab.child("y")).build();
        ChildSpec<SupervisorCommand> sub = ChildSpec.supervisorFrom("sub", () -> inner);

        SupervisorRef sup = lab.start(Supervisor.builder()
                .child(lab.child("a")).child(sub).child(lab.child("b")).build());

        assertThat(sub.supervisor()).isTrue();
        assertThat(sub.shutdown()).isEqualTo(ChildShutdown.infinity());
        assertThat(sub.restart()).isEqualTo(RestartType.PERMANENT);
        assertThat(sub.props()).isEqualTo(ChildSpec.supervisor("other", inner).props());
        assertThat(sub.props().mailbox()).contains(MailboxConfig.unbounded());
        assertThat(lab.lifecycle()).containsExactly("start:a", "start:x", "start:y", "start:b");
        assertThat(Lab.info(sup, "sub").supervisor()).isTrue();
        assertThat(Lab.join(sup.countChildren())).isEqualTo(new ChildCounts(3, 3, 1, 2));
        lab.kit.system().stop(sup.ref());
        lab.awaitTerminated(sup.ref());
        assertThat(lab.lifecycle().subList(4, 8)).containsExactly("stop:b", "stop:y", "stop:x", "stop:a");
    }

    @Test
    void intensityAndPeriodCanBeSetSeparately() {
        SupervisorSpec intensityOnly = Supervisor.builder().intensity(3).build();
        SupervisorSpec periodOnly = Supervisor.builder().period(Duration.ofMinutes(1)).build();

        assertThat(List.of(intensityOnly.maxRestarts(), periodOnly.maxRestarts()))
                .containsExactly(3, SupervisorSpec.DEFAULT_MAX_RESTARTS);
        assertThat(List.of(intensityOnly.period(), periodOnly.period()))
                .containsExactly(SupervisorSpec.DEFAULT_PERIOD, Duration.ofMinutes(1));
        assertThat(Supervisor.builder().period(Duration.ofMinutes(1)).intensity(3).build())
                .isEqualTo(Supervisor.builder().intensity(3, Duration.ofMinutes(1)).build());
        assertThatThrownBy(() -> Supervisor.builder().intensity(-1).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageContaining("maxRestarts");
        assertThatThrownBy(() -> Supervisor.builder().period(Duration.ZERO).build())
                .isInstanceOf(InvalidSupervisorSpecException.class).hasMessageContaining("period");
        assertThatThrownBy(() -> Supervisor.builder().period(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("period");
    }
}

package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the supervision API does not let a caller express: a child spec or template whose supervisor type
 * contradicts its factory, a child supervisor on props it cannot run with, a {@link SupervisorRef} around a
 * ref that is not a supervisor, and nulls, each refused at the call with a typed error.
 */
class SupervisionApiGuardsTest {

    private static final Props ON_VIRTUAL_THREADS = Props.defaults().withDispatcher(Dispatcher.virtualThreads());

    private final Lab lab = Lab.realTime();

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void specsAndHandlesHaveNoPublicConstructorToContradictTheirFactories() {
        for (Class<?> type : new Class<?>[] {ChildSpec.class, ChildTemplate.class, SupervisorRef.class,
                SupervisorSpec.class}) {
            assertThat(type.isRecord()).as("%s is a record, whose canonical constructor is public", type).isFalse();
            assertThat(type.getConstructors()).as("public constructors of %s", type).isEmpty();
        }
    }

    @Test
    void aChildIsASupervisorExactlyWhenItsFactoryMethodSaysSo() {
        SupervisorSpec tree = Supervisor.builder().build();

        assertThat(ChildSpec.worker("w", lab.worker("w")).supervisor()).isFalse();
        assertThat(ChildSpec.service("s", () -> null).supervisor()).isFalse();
        assertThat(ChildSpec.supervisor("t", tree).supervisor()).isTrue();
        assertThat(ChildSpec.supervisorFrom("f", () -> tree).supervisor()).isTrue();
        assertThat(ChildSpec.supervisingActor("a", lab.worker("a")).supervisor()).isTrue();
        // no with method changes the type
        assertThat(ChildSpec.supervisor("t", tree).withRestart(RestartType.TEMPORARY).withSignificant(true)
                .withKeepMailbox(false).supervisor()).isTrue();
        assertThat(ChildTemplate.supervisor((String id) -> tree).supervisor()).isTrue();
        assertThat(ChildTemplate.of((String id) -> lab.worker(id).get()).supervisor()).isFalse();
    }

    @Test
    void aChildSupervisorKeepsThePropsSupervisorsRunWith() {
        SupervisorSpec tree = Supervisor.builder().build();

        assertThatThrownBy(() -> ChildSpec.supervisor("t", tree).withProps(ON_VIRTUAL_THREADS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'t' is a supervisor").hasMessageContaining("supervision dispatcher");
        assertThatThrownBy(() -> ChildSpec.supervisorFrom("f", () -> tree)
                .withProps(Props.defaults().withMailbox(MailboxConfig.bounded(1, Overflow.DROP))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChildTemplate.supervisor((String id) -> tree).withProps(ON_VIRTUAL_THREADS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supervision dispatcher");
        // an actor of the user's that supervises runs where its owner says
        assertThat(ChildSpec.supervisingActor("a", lab.worker("a")).withProps(ON_VIRTUAL_THREADS).props())
                .isEqualTo(ON_VIRTUAL_THREADS);
    }

    @Test
    void aHandleOnAChildSupervisorComesFromItsParentOnlyForASupervisorBuiltFromASpec() {
        SupervisorRef root = lab.start(Supervisor.builder()
                .child(lab.child("worker"))
                .child(ChildSpec.supervisor("tree", Supervisor.builder().child(lab.child("leaf")).build()))
                .child(ChildSpec.supervisingActor("own", lab.worker("own")))
                .build());

        SupervisorRef tree = Lab.join(root.childSupervisor("tree")).orElseThrow();
        assertThat(Lab.ids(tree)).containsExactly("leaf");
        assertThat(tree.timeout()).isEqualTo(root.timeout());
        for (String notATree : new String[] {"worker", "own", "missing"}) {
            assertThatThrownBy(() -> root.childSupervisor(notATree).toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(SupervisorException.class, e -> {
                        assertThat(e.error()).isEqualTo(SupervisorException.Error.NOT_FOUND);
                        assertThat(e.childId()).contains(notATree);
                    });
        }
    }

    @Test
    void nullsAreRefusedAtTheCallNamingTheArgument() {
        ChildSpec<Worker.Cmd> spec = lab.child("w");

        assertThatThrownBy(() -> ChildSpec.worker("w", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("factory");
        assertThatThrownBy(() -> ChildSpec.supervisorFrom("f", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("specs");
        assertThatThrownBy(() -> spec.withProps(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("props");
        assertThatThrownBy(() -> spec.withRestart(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("restart");
        assertThatThrownBy(() -> spec.withBackoff(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("backoff");
        assertThatThrownBy(() -> ChildTemplate.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("factory");
        assertThatThrownBy(() -> Supervisor.behavior(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("spec");
        SupervisorRef sup = lab.start(Supervisor.builder().build());
        assertThatThrownBy(() -> sup.childSupervisor((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("id");
        assertThatThrownBy(() -> sup.childSupervisor((ActorRef<SupervisorCommand>) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("child");
    }
}

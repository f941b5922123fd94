package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exit signals reaching a supervisor, and exit reasons reaching it from its children, checked against
 * {@code supervisor.erl}: a supervisor traps exits and acts only on its parent's exit signal (gen_server
 * ends with the parent's reason) and its children's exits; an exit from anyone else is ignored
 * ({@code restart_child/3} finds no child and returns {@code {ok, State}}). A transient child is restarted
 * after any reason but {@code normal}, {@code shutdown} and {@code {shutdown, Term}}.
 */
class SupervisorExitSignalTest {

    /** An application's own exit reason, as Erlang's {@code {out_of_stock, Sku}}. */
    record OutOfStock(String sku) {}

    /** What a stranger, or a supervisor's parent, is told to do. */
    sealed interface Cmd permits LinkTo, ExitTo {}

    record LinkTo(ActorRef<?> target) implements Cmd {}

    record ExitTo(ActorRef<?> target, ExitReason reason) implements Cmd {}

    /** Carries out a command and then says so. */
    static final class Stranger implements Actor<Cmd> {
        private final ActorRef<Object> done;

        Stranger(ActorRef<Object> done) {
            this.done = done;
        }

        @Override
        public void receive(Cmd msg, ActorContext<Cmd> ctx) {
            switch (msg) {
                case LinkTo(var target) -> ctx.link(target);
                case ExitTo(var target, var reason) -> ctx.exit(target, reason);
            }
            done.tell(msg);
        }
    }

    /** The parent of a supervisor it starts as its child, and tells it exit signals on command. */
    static final class Parent implements Actor<Cmd> {
        private final SupervisorSpec spec;
        private final ActorRef<Object> report;

        Parent(SupervisorSpec spec, ActorRef<Object> report) {
            this.spec = spec;
            this.report = report;
        }

        @Override
        public void preStart(ActorContext<Cmd> ctx) {
            report.tell(ctx.spawn("sup", Supervisor.behavior(spec)));
        }

        @Override
        public void receive(Cmd msg, ActorContext<Cmd> ctx) {
            switch (msg) {
                case LinkTo(var target) -> ctx.link(target);
                case ExitTo(var target, var reason) -> ctx.exit(target, reason);
            }
            report.tell(msg);
        }
    }

    private final Lab lab = Lab.realTime();
    private final TestProbe<Object> done = lab.kit.createTestProbe();
    private final ExitReason outOfStock = new ExitReason.Custom(new OutOfStock("sku-42"));

    @AfterEach
    void close() {
        lab.close();
    }

    private ActorRef<Cmd> stranger(String name) {
        return lab.kit.spawn(name, () -> new Stranger(done.ref()));
    }

    private void command(ActorRef<Cmd> actor, Cmd command) {
        actor.tell(command);
        done.expectMessage(command);
    }

    private static void expectAlive(SupervisorRef sup) {
        // a control request is a message: the supervisor's system channel, where exit signals travel,
        // is drained before it
        assertThat(Lab.ids(sup)).containsExactly("a");
    }

    /** supervisor.erl: an {@code 'EXIT'} from a linked process that is not a child is ignored. */
    @Test
    void supervisorIgnoresTheAbnormalExitOfALinkedActorThatIsNeitherItsParentNorAChild() throws Exception {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());
        ActorRef<Cmd> stranger = stranger("stranger");
        command(stranger, new LinkTo(sup.ref()));

        // shutdown is abnormal for a link; the stage completes once the stranger's links have been told
        assertThat(lab.kit.system().stop(stranger).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(ExitReason.SHUTDOWN);

        expectAlive(sup);
        assertThat(lab.count("start:a")).as("the child is untouched").isEqualTo(1);
    }

    /** Erlang: {@code exit(Sup, Reason)} from a process that is not its parent does not stop a supervisor. */
    @Test
    void supervisorIgnoresAnExitSignalFromAnActorThatIsNotItsParent() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());
        ActorRef<Cmd> stranger = stranger("stranger");

        command(stranger, new ExitTo(sup.ref(), outOfStock));
        command(stranger, new ExitTo(sup.ref(), ExitReason.SHUTDOWN));

        expectAlive(sup);
        assertThat(lab.count("stop:a")).isZero();
    }

    /** gen_server: {@code {'EXIT', Parent, Reason}} ends the server with the parent's reason. */
    @Test
    void supervisorExitsWithTheReasonOfItsParentsExitSignal() {
        TestProbe<Object> report = lab.kit.createTestProbe();
        SupervisorSpec spec = Supervisor.builder().child(lab.child("a")).build();
        ActorRef<Cmd> parent = lab.kit.spawn("parent", () -> new Parent(spec, report.ref()));
        ActorRef<?> sup = (ActorRef<?>) report.receiveMessage();
        lab.awaitLog("start:a");
        TestProbe<Object> watcher = lab.kit.createTestProbe();
        watcher.watch(sup);

        parent.tell(new ExitTo(sup, outOfStock));

        assertThat(watcher.expectTerminated(sup).reason()).isEqualTo(outOfStock);
        assertThat(lab.lifecycle()).containsExactly("start:a", "stop:a"); // its children stopped first
    }

    /** Erlang: {@code exit(Sup, kill)} cannot be trapped, not even by a supervisor. */
    @Test
    void supervisorIsKilledByAKillExitSignalFromAnyone() {
        SupervisorRef sup = lab.start(Supervisor.builder().child(lab.child("a")).build());
        TestProbe<Object> watcher = lab.kit.createTestProbe();
        watcher.watch(sup.ref());

        command(stranger("stranger"), new ExitTo(sup.ref(), ExitReason.KILLED));

        assertThat(watcher.expectTerminated(sup.ref()).reason()).isEqualTo(ExitReason.KILLED);
    }

    /** supervisor.erl {@code do_restart}: a transient child is restarted after any other reason. */
    @Test
    void transientChildIsRestartedAfterAnExitWithAnApplicationReason() {
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(5, Duration.ofHours(1))
                .child(lab.child("a").withRestart(RestartType.TRANSIENT)).build());

        lab.tell("a", new Worker.ExitWith(outOfStock));

        SupervisorEvent.ChildExited exited = lab.events.awaitEvent(SupervisorEvent.ChildExited.class, e -> true);
        assertThat(exited.reason()).isEqualTo(outOfStock);
        lab.awaitLog("start:a", 2);
        assertThat(Lab.info(sup, "a").status()).isEqualTo(ChildStatus.RUNNING);
    }

    /** supervisor.erl {@code do_restart({shutdown, _Term}, ...)}: a transient child is not restarted. */
    @Test
    void transientChildIsNotRestartedAfterShutdownWithAnyTerm() {
        SupervisorRef sup = lab.start(Supervisor.builder().intensity(5, Duration.ofHours(1))
                .child(lab.child("a").withRestart(RestartType.TRANSIENT)).child(lab.child("b")).build());
        ExitReason shutdown = new ExitReason.Shutdown(new OutOfStock("sku-7"));

        lab.tell("a", new Worker.ExitWith(shutdown));

        SupervisorEvent.ChildExited exited = lab.events.awaitEvent(SupervisorEvent.ChildExited.class, e -> true);
        assertThat(exited.reason()).isEqualTo(shutdown);
        assertThat(Lab.info(sup, "a").status()).isEqualTo(ChildStatus.UNDEFINED); // answered after the exit
        assertThat(lab.count("start:a")).isEqualTo(1);
    }
}

package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.InvalidActorNameException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A supervisor started by an ordinary actor gets the answer {@code supervisor:start_link} gives its caller,
 * as {@link Supervisor#start(io.otp4j.actor.ActorSystem, String, SupervisorSpec)} does at the top, but as a
 * stage the actor pipes to itself instead of blocking: started once every child has started, or the start
 * error once nothing is left of the supervisor and its name is free (supervisor_SUITE: sup_start_*, here
 * from inside a process).
 */
class StartInsideAnActorTest {

    private final Lab lab = Lab.realTime();

    @AfterEach
    void close() {
        lab.close();
    }

    /** How one start went: the supervisor or the failure, and the lab's lifecycle when the stage completed. */
    record Outcome(SupervisorRef supervisor, Throwable failure, List<String> lifecycleThen) {}

    /** An ordinary actor that starts supervisors under itself and never blocks. */
    static final class Starter implements Actor<Starter.Msg> {
        sealed interface Msg permits Start, Done {}

        /** Start a supervisor; {@code thrown} gets what the call itself threw, {@code outcome} the result. */
        record Start(String name, SupervisorSpec spec, Duration timeout, CompletableFuture<RuntimeException> thrown,
                     CompletableFuture<Outcome> outcome) implements Msg {}

        record Done(Outcome outcome, CompletableFuture<Outcome> to) implements Msg {}

        private final Lab lab;

        Starter(Lab lab) {
            this.lab = lab;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Start s -> {
                    CompletionStage<SupervisorRef> started;
                    try {
                        started = Supervisor.start(ctx, s.name(), s.spec(), s.timeout());
                    } catch (RuntimeException e) {
                        s.thrown().complete(e);
                        return;
                    }
                    s.thrown().complete(null);
                    // the snapshot is taken the moment the stage completes, on whichever thread completes it
                    CompletionStage<Outcome> outcome = started.handle((sup, failure) ->
                            new Outcome(sup, failure, lab.lifecycle()));
                    ctx.pipeToSelf(outcome, (o, never) -> new Done(o, s.outcome()));
                }
                case Done d -> d.to().complete(d.outcome());
            }
        }
    }

    private final ActorRef<Starter.Msg> starter = lab.kit.system().spawn("starter", () -> new Starter(lab));

    private Outcome start(String name, SupervisorSpec spec) {
        return Lab.join(startAsync(name, spec, Duration.ofSeconds(30)));
    }

    private CompletableFuture<Outcome> startAsync(String name, SupervisorSpec spec, Duration timeout) {
        CompletableFuture<RuntimeException> thrown = new CompletableFuture<>();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        starter.tell(new Starter.Start(name, spec, timeout, thrown, outcome));
        RuntimeException e = Lab.join(thrown);
        if (e != null) {
            outcome.completeExceptionally(e);
        }
        return outcome;
    }

    @Test
    void aSupervisorStartedFromAnActorAnswersOnlyOnceItsWholeTreeHasStarted() {
        SupervisorSpec inner = Supervisor.builder().child(lab.child("x")).child(lab.child("y")).build();
        SupervisorSpec spec = Supervisor.builder()
                .child(lab.child("a")).child(ChildSpec.supervisor("inner", inner)).child(lab.child("b")).build();

        Outcome o = start("sup", spec);

        assertThat(o.failure()).isNull();
        assertThat(o.lifecycleThen()).containsExactly("start:a", "start:x", "start:y", "start:b");
        assertThat(o.supervisor().ref().path().parent()).contains(starter.path());
        assertThat(Lab.ids(o.supervisor())).containsExactly("a", "inner", "b");
        // the name is taken while it runs: the call itself says so, as a spawn would
        Throwable taken = Lab.join(startAsync("sup", spec, Duration.ofSeconds(30)).handle((ok, e) -> e));
        assertThat(taken).isInstanceOf(InvalidActorNameException.class);
    }

    @Test
    void aFailedStartFromAnActorFailsWithTheCauseOnceTheNameIsFree() {
        lab.worker("c").failingStartOn(n -> n == 1);
        SupervisorSpec spec = Supervisor.builder()
                .child(lab.child("a")).child(lab.child("b")).child(lab.child("c")).build();

        Outcome o = start("sup", spec);

        assertThat(o.failure()).isInstanceOfSatisfying(SupervisorException.class, e -> {
            assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);
            assertThat(e.getCause()).isInstanceOf(Worker.StartFailure.class).hasMessageContaining("of c");
            assertThat(e.childId()).contains("c"); // {failed_to_start_child, c, Reason}, as at the top
            assertThat(e.exitReason()).contains(ExitReason.failed(e.getCause()));
        });
        assertThat(o.lifecycleThen()).containsExactly("start:a", "start:b", "startfail:c", "stop:b", "stop:a");
        // at once, from the same actor, under the same name: nothing is left of the failed one
        Outcome again = start("sup", spec);
        assertThat(again.failure()).isNull();
        assertThat(Lab.ids(again.supervisor())).containsExactly("a", "b", "c");
    }

    @Test
    void aStartFromAnActorThatTimesOutFailsWhenTheSystemsClockPassesTheTimeout() {
        try (Lab timed = Lab.manualTime()) {
            CountDownLatch gate = timed.gate();
            timed.worker("b").hangingInPreStart(gate);
            ActorRef<Starter.Msg> timedStarter = timed.kit.system().spawn("starter", () -> new Starter(timed));
            SupervisorSpec spec = Supervisor.builder().child(timed.child("a")).child(timed.child("b")).build();
            CompletableFuture<RuntimeException> thrown = new CompletableFuture<>();
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            timedStarter.tell(new Starter.Start("sup", spec, Duration.ofSeconds(5), thrown, outcome));
            assertThat(Lab.join(thrown)).isNull();
            Awaitility.await().atMost(Lab.WAIT).until(() -> timed.worker("b").starts() == 1);

            timed.time().advance(Duration.ofSeconds(5));

            Outcome o = Lab.join(outcome);
            assertThat(o.failure()).isInstanceOfSatisfying(SupervisorException.class, e -> {
                assertThat(e.error()).isEqualTo(SupervisorException.Error.START_FAILED);
                assertThat(e).hasMessageContaining("did not start within PT5S");
            });
            // the name is free at once, although b is still inside its preStart
            CompletableFuture<Outcome> again = new CompletableFuture<>();
            timedStarter.tell(new Starter.Start("sup", Supervisor.builder().child(timed.child("d")).build(),
                    Duration.ofSeconds(5), new CompletableFuture<>(), again));
            assertThat(Lab.ids(Lab.join(again).supervisor())).containsExactly("d");
            gate.countDown();
            timed.awaitLog("stop:a");
            assertThat(timed.lifecycle()).containsExactly("start:a", "start:d", "start:b", "stop:b", "stop:a");
        }
    }
}

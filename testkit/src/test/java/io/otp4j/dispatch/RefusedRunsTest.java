package io.otp4j.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.actor.ShutdownReport;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the runtime does when a dispatcher refuses to run an actor (a closed pool, a saturated executor, the
 * test's {@link RejectingDispatcher}), at each point of the actor's life: the refused actor terminates with
 * the refusal as its exit reason, its parent and watchers are told, its messages go to dead letters with a
 * reason, nothing waits for ever on it, and the system still closes, with a report that says which actors
 * ended without their {@code postStop}. The refusal at the first run is in {@link DispatcherContractTest};
 * every behaviour suite on the matrix's {@link DispatcherUnderTest#REJECTING} ends through these paths.
 */
class RefusedRunsTest {

    private static final Duration HANG = Duration.ofSeconds(60);

    /** Counts its postStops; answers every message to the probe it was given. */
    static final class Echo implements Actor<String> {
        private final ActorRef<String> replyTo;
        private final AtomicInteger postStops;

        Echo(ActorRef<String> replyTo, AtomicInteger postStops) {
            this.replyTo = replyTo;
            this.postStops = postStops;
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {
            replyTo.tell(message);
        }

        @Override
        public void postStop(ActorContext<String> ctx) {
            postStops.incrementAndGet();
        }
    }

    @Test
    void actorsRefusedDuringTheShutdownAreNamedInTheReportInsteadOfCountedAsStopped() throws Exception {
        try (Dispatcher pool = Dispatcher.workStealing("refused-at-close", 2)) {
            RejectingDispatcher refusing = RejectingDispatcher.refusingWhenTold(pool);
            ActorTestKit kit = ActorTestKit.create(); // the guardian and the probe stay on the system's pool
            ActorSystem system = kit.system();
            TestProbe<String> probe = kit.createTestProbe();
            AtomicInteger postStops = new AtomicInteger();
            List<ActorRef<String>> refused = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                refused.add(system.spawn(name, () -> new Echo(probe.ref(), postStops),
                        Props.defaults().withDispatcher(refusing)));
            }
            for (String name : List.of("d", "e")) {
                system.spawn(name, () -> new Echo(probe.ref(), postStops));
            }
            for (ActorRef<String> ref : refused) {
                ref.tell("started");
                probe.expectMessage("started");
            }

            refusing.refuseFromNow();
            ShutdownReport report = system.shutdown(HANG);

            assertThat(postStops.get()).as("postStops run: d and e only").isEqualTo(2);
            assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.REFUSED);
            assertThat(report.clean()).isFalse();
            assertThat(report.abandoned()).extracting(a -> a.path().name())
                    .containsExactlyInAnyOrder("a", "b", "c");
            assertThat(report.abandoned()).allSatisfy(a -> assertThat(a.reason())
                    .contains("refused by its dispatcher").contains("RejectedExecutionException"));
            assertThat(system.whenTerminated().toCompletableFuture()).isCompletedWithValue(report);
        }
    }
}

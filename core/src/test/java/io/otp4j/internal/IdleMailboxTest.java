package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.StepDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An idle actor's default mailbox holds no chunk, also when its last run ended at an item (its batch used
 * the whole budget, so no poll found the mailbox empty): the run's end lets go of the chunk. Runs are taken
 * by hand on a step dispatcher, which never continues a batch.
 */
class IdleMailboxTest {

    /** Keeps what it is told. */
    static final class Keeper implements Actor<Integer> {
        private final List<Integer> kept;

        Keeper(List<Integer> kept) {
            this.kept = kept;
        }

        @Override
        public void receive(Integer message, ActorContext<Integer> ctx) {
            kept.add(message);
        }
    }

    @Test
    void aRunWhoseBatchEndsAtItsLastItemLeavesTheActorIdleWithNoChunk() {
        StepDispatcher steps = new StepDispatcher();
        List<Integer> kept = new ArrayList<>();
        try (ActorSystem system = ActorSystem.create("idle-mailbox", ActorSystemSettings.defaults().withThroughput(2))) {
            ActorRef<Integer> ref = system.spawn("keeper", () -> new Keeper(kept), Props.defaults().withDispatcher(steps));
            steps.runAll(); // started: idle
            ActorCell<?> cell = (ActorCell<?>) ref;
            LinkedMessageQueue queue = (LinkedMessageQueue) cell.mailbox();

            for (int batch = 0; batch < 3; batch++) { // two messages a batch: a chunk of one place, then one of four
                ref.tell(2 * batch);
                ref.tell(2 * batch + 1);
                assertThat(steps.pending()).as("one run scheduled").isEqualTo(1);
                steps.runNext(); // handles exactly its budget of two; its last poll took an item
                assertThat(steps.pending()).as("nothing left: not scheduled again").isZero();
                assertThat(cell.schedulingState()).as("idle").isEqualTo(Mailbox.IDLE);
                assertThat((Object) QueueInternals.tail(queue)).as("an idle actor's mailbox holds no chunk").isNull();
            }
            assertThat(kept).containsExactly(0, 1, 2, 3, 4, 5);

            CompletableFuture<?> stopped = system.stop(ref).toCompletableFuture();
            steps.runAll(); // the stop's run, on this thread, so that closing the system finds nothing running
            assertThat(stopped).as("stopped").isCompleted();
        }
    }
}

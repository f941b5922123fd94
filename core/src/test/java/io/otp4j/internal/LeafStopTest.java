package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An actor that never had a child stops without a record of the stop's progress and without extras made
 * for it (skynet's million leaves each made both on their way out); what the stopping flag in the extras
 * guarded still holds: a spawn from its postStop fails.
 */
class LeafStopTest {

    private static final long HANG_SECONDS = 30;

    private final ActorSystem system = ActorSystem.create("leaf-stop");

    @AfterEach
    void close() {
        system.close();
    }

    /** Counts a latch down, then stops itself; from postStop, tries to spawn a child and reports what happened. */
    static final class Leaf implements Actor<CountDownLatch> {
        private final BlockingQueue<Object> outcomes;

        Leaf(BlockingQueue<Object> outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public void receive(CountDownLatch latch, ActorContext<CountDownLatch> ctx) {
            latch.countDown();
            ctx.stop();
        }

        @Override
        public void postStop(ActorContext<CountDownLatch> ctx) {
            try {
                ctx.spawnAnonymous(() -> (CountDownLatch m, ActorContext<CountDownLatch> c) -> { });
                outcomes.add("spawned");
            } catch (RuntimeException e) {
                outcomes.add(e);
            }
        }
    }

    @Test
    void aLeafWithoutExtrasStopsAndASpawnFromItsPostStopFails() throws InterruptedException {
        BlockingQueue<Object> outcomes = new ArrayBlockingQueue<>(1);
        ActorRef<CountDownLatch> leaf = system.spawnAnonymous(() -> new Leaf(outcomes));
        assertThat(((ActorCell<?>) leaf).extrasOrNull()).as("the leaf's extras before its stop").isNull();

        leaf.tell(new CountDownLatch(1)); // it stops itself: nothing else has made its extras

        Object outcome = outcomes.poll(HANG_SECONDS, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(IllegalStateException.class);
        assertThat(((Throwable) outcome).getMessage()).contains("is stopping");
    }
}

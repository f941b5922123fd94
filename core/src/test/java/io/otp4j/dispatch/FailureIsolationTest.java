package io.otp4j.dispatch;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ErrorAction;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An exception thrown by {@code receive} is the actor's business; it never reaches the dispatcher's threads. */
class FailureIsolationTest {

    /** Throws on every {@link Crash}, resumes, and counts its failures. */
    static final class Fragile implements Actor<Fragile.Msg> {
        sealed interface Msg permits Crash, CountFailures {}

        record Crash(int n) implements Msg {}

        record CountFailures(ActorRef<Long> replyTo) implements Msg {}

        private long failures;

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Crash(int n) -> throw new IllegalStateException("crash " + n);
                case CountFailures(var replyTo) -> replyTo.tell(failures);
            }
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
            failures++;
            return ErrorAction.RESUME;
        }
    }

    @Test
    void manyFailingMessagesWithResumeLeaveTheActorsAndTheDispatcherWorking() {
        // a small dedicated pool: a thread lost to an exception would show at once
        try (Dispatcher pool = Dispatcher.workStealing("fragile", 2);
             ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().withDispatcher(pool))) {
            TestProbe<Long> counts = kit.createTestProbe();
            List<ActorRef<Fragile.Msg>> actors = new ArrayList<>();
            for (int a = 0; a < 4; a++) {
                actors.add(kit.spawn(Fragile::new));
            }

            for (int i = 0; i < 1_000; i++) {
                for (ActorRef<Fragile.Msg> actor : actors) {
                    actor.tell(new Fragile.Crash(i));
                }
            }

            for (ActorRef<Fragile.Msg> actor : actors) {
                actor.tell(new Fragile.CountFailures(counts.ref()));
                counts.expectMessage(Duration.ofSeconds(20), 1_000L);
            }
            ActorRef<Fragile.Msg> newcomer = kit.spawn(Fragile::new);
            newcomer.tell(new Fragile.Crash(0));
            newcomer.tell(new Fragile.CountFailures(counts.ref()));
            counts.expectMessage(1L);
        }
    }
}

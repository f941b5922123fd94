package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MailboxOnRestartTest {

    sealed interface Msg permits Hold, Crash, Work {}

    record Hold(CountDownLatch release) implements Msg {}

    record Crash() implements Msg {}

    record Work(String name) implements Msg {}

    /** Holds on a latch (so that later messages queue), crashes on request, reports work to a probe. */
    static final class Holder implements Actor<Msg> {
        private final ActorRef<String> done;

        Holder(ActorRef<String> done) {
            this.done = done;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) throws InterruptedException {
            switch (msg) {
                case Hold(var release) -> release.await(10, TimeUnit.SECONDS);
                case Crash c -> throw new IllegalStateException("crash");
                case Work(var name) -> done.tell(name);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ActorRef<Msg> start(ActorTestKit kit, ActorRef<String> done, boolean keepMailbox) {
        ChildSpec<Msg> spec = ChildSpec.<Msg>worker("holder", () -> new Holder(done))
                .withProps(Props.defaults().withDispatcher(Dispatcher.virtualThreads()))
                .withKeepMailbox(keepMailbox);
        SupervisorRef sup = Supervisor.start(kit.system(), "sup", Supervisor.builder().child(spec).build());
        return (ActorRef<Msg>) sup.whichChildren().toCompletableFuture().join().get(0).ref().orElseThrow();
    }

    @Test
    void byDefaultMessagesQueuedBehindACrashAreHandledByTheRestartedChild() {
        try (var kit = ActorTestKit.create()) {
            TestProbe<String> done = kit.createTestProbe();
            ActorRef<Msg> child = start(kit, done.ref(), true);
            CountDownLatch release = new CountDownLatch(1);
            child.tell(new Hold(release));
            child.tell(new Crash());
            child.tell(new Work("a"));
            child.tell(new Work("b"));
            release.countDown();
            assertThat(done.receiveMessages(2)).containsExactly("a", "b");
        }
    }

    @Test
    void withKeepMailboxFalseQueuedMessagesAreDeadLetteredOnRestart() {
        try (var kit = ActorTestKit.create()) {
            TestProbe<String> done = kit.createTestProbe();
            TestProbe<DeadLetter> deadLetters = kit.createTestProbe();
            kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
            ActorRef<Msg> child = start(kit, done.ref(), false);
            CountDownLatch release = new CountDownLatch(1);
            child.tell(new Hold(release));
            child.tell(new Crash());
            child.tell(new Work("a"));
            child.tell(new Work("b"));
            release.countDown();
            assertThat(deadLetters.receiveMessages(2))
                    .extracting(DeadLetter::message, DeadLetter::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(new Work("a"), DeadLetter.Reason.DISCARDED_ON_RESTART),
                            org.assertj.core.groups.Tuple.tuple(new Work("b"), DeadLetter.Reason.DISCARDED_ON_RESTART));
            child.tell(new Work("after"));
            assertThat(done.receiveMessage()).isEqualTo("after"); // the restarted child works
        }
    }
}

package io.otp4j.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Dispatcher#virtualThreads()}: for actors that block in {@code receive}. */
class VirtualThreadDispatcherTest {

    private ActorTestKit kit;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    /** Reports which kind of thread it runs on; on {@link Block} it also blocks, plainly, until released. */
    static final class ThreadReporter implements Actor<ThreadReporter.Msg> {
        sealed interface Msg permits Where, Block {}

        record Where(ActorRef<Boolean> replyTo) implements Msg {}

        record Block(CountDownLatch entered, CountDownLatch release) implements Msg {}

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) throws InterruptedException {
            switch (msg) {
                case Where(var replyTo) -> replyTo.tell(Thread.currentThread().isVirtual());
                case Block(var entered, var release) -> {
                    if (Thread.currentThread().isVirtual()) {
                        entered.countDown();
                    }
                    release.await(30, TimeUnit.SECONDS); // deliberately not a managed block
                }
            }
        }
    }

    private static Props onVirtualThreads() {
        return Props.defaults().withDispatcher(Dispatcher.virtualThreads());
    }

    @Test
    void virtualThreadDispatcherRunsReceiveOnAVirtualThread() {
        TestProbe<Boolean> isVirtual = kit.createTestProbe();
        ActorRef<ThreadReporter.Msg> onVirtual = kit.system().spawnAnonymous(ThreadReporter::new, onVirtualThreads());
        ActorRef<ThreadReporter.Msg> onDefault = kit.system().spawnAnonymous(ThreadReporter::new);

        onVirtual.tell(new ThreadReporter.Where(isVirtual.ref()));
        isVirtual.expectMessage(true);
        onDefault.tell(new ThreadReporter.Where(isVirtual.ref()));
        isVirtual.expectMessage(false);
    }

    @Test
    void actorsBlockedOnVirtualThreadsDoNotStallActorsOnTheDefaultDispatcher() throws Exception {
        // more blocked actors than the default dispatcher has threads
        int blocked = 2 * Runtime.getRuntime().availableProcessors() + 2;
        CountDownLatch entered = new CountDownLatch(blocked);
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<ActorRef<ThreadReporter.Msg>> sleepers = new ArrayList<>();
            for (int i = 0; i < blocked; i++) {
                sleepers.add(kit.system().spawnAnonymous(ThreadReporter::new, onVirtualThreads()));
            }
            for (ActorRef<ThreadReporter.Msg> sleeper : sleepers) {
                sleeper.tell(new ThreadReporter.Block(entered, release));
            }
            assertThat(entered.await(20, TimeUnit.SECONDS)).as("all blocked on virtual threads").isTrue();

            TestProbe<Boolean> answer = kit.createTestProbe();
            ActorRef<ThreadReporter.Msg> onDefault = kit.system().spawnAnonymous(ThreadReporter::new);
            onDefault.tell(new ThreadReporter.Where(answer.ref()));

            // answered while every sleeper is still blocked: they are released only below
            answer.expectMessage(false);
        } finally {
            release.countDown();
        }
    }
}

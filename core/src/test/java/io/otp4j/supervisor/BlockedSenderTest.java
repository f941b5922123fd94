package io.otp4j.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.testkit.ActorTestKit;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A child blocked sending to a full BLOCK mailbox must not stall its supervisor: REST_FOR_ONE over
 * [x, y, z], where y is blocked sending to z, whose mailbox is full and not drained. When x crashes, the
 * supervisor halts z, then y; y gives up its send at once (REJECTED) instead of after the block timeout.
 */
class BlockedSenderTest {

    sealed interface Cmd permits Crash, Forward, Payload {}

    record Crash() implements Cmd {}

    record Forward(ActorRef<Cmd> to, CountDownLatch sending, CompletableFuture<Delivery> outcome) implements Cmd {}

    record Payload() implements Cmd {}

    static final class Node implements Actor<Cmd> {
        @Override
        public void receive(Cmd msg, ActorContext<Cmd> ctx) {
            switch (msg) {
                case Crash c -> throw new IllegalStateException("crash");
                case Forward f -> {
                    f.sending().countDown();
                    f.outcome().complete(f.to().offer(new Payload(), SendOptions.DEFAULT));
                }
                case Payload p -> { }
            }
        }
    }

    @Test
    void aHaltedSenderGivesUpItsBlockedSendSoTheRestartGoesOn() throws Exception {
        try (ActorTestKit kit = ActorTestKit.create()) {
            EventRecorder events = new EventRecorder(kit.system());
            // an hour: if the blocked send waited for its timeout, the restart below would never be seen
            Props fullForever = Props.defaults().withMailbox(MailboxConfig.bounded(1, Overflow.BLOCK)
                    .withBlockTimeout(Duration.ofHours(1)));
            ChildSpec<Cmd> x = ChildSpec.worker("x", Node::new);
            ChildSpec<Cmd> y = ChildSpec.worker("y", Node::new);
            ChildSpec<Cmd> z = ChildSpec.worker("z", Node::new).withProps(fullForever)
                    .withBackoff(Backoff.exponential(Duration.ofHours(1), Duration.ofHours(1)).withJitter(0));
            SupervisorRef sup = Supervisor.start(kit.system(), "sup", Supervisor.builder()
                    .strategy(Strategy.REST_FOR_ONE).intensity(10, Duration.ofMinutes(1))
                    .child(x).child(y).child(z).build());
            ActorRef<Cmd> xRef = Lab.join(sup.child(x)).orElseThrow();
            ActorRef<Cmd> yRef = Lab.join(sup.child(y)).orElseThrow();
            ActorRef<Cmd> zRef = Lab.join(sup.child(z)).orElseThrow();

            zRef.tell(new Crash()); // z waits an hour for its restart: nothing drains its mailbox
            events.awaitEvent(SupervisorEvent.BackoffScheduled.class, e -> e.childId().equals("z"));
            assertThat(zRef.offer(new Payload(), SendOptions.DEFAULT)).isEqualTo(Delivery.ENQUEUED); // now full
            CountDownLatch sending = new CountDownLatch(1);
            CompletableFuture<Delivery> outcome = new CompletableFuture<>();
            yRef.tell(new Forward(zRef, sending, outcome));
            assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

            xRef.tell(new Crash());

            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(Delivery.REJECTED);
            events.awaitEvent(SupervisorEvent.ChildStarted.class, e -> e.childId().equals("z") && e.restart());
            assertThat(Lab.join(sup.whichChildren())).extracting(ChildInfo::status)
                    .containsOnly(ChildStatus.RUNNING);
        }
    }
}

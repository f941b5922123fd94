package io.otp4j.dispatch;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.MailboxFullException;
import io.otp4j.mailbox.Overflow;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An actor on the default dispatcher that sends to a full {@link Overflow#BLOCK} mailbox waits only until
 * the recipient makes space: "a sender on a dispatcher thread waits through {@code managedBlock}, so the
 * pool adds a thread and never deadlocks" ({@link Overflow#BLOCK}). Whatever the dispatcher does to run
 * actors faster, the recipient must stay runnable by some other thread while the sender waits.
 */
class BlockingSendOnDispatcherThreadTest {

    private ActorTestKit kit;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    /** Sends {@code count} numbers to a sink in one go and reports whether every send went through. */
    static final class Producer implements Actor<Producer.Produce> {
        record Produce(ActorRef<Integer> sink, int count, ActorRef<String> replyTo) {}

        @Override
        public void receive(Produce p, ActorContext<Produce> ctx) {
            try {
                for (int i = 0; i < p.count(); i++) {
                    p.sink().tell(i);
                }
                p.replyTo().tell("all sent");
            } catch (MailboxFullException e) {
                p.replyTo().tell("refused " + e.rejectedMessage() + ": " + e.getMessage());
            }
        }
    }

    /** Passes every number on. */
    static final class Sink implements Actor<Integer> {
        private final ActorRef<Integer> out;

        Sink(ActorRef<Integer> out) {
            this.out = out;
        }

        @Override
        public void receive(Integer n, ActorContext<Integer> ctx) {
            out.tell(n);
        }
    }

    @Test
    void actorFillingAnIdleActorsBlockMailboxWaitsOnlyUntilThatActorTakesAMessage() {
        TestProbe<Integer> received = kit.createTestProbe();
        TestProbe<String> outcome = kit.createTestProbe();
        // idle, with room for one: the second send must wait until the sink has taken the first
        ActorRef<Integer> sink = kit.system().spawnAnonymous(() -> new Sink(received.ref()), Props.defaults()
                .withMailbox(MailboxConfig.bounded(1, Overflow.BLOCK).withBlockTimeout(Duration.ofSeconds(3))));
        ActorRef<Producer.Produce> producer = kit.spawn(Producer::new);

        producer.tell(new Producer.Produce(sink, 3, outcome.ref()));

        outcome.expectMessage(Duration.ofSeconds(10), "all sent");
        received.expectMessage(0);
        received.expectMessage(1);
        received.expectMessage(2);
    }
}

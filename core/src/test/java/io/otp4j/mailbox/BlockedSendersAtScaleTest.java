package io.otp4j.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many actors blocked at once on one full {@link Overflow#BLOCK} mailbox (reported: 300 senders on the
 * default dispatcher made {@code tell} throw {@code RejectedExecutionException} and lost 451 messages
 * without a word). Required: {@code tell} throws only {@link MailboxFullException}, carrying the message;
 * {@code offer} never throws; every message is handled, dead-lettered or handed back to its sender.
 */
class BlockedSendersAtScaleTest {

    private static final Duration HANG = Duration.ofSeconds(120);

    /** Sends its share to the consumer, with tell or with offer, and accounts for each message. */
    static final class Sender implements Actor<ActorRef<Integer>> {
        private final int count;
        private final boolean useOffer;
        private final AtomicLong returned;
        private final List<Throwable> unexpected;
        private final CountDownLatch done;

        Sender(int count, boolean useOffer, AtomicLong returned, List<Throwable> unexpected, CountDownLatch done) {
            this.count = count;
            this.useOffer = useOffer;
            this.returned = returned;
            this.unexpected = unexpected;
            this.done = done;
        }

        @Override
        public void receive(ActorRef<Integer> consumer, ActorContext<ActorRef<Integer>> ctx) {
            try {
                for (int i = 0; i < count; i++) {
                    if (useOffer) {
                        Delivery d = consumer.offer(i, SendOptions.DEFAULT);
                        if (d == Delivery.REJECTED) {
                            returned.incrementAndGet();
                        }
                    } else {
                        try {
                            consumer.tell(i);
                        } catch (MailboxFullException e) {
                            assertThat(e.rejectedMessage()).isEqualTo(i);
                            returned.incrementAndGet();
                        }
                    }
                }
            } catch (Throwable t) {
                unexpected.add(t);
            } finally {
                done.countDown();
            }
        }
    }

    @ParameterizedTest(name = "{0} senders, offer={1}, virtual={2}")
    @CsvSource({"300, false, false", "1000, false, false", "1000, true, false", "1000, false, true"})
    void everyMessageIsHandledDeadLetteredOrReturned(int senders, boolean useOffer, boolean virtual)
            throws InterruptedException {
        ActorSystemSettings settings = ActorSystemSettings.defaults();
        if (virtual) {
            settings = settings.withDispatcher(Dispatcher.virtualThreads());
        }
        try (ActorSystem system = ActorSystem.create("blocked-" + senders + "-" + useOffer + "-" + virtual, settings)) {
            int perSender = 20;
            AtomicLong handled = new AtomicLong();
            AtomicLong returned = new AtomicLong();
            List<Throwable> unexpected = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(senders);
            ActorRef<Integer> consumer = system.spawn("consumer", () -> (Integer n, ActorContext<Integer> ctx) ->
                            handled.incrementAndGet(),
                    Props.defaults().withMailbox(MailboxConfig.bounded(8, Overflow.BLOCK)));
            for (int s = 0; s < senders; s++) {
                system.spawn("sender-" + s, () -> new Sender(perSender, useOffer, returned, unexpected, done))
                        .tell(consumer);
            }

            assertThat(done.await(HANG.toSeconds(), TimeUnit.SECONDS)).as("every sender finished").isTrue();
            long sent = (long) senders * perSender;
            org.awaitility.Awaitility.await().atMost(HANG).until(() ->
                    handled.get() + returned.get() + system.eventStream().deadLetterCount() == sent);
            assertThat(unexpected).isEmpty();
        }
    }
}

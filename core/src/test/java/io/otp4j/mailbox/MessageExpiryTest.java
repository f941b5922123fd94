package io.otp4j.mailbox;

import static io.otp4j.mailbox.Recorder.holdAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Recorder.Cmd;
import io.otp4j.mailbox.Recorder.Item;
import io.otp4j.monitor.InMemoryMonitor;
import io.otp4j.monitor.MailboxEvent;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Time to live ({@link SendOptions#ttl}): a message whose deadline has passed when its turn comes is not
 * delivered but dead-lettered as {@code EXPIRED}; a full bounded mailbox drops its expired messages before
 * its overflow policy applies. Time is manual; the actor is held at a {@link Gate}
 * while the clock moves, so the messages are still queued when they expire.
 */
@OnEveryDispatcher
class MessageExpiryTest {

    private final DispatcherUnderTest on;

    MessageExpiryTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private TestProbe<Cmd> handled;
    private TestProbe<DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        kit = on.manualTimeTestKit();
        handled = kit.createTestProbe();
        deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private ActorRef<Cmd> spawnRecorder(MailboxConfig mailbox) {
        return kit.system().spawnAnonymous(() -> new Recorder(handled.ref()), Props.defaults().withMailbox(mailbox));
    }

    /** A marker sent last and handled next proves nothing else was handled before it. */
    private void expectNothingElseHandled(ActorRef<Cmd> ref) {
        ref.tell(new Item("marker"));
        handled.expectMessage(new Item("marker"));
    }

    @Test
    void messageWhoseTtlPassesWhileQueuedIsDeadLetteredAsExpiredInsteadOfDelivered() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.unbounded());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("stale"), SendOptions.ttl(Duration.ofSeconds(1)));
            ref.tell(new Item("fresh"), SendOptions.ttl(Duration.ofSeconds(10)));
            long before = kit.system().eventStream().deadLetterCount();

            kit.manualTime().advance(Duration.ofSeconds(2));
            gate.open();

            handled.expectMessage(new Item("fresh"));
            deadLetters.expectMessage(new DeadLetter(new Item("stale"), ref, DeadLetter.Reason.EXPIRED));
            assertThat(kit.system().eventStream().deadLetterCount()).isEqualTo(before + 1);
            expectNothingElseHandled(ref);
        }
    }

    @Test
    void aTtlOfCenturiesOrForeverSaturatesInsteadOfOverflowing() {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.unbounded());

        ref.tell(new Item("forever"), SendOptions.ttl(java.time.temporal.ChronoUnit.FOREVER.getDuration()));
        ref.tell(new Item("centuries"), SendOptions.ttl(Duration.ofDays(365L * 300)));
        kit.manualTime().advance(Duration.ofDays(365L * 10));

        handled.expectMessage(new Item("forever"));
        handled.expectMessage(new Item("centuries"));
        assertThat(kit.system().eventStream().deadLetterCount()).isZero();
    }

    @Test
    void messageHandledWithinItsTtlIsDelivered() {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.unbounded());

        ref.tell(new Item("in time"), SendOptions.ttl(Duration.ofMillis(1)));

        handled.expectMessage(new Item("in time"));
        assertThat(kit.system().eventStream().deadLetterCount()).isZero();
    }

    @Test
    void ttlIsCountedFromTheMomentOfSending() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.unbounded());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("sent at 0s"), SendOptions.ttl(Duration.ofSeconds(3)));
            kit.manualTime().advance(Duration.ofSeconds(2));
            ref.tell(new Item("sent at 2s"), SendOptions.ttl(Duration.ofSeconds(3)));

            kit.manualTime().advance(Duration.ofSeconds(2)); // now 4 s: the first is past its 3 s, the second is not
            gate.open();

            handled.expectMessage(new Item("sent at 2s"));
            deadLetters.expectMessage(new DeadLetter(new Item("sent at 0s"), ref, DeadLetter.Reason.EXPIRED));
            expectNothingElseHandled(ref);
        }
    }

    @Test
    void expiredMessageInAPriorityMailboxIsDeadLetteredAndTheRestKeepTheirPriorityOrder() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.priority());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("low"), SendOptions.priority(Priority.LOW));
            ref.tell(new Item("urgent but stale"),
                    SendOptions.priority(Priority.HIGH).withTtl(Duration.ofSeconds(1)));
            ref.tell(new Item("urgent"), SendOptions.priority(Priority.HIGH).withTtl(Duration.ofMinutes(1)));

            kit.manualTime().advance(Duration.ofSeconds(5));
            gate.open();

            handled.expectMessage(new Item("urgent"));
            handled.expectMessage(new Item("low"));
            deadLetters.expectMessage(new DeadLetter(new Item("urgent but stale"), ref, DeadLetter.Reason.EXPIRED));
        }
    }

    @Test
    void expiringMessageQueuedWhenTheActorStopsIsDeadLetteredAsRecipientTerminatedWithItsBareMessage()
            throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.unbounded());
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("queued"), SendOptions.ttl(Duration.ofMinutes(1)));

            kit.system().stop(ref);
            gate.open();

            deadLetters.expectMessage(new DeadLetter(new Item("queued"), ref,
                    DeadLetter.Reason.RECIPIENT_TERMINATED));
        }
    }

    // ------------------------------------------------------------------ a full bounded mailbox

    static Stream<Named<MailboxConfig>> fullBoundedMailboxes() {
        return Stream.of(Named.of("bounded, REJECT", MailboxConfig.bounded(3, Overflow.REJECT)),
                Named.of("bounded, DROP", MailboxConfig.bounded(3, Overflow.DROP)),
                Named.of("bounded, BLOCK", MailboxConfig.bounded(3, Overflow.BLOCK)
                        .withBlockTimeout(Duration.ofMillis(1))),
                Named.of("bounded priority, REJECT", MailboxConfig.priority(3, Overflow.REJECT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullBoundedMailboxes")
    void fullBoundedMailboxDropsItsExpiredMessagesBeforeItsOverflowPolicyApplies(MailboxConfig mailbox)
            throws Exception {
        InMemoryMonitor monitor = InMemoryMonitor.create();
        kit.close();
        kit = ActorTestKit.withManualTime(ActorSystemSettings.defaults().with(monitor));
        handled = kit.createTestProbe();
        deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        ActorRef<Cmd> ref = spawnRecorder(mailbox);
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("stale-1"), SendOptions.ttl(Duration.ofSeconds(1)));
            ref.tell(new Item("kept"));
            ref.tell(new Item("stale-2"), SendOptions.ttl(Duration.ofSeconds(1)));
            assertThat(offerToFull(ref, new Item("too early"), mailbox)).as("full, nothing expired yet")
                    .isNotEqualTo(Delivery.ENQUEUED);
            deadLetters.receiveMessages(mailbox.overflow() == Overflow.DROP ? 1 : 0); // DROP's MAILBOX_FULL

            kit.manualTime().advance(Duration.ofSeconds(2));

            assertThat(ref.offer(new Item("new-1"), SendOptions.DEFAULT)).isEqualTo(Delivery.ENQUEUED);
            ref.tell(new Item("new-2")); // the second expired message made room too
            assertThat(offerToFull(ref, new Item("refused"), mailbox)).as("full again, nothing expired")
                    .isNotEqualTo(Delivery.ENQUEUED);
            assertThat(deadLetters.receiveMessages(2)).containsExactly(
                    new DeadLetter(new Item("stale-1"), ref, DeadLetter.Reason.EXPIRED),
                    new DeadLetter(new Item("stale-2"), ref, DeadLetter.Reason.EXPIRED));
            assertThat(monitor.history(MailboxEvent.Expired.class)).extracting(MailboxEvent.Expired::message)
                    .containsExactly(new Item("stale-1"), new Item("stale-2"));
            gate.open();

            handled.expectMessage(new Item("kept"));
            handled.expectMessage(new Item("new-1"));
            handled.expectMessage(new Item("new-2"));
            expectNothingElseHandled(ref);
        }
    }

    /**
     * Offers to a full mailbox. Under BLOCK the send waits for space until its deadline on the system's
     * clock, here the manual one: so it is made from a thread of its own, and once that thread is parked,
     * the clock is moved past the block timeout (not far enough to expire the messages waiting).
     */
    private Delivery offerToFull(ActorRef<Cmd> ref, Item item, MailboxConfig mailbox) throws Exception {
        if (mailbox.overflow() != Overflow.BLOCK) {
            return ref.offer(item, SendOptions.DEFAULT);
        }
        CompletableFuture<Delivery> outcome = new CompletableFuture<>();
        Thread sender = Thread.ofPlatform().start(() -> outcome.complete(ref.offer(item, SendOptions.DEFAULT)));
        Awaitility.await().until(() -> outcome.isDone() || sender.getState() == Thread.State.TIMED_WAITING);
        kit.manualTime().advance(mailbox.blockTimeout());
        return outcome.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aSenderBlockedOnAFullMailboxGetsInWhenAWaitingMessageExpires() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(1, Overflow.BLOCK)
                .withBlockTimeout(Duration.ofMinutes(5))); // far beyond the probes: only the expiry can free it
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            ref.tell(new Item("stale"), SendOptions.ttl(Duration.ofSeconds(1)));
            CountDownLatch sent = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread sender = Thread.ofPlatform().start(() -> {
                try {
                    ref.tell(new Item("blocked"));
                    sent.countDown();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });

            kit.manualTime().advance(Duration.ofSeconds(2));

            assertThat(sent.await(30, TimeUnit.SECONDS)).as("the blocked send returned").isTrue();
            sender.join();
            assertThat(failure.get()).isNull();
            deadLetters.expectMessage(new DeadLetter(new Item("stale"), ref, DeadLetter.Reason.EXPIRED));
            gate.open();
            handled.expectMessage(new Item("blocked"));
            expectNothingElseHandled(ref);
        }
    }
}

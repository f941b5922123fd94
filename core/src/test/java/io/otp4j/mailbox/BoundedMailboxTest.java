package io.otp4j.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.otp4j.mailbox.Recorder.holdAt;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Recorder.Cmd;
import io.otp4j.mailbox.Recorder.Item;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bounded mailboxes under each {@link Overflow} policy. Each test makes the mailbox fill deterministically:
 * the actor handles a {@link Recorder.Hold} and waits at a {@link Gate}, so everything sent afterwards queues.
 */
@OnEveryDispatcher
class BoundedMailboxTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final DispatcherUnderTest on;

    BoundedMailboxTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private TestProbe<Cmd> handled;
    private TestProbe<DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        kit = on.testKit();
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

    private static void fill(ActorRef<Cmd> ref, int count) {
        for (int i = 0; i < count; i++) {
            ref.tell(new Item("queued-" + i));
        }
    }

    private void expectHandledInOrder(int count) {
        for (int i = 0; i < count; i++) {
            handled.expectMessage(new Item("queued-" + i));
        }
    }

    /** Sends a marker after the backlog; seeing it next proves nothing else was handled in between. */
    private void expectNothingElseHandledBefore(ActorRef<Cmd> ref, String marker) {
        ref.tell(new Item(marker));
        handled.expectMessage(new Item(marker));
    }

    private long deadLetterCount() {
        return kit.system().eventStream().deadLetterCount();
    }

    // ------------------------------------------------------------------ capacity

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void capacityOutOfRangeIsRefusedWhenTheConfigIsBuilt(int capacity) {
        for (Overflow policy : Overflow.values()) {
            assertThatThrownBy(() -> MailboxConfig.bounded(capacity, policy))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
            assertThatThrownBy(() -> MailboxConfig.priority(capacity, policy))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        }
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1_000_000, 1 << 30, MailboxConfig.MAX_BOUNDED_CAPACITY})
    void largeCapacitySpawnsWithoutAllocatingItAndQueuesBehindTheGate(int capacity) throws Exception {
        for (MailboxConfig config : new MailboxConfig[] {
                MailboxConfig.bounded(capacity, Overflow.REJECT), MailboxConfig.priority(capacity, Overflow.REJECT)}) {
            assertThat(config.isBounded()).isTrue();
            ActorRef<Cmd> ref = spawnRecorder(config); // a preallocated 2^30 array would not fit in the heap
            try (Gate gate = new Gate()) {
                holdAt(ref, gate);
                fill(ref, 3);
                assertThat(ref.offer(new Item("more"), SendOptions.DEFAULT))
                        .isEqualTo(Delivery.ENQUEUED);
                gate.open();
                expectHandledInOrder(3);
                handled.expectMessage(new Item("more"));
            }
        }
    }

    @Test
    void aLargeCapacityIsExact() throws Exception {
        int capacity = 1025;
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(capacity, Overflow.REJECT));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            fill(ref, capacity);

            assertThat(ref.offer(new Item("overflow"), SendOptions.DEFAULT))
                    .isEqualTo(Delivery.REJECTED);
            gate.open();
            expectHandledInOrder(capacity);
            expectNothingElseHandledBefore(ref, "after");
        }
    }

    // ------------------------------------------------------------------ DROP

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 3, 8})
    void dropMailboxQueuesExactlyItsCapacityAndDeadLettersTheNextMessageAsMailboxFull(int capacity)
            throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(capacity, Overflow.DROP));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            fill(ref, capacity);
            long before = deadLetterCount();

            Item overflow = new Item("overflow");
            ref.tell(overflow);

            deadLetters.expectMessage(new DeadLetter(overflow, ref, DeadLetter.Reason.MAILBOX_FULL));
            assertThat(deadLetterCount()).isEqualTo(before + 1);
            gate.open();
            expectHandledInOrder(capacity);
            expectNothingElseHandledBefore(ref, "after");
        }
    }

    @Test
    void dropMailboxNeverBlocksTheSenderAndCountsEveryDroppedMessage() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(2, Overflow.DROP));
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            fill(ref, 2);
            long before = deadLetterCount();

            Future<?> flood = sender.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    ref.tell(new Item("dropped-" + i));
                }
            });

            // the actor is still held at the closed gate: only a sender that does not wait can finish
            assertThat(flood).succeedsWithin(WAIT);
            assertThat(deadLetterCount()).isEqualTo(before + 100);
            assertThat(deadLetters.receiveMessages(100))
                    .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetter.Reason.MAILBOX_FULL));
            gate.open();
            expectHandledInOrder(2);
            expectNothingElseHandledBefore(ref, "after");
        } finally {
            sender.shutdownNow();
        }
    }

    @Test
    void offerToAFullDropMailboxReturnsDropped() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(1, Overflow.DROP));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);

            assertThat(ref.offer(new Item("queued-0"), SendOptions.DEFAULT)).isEqualTo(Delivery.ENQUEUED);
            assertThat(ref.offer(new Item("overflow"), SendOptions.DEFAULT)).isEqualTo(Delivery.DROPPED);

            deadLetters.expectMessage(new DeadLetter(new Item("overflow"), ref, DeadLetter.Reason.MAILBOX_FULL));
            gate.open();
            expectHandledInOrder(1);
            expectNothingElseHandledBefore(ref, "after");
        }
    }

    // ------------------------------------------------------------------ REJECT

    @Test
    void rejectMailboxThrowsMailboxFullExceptionCarryingTheMessage() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(2, Overflow.REJECT));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            fill(ref, 2);
            long before = deadLetterCount();

            Item rejected = new Item("rejected");
            assertThatThrownBy(() -> ref.tell(rejected))
                    .isInstanceOfSatisfying(MailboxFullException.class,
                            e -> assertThat(e.rejectedMessage()).isSameAs(rejected));

            assertThat(deadLetterCount()).as("a rejected message is returned to its sender, not dead-lettered")
                    .isEqualTo(before);
            gate.open();
            expectHandledInOrder(2);
            expectNothingElseHandledBefore(ref, "after");
        }
    }

    @Test
    void rejectedMessageSentWithOptionsIsCarriedBareNotInItsEnvelope() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(1, Overflow.REJECT));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            fill(ref, 1);

            Item rejected = new Item("rejected");
            SendOptions options = SendOptions.priority(Priority.HIGH).withTtl(Duration.ofMinutes(1));
            assertThatThrownBy(() -> ref.tell(rejected, options))
                    .isInstanceOfSatisfying(MailboxFullException.class,
                            e -> assertThat(e.rejectedMessage()).isSameAs(rejected));
        }
    }

    @Test
    void offerToAFullRejectMailboxReturnsRejectedAndDoesNotDeliver() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(1, Overflow.REJECT));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            long before = deadLetterCount();

            assertThat(ref.offer(new Item("queued-0"), SendOptions.DEFAULT)).isEqualTo(Delivery.ENQUEUED);
            assertThat(ref.offer(new Item("rejected"), SendOptions.DEFAULT)).isEqualTo(Delivery.REJECTED);

            assertThat(deadLetterCount()).isEqualTo(before);
            gate.open();
            expectHandledInOrder(1);
            expectNothingElseHandledBefore(ref, "after");
        }
    }

    // ------------------------------------------------------------------ BLOCK

    @Test
    void blockMailboxMakesTheSenderWaitForSpaceThenDeliversItsMessage() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(1, Overflow.BLOCK)
                .withBlockTimeout(Duration.ofMinutes(1)));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            fill(ref, 1);

            CompletableFuture<Void> sent = new CompletableFuture<>();
            Thread sender = Thread.ofPlatform().name("blocked-sender").start(() -> {
                try {
                    ref.tell(new Item("queued-1"));
                    sent.complete(null);
                } catch (RuntimeException e) {
                    sent.completeExceptionally(e);
                }
            });

            await().atMost(WAIT).until(() -> EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING)
                    .contains(sender.getState()));
            assertThat(sent).as("tell must not return while the mailbox is full").isNotDone();

            gate.open();
            assertThat(sent).succeedsWithin(WAIT);
            expectHandledInOrder(2);
            expectNothingElseHandledBefore(ref, "after");
        }
    }

    @Test
    void blockMailboxThrowsMailboxFullExceptionWhenNoSpaceAppearsWithinTheTimeout() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(1, Overflow.BLOCK)
                .withBlockTimeout(Duration.ofMillis(200)));
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            fill(ref, 1);

            Item timedOut = new Item("timed-out");
            assertThatThrownBy(() -> ref.tell(timedOut))
                    .isInstanceOfSatisfying(MailboxFullException.class,
                            e -> assertThat(e.rejectedMessage()).isSameAs(timedOut));
            assertThat(ref.offer(new Item("offered"), SendOptions.DEFAULT)).isEqualTo(Delivery.REJECTED);

            gate.open();
            expectHandledInOrder(1);
            expectNothingElseHandledBefore(ref, "after");
        }
    }

    /** Sends to itself until its own BLOCK mailbox is full, and reports what happened. */
    static final class SelfSender implements Actor<SelfSender.Msg> {
        sealed interface Msg permits Fill, Extra {}

        record Fill(ActorRef<Report> replyTo) implements Msg {}

        record Extra(int n, ActorRef<Report> replyTo) implements Msg {}

        sealed interface Report permits Refused, Handled {}

        record Refused(Object message) implements Report {}

        record Handled(int n) implements Report {}

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Fill(var replyTo) -> {
                    ctx.self().tell(new Extra(1, replyTo)); // fills the mailbox (capacity 1)
                    try {
                        ctx.self().tell(new Extra(2, replyTo));
                    } catch (MailboxFullException e) {
                        replyTo.tell(new Refused(e.rejectedMessage()));
                    }
                }
                case Extra(int n, var replyTo) -> replyTo.tell(new Handled(n));
            }
        }
    }

    @Test
    void actorTellingItsOwnFullBlockMailboxIsRefusedAtOnceInsteadOfDeadlocking() {
        TestProbe<SelfSender.Report> reports = kit.createTestProbe();
        // a timeout far beyond the probe's: only an immediate refusal can pass
        ActorRef<SelfSender.Msg> ref = kit.system().spawnAnonymous(SelfSender::new, Props.defaults()
                .withMailbox(MailboxConfig.bounded(1, Overflow.BLOCK).withBlockTimeout(Duration.ofMinutes(5))));

        ref.tell(new SelfSender.Fill(reports.ref()));

        reports.expectMessage(new SelfSender.Refused(new SelfSender.Extra(2, reports.ref())));
        reports.expectMessage(new SelfSender.Handled(1));
    }

    /** Forwards an item to a target; signals the latch just before and reports after. */
    static final class Forwarder implements Actor<Forwarder.Send> {
        record Send(ActorRef<Cmd> target, Item item, CountDownLatch sending, ActorRef<String> replyTo) {}

        @Override
        public void receive(Send send, ActorContext<Send> ctx) {
            send.sending().countDown();
            send.target().tell(send.item());
            send.replyTo().tell("sent");
        }
    }

    /** Answers every string with "echo " and the string. */
    static final class Echo implements Actor<String> {
        private final ActorRef<String> replyTo;

        Echo(ActorRef<String> replyTo) {
            this.replyTo = replyTo;
        }

        @Override
        public void receive(String msg, ActorContext<String> ctx) {
            replyTo.tell("echo " + msg);
        }
    }

    @Test
    void senderBlockedOnADispatcherThreadDoesNotStarveTheOtherActorsOnThatDispatcher() throws Exception {
        on.onlyOn(DispatcherUnderTest.WORK_STEALING, "about a pool of one thread, which the test makes itself");
        try (Dispatcher singleThread = Dispatcher.workStealing("single", 1);
             ActorTestKit single = ActorTestKit.create(ActorSystemSettings.defaults().withDispatcher(singleThread));
             Gate gate = new Gate()) {
            TestProbe<Cmd> targetHandled = single.createTestProbe();
            TestProbe<String> progress = single.createTestProbe();
            // the held actor waits on a virtual thread: the one dispatcher thread stays free until the send
            ActorRef<Cmd> target = single.system().spawnAnonymous(() -> new Recorder(targetHandled.ref()),
                    Props.defaults()
                            .withMailbox(MailboxConfig.bounded(1, Overflow.BLOCK).withBlockTimeout(Duration.ofMinutes(1)))
                            .withDispatcher(Dispatcher.virtualThreads()));
            ActorRef<Forwarder.Send> forwarder = single.system().spawnAnonymous(Forwarder::new);
            ActorRef<String> echo = single.system().spawnAnonymous(() -> new Echo(progress.ref()));
            holdAt(target, gate);
            target.tell(new Item("queued-0"));

            CountDownLatch sending = new CountDownLatch(1);
            forwarder.tell(new Forwarder.Send(target, new Item("queued-1"), sending, progress.ref()));
            assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
            // the forwarder holds the only dispatcher thread now, waiting for space: the pool must add one
            echo.tell("ping");
            progress.expectMessage("echo ping");

            gate.open();
            progress.expectMessage("sent");
            targetHandled.expectMessage(new Item("queued-0"));
            targetHandled.expectMessage(new Item("queued-1"));
        }
    }

    // ------------------------------------------------------------------ system signals

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DROP", "REJECT", "BLOCK"})
    void stopAndWatchReachAnActorWhoseBoundedMailboxIsFullAndQueuedMessagesBecomeDeadLetters(String policy)
            throws Exception {
        ActorRef<Cmd> ref = spawnRecorder(MailboxConfig.bounded(2, Overflow.valueOf(policy))
                .withBlockTimeout(Duration.ofMillis(1)));
        TestProbe<Object> watcher = kit.createTestProbe();
        try (Gate gate = new Gate()) {
            holdAt(ref, gate);
            fill(ref, 2);

            watcher.watch(ref);
            kit.system().stop(ref);
            gate.open();

            assertThat(watcher.expectTerminated(ref).reason()).isEqualTo(ExitReason.SHUTDOWN);
            deadLetters.expectMessage(new DeadLetter(new Item("queued-0"), ref,
                    DeadLetter.Reason.RECIPIENT_TERMINATED));
            deadLetters.expectMessage(new DeadLetter(new Item("queued-1"), ref,
                    DeadLetter.Reason.RECIPIENT_TERMINATED));
        }
    }
}

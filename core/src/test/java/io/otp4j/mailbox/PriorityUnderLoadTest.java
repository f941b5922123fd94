package io.otp4j.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.Progress;
import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Priority order with many concurrent senders. Each round, the consumer is held at a {@link Gate} while
 * {@value #SENDERS} platform threads send {@value #PER_SENDER} messages each, at random priorities, some
 * declared by the message type, some set per send, some overriding the declaration, all started together so
 * that their sends (and, in a default mailbox, their race to make it a priority mailbox) overlap. Once
 * every send has returned, every message is waiting, so the order the consumer then handles them in must be:
 * <ul>
 *   <li>every message exactly once;</li>
 *   <li>sorted by priority: all CRITICAL, then all HIGH, then all NORMAL, then all LOW;</li>
 *   <li>within one priority, each sender's messages in the order it sent them.</li>
 * </ul>
 * A second kind of round lets the consumer run while the senders send: then only the second and third
 * properties can be checked per sender and priority (which messages were waiting at each poll is unknown),
 * and they must hold.
 */
class PriorityUnderLoadTest {

    private static final int SENDERS = 6;
    private static final int PER_SENDER = 4_000;
    private static final int ROUNDS = 3;
    private static final long WAIT_SECONDS = 60;

    sealed interface Msg permits Plain, Declared, Hold, Report {}

    /** Priority set per send, or NORMAL for a plain tell. */
    record Plain(int sender, int seq, Priority expected) implements Msg {}

    /** Priority declared by the type; possibly overridden per send ({@code expected} is the effective one). */
    record Declared(int sender, int seq, Priority priority, Priority expected) implements Msg, Prioritized {}

    record Hold(Gate gate) implements Msg {}

    record Report(ActorRef<List<Handled>> replyTo) implements Msg {}

    /** What the consumer handled, in order. */
    record Handled(int sender, int seq, Priority expected) {}

    /** Records what it handles; hands the record over and starts a new one on {@link Report}. */
    static final class Consumer implements Actor<Msg> {
        private final AtomicLong handledInAll;
        private List<Handled> handled = new ArrayList<>();

        /** @param handledInAll counts every message handled, for the test to watch the consumer's progress */
        Consumer(AtomicLong handledInAll) {
            this.handledInAll = handledInAll;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) throws InterruptedException {
            switch (msg) {
                case Plain(int sender, int seq, Priority expected) -> record(new Handled(sender, seq, expected));
                case Declared(int sender, int seq, Priority p, Priority expected) ->
                        record(new Handled(sender, seq, expected));
                case Hold(Gate gate) -> gate.pass();
                case Report(var replyTo) -> {
                    replyTo.tell(handled);
                    handled = new ArrayList<>();
                }
            }
        }

        private void record(Handled h) {
            handled.add(h);
            handledInAll.incrementAndGet();
        }
    }

    private ActorTestKit kit;
    private final AtomicLong handledInAll = new AtomicLong();

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    static Stream<Named<MailboxConfig>> mailboxes() {
        return Stream.of(Named.of("default", MailboxConfig.unbounded()),
                Named.of("priority", MailboxConfig.priority()),
                Named.of("bounded priority", MailboxConfig.priority(SENDERS * PER_SENDER + 1, Overflow.REJECT)));
    }

    /** One message of sender {@code s}, number {@code seq}, sent in one of the ways a priority is set. */
    private static void send(ActorRef<Msg> to, int sender, int seq, SplittableRandom random) {
        Priority[] all = Priority.values();
        Priority chosen = all[random.nextInt(all.length)];
        switch (random.nextInt(4)) {
            case 0 -> to.tell(new Plain(sender, seq, chosen), SendOptions.priority(chosen));
            case 1 -> to.tell(new Declared(sender, seq, chosen, chosen)); // declared only
            case 2 -> { // declared, overridden per send
                Priority declared = all[random.nextInt(all.length)];
                to.tell(new Declared(sender, seq, declared, chosen), SendOptions.priority(chosen));
            }
            default -> to.tell(new Plain(sender, seq, Priority.NORMAL)); // a plain tell
        }
    }

    /** Starts the senders together and waits until every send has returned. */
    private static void sendFromManyThreads(ActorRef<Msg> to, long seed) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(SENDERS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            Thread.ofPlatform().name("sender-" + s).start(() -> {
                SplittableRandom random = new SplittableRandom(seed * 31 + sender);
                try {
                    go.await();
                    for (int seq = 0; seq < PER_SENDER; seq++) {
                        send(to, sender, seq, random);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    done.countDown();
                }
            });
        }
        go.countDown();
        assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("senders finished").isTrue();
        assertThat(failure.get()).isNull();
    }

    /**
     * Asks for what was handled, at LOW priority: after every message sent before, whatever its priority.
     * How long the consumer takes for all of them is up to the machine: the wait fails only if it stops.
     */
    private List<Handled> report(ActorRef<Msg> consumer, int rounds) {
        Progress.awaitAtLeast("messages handled", handledInAll::get, (long) rounds * SENDERS * PER_SENDER);
        TestProbe<List<Handled>> probe = kit.createTestProbe();
        consumer.tell(new Report(probe.ref()), SendOptions.priority(Priority.LOW));
        return probe.receiveMessage();
    }

    /** Every message once, and each sender's messages of one priority in the order it sent them. */
    private static void assertEachOnceAndFifoPerSenderAndPriority(List<Handled> handled) {
        assertThat(handled).hasSize(SENDERS * PER_SENDER);
        boolean[][] seen = new boolean[SENDERS][PER_SENDER];
        int[][] last = new int[SENDERS][Priority.values().length];
        for (int[] row : last) {
            Arrays.fill(row, -1);
        }
        for (Handled h : handled) {
            assertThat(seen[h.sender()][h.seq()]).as("%s handled twice", h).isFalse();
            seen[h.sender()][h.seq()] = true;
            int p = h.expected().ordinal();
            assertThat(h.seq()).as("%s after seq %d of its sender and priority", h, last[h.sender()][p])
                    .isGreaterThan(last[h.sender()][p]);
            last[h.sender()][p] = h.seq();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mailboxes")
    void messagesWaitingTogetherAreHandledByPriorityThenPerSenderInOrderWhateverHowTheirPriorityWasSet(
            MailboxConfig mailbox) throws Exception {
        ActorRef<Msg> consumer = kit.system().spawnAnonymous(() -> new Consumer(handledInAll),
                Props.defaults().withMailbox(mailbox));
        for (int round = 0; round < ROUNDS; round++) {
            try (Gate gate = new Gate()) {
                consumer.tell(new Hold(gate));
                gate.awaitArrival();
                sendFromManyThreads(consumer, round);
                gate.open();
                List<Handled> handled = report(consumer, round + 1);

                assertEachOnceAndFifoPerSenderAndPriority(handled);
                for (int i = 1; i < handled.size(); i++) {
                    assertThat(handled.get(i).expected()).as("message %d: %s after %s", i, handled.get(i),
                            handled.get(i - 1)).isGreaterThanOrEqualTo(handled.get(i - 1).expected());
                }
                assertThat(handled).extracting(Handled::expected).contains(Priority.values()); // all four mixed
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mailboxes")
    void messagesSentWhileTheActorRunsArriveOnceAndInOrderPerSenderAndPriority(MailboxConfig mailbox)
            throws Exception {
        ActorRef<Msg> consumer = kit.system().spawnAnonymous(() -> new Consumer(handledInAll),
                Props.defaults().withMailbox(mailbox));
        for (int round = 0; round < ROUNDS; round++) {
            sendFromManyThreads(consumer, 1_000 + round);
            List<Handled> handled = report(consumer, round + 1);

            assertEachOnceAndFifoPerSenderAndPriority(handled);
        }
    }
}

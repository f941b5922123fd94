package io.otp4j.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the default dispatcher guarantees one actor under many concurrent senders: per-sender order, one
 * thread at a time, every message once.
 */
class ConcurrentSendersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ActorTestKit kit;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    /**
     * Checks each message on arrival and reports once it has seen {@code expected} of them. Its counters
     * are plain fields: if two runs overlapped or one did not see the previous one's writes, updates
     * would be lost and the report would never come or would be wrong.
     */
    static final class SequenceChecker implements Actor<SequenceChecker.Numbered> {
        record Numbered(int sender, int seq) {}

        record Summary(int outOfOrder, int overlaps, List<String> firstProblems) {}

        private final AtomicInteger inside = new AtomicInteger();
        private final int expected;
        private final int[] last;
        private final ActorRef<Summary> replyTo;
        private final List<String> problems = new ArrayList<>();
        private int handled;
        private int outOfOrder;
        private int overlaps;

        SequenceChecker(int senders, int expected, ActorRef<Summary> replyTo) {
            this.expected = expected;
            this.last = new int[senders];
            Arrays.fill(last, -1);
            this.replyTo = replyTo;
        }

        @Override
        public void receive(Numbered msg, ActorContext<Numbered> ctx) {
            if (inside.incrementAndGet() != 1) {
                overlaps++;
                note("overlap at " + msg);
            }
            if (msg.seq() != last[msg.sender()] + 1) {
                outOfOrder++;
                note("expected seq " + (last[msg.sender()] + 1) + " from sender " + msg.sender() + ", got " + msg);
            }
            last[msg.sender()] = msg.seq();
            Thread.onSpinWait(); // a little time inside, for an overlapping run to show up in
            if (++handled == expected) {
                replyTo.tell(new Summary(outOfOrder, overlaps, List.copyOf(problems)));
            }
            inside.decrementAndGet();
        }

        private void note(String problem) {
            if (problems.size() < 10) {
                problems.add(problem);
            }
        }
    }

    private SequenceChecker.Summary sendConcurrently(int senders, int perSender) throws InterruptedException {
        TestProbe<SequenceChecker.Summary> summary = kit.createTestProbe();
        ActorRef<SequenceChecker.Numbered> checker =
                kit.spawn(() -> new SequenceChecker(senders, senders * perSender, summary.ref()));
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            threads.add(Thread.ofPlatform().name("sender-" + s).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perSender; i++) {
                    checker.tell(new SequenceChecker.Numbered(sender, i));
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(WAIT.toMillis());
        }
        return summary.receiveMessage(WAIT);
    }

    @Test
    void messagesFromEachSenderArriveInTheOrderSentAndEachExactlyOnce() throws Exception {
        SequenceChecker.Summary summary = sendConcurrently(4, 5_000);

        // a lost message means no summary at all; a duplicate shows as out of order
        assertThat(summary.outOfOrder()).as("out of order: %s", summary.firstProblems()).isZero();
    }

    @Test
    void anActorNeverRunsOnTwoThreadsAtOnce() throws Exception {
        SequenceChecker.Summary summary = sendConcurrently(8, 2_000);

        assertThat(summary.overlaps()).as("overlapping runs: %s", summary.firstProblems()).isZero();
    }
}

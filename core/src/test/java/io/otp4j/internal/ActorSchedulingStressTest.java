package io.otp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The actor scheduling state machine ({@code IDLE -> SCHEDULED -> running -> IDLE | SCHEDULED}, see
 * {@link ActorCell}) under load, through a real {@link ActorSystem}. Throughput 1 makes every message its
 * own run, so the "store IDLE, then re-check the mailbox" step races with producers on every message.
 *
 * <p>The actors keep their counters in plain fields: overlapping runs, or a run that does not see the
 * previous run's writes, lose updates and show as missing or reordered messages.
 *
 * <p>Sizes: each test does its stated size or what its senders get done within {@link Stress#WORK},
 * whichever is less, and then checks all of it; waits fail only when nothing moves for {@link Stress#STALL}
 * (see {@link Stress}).
 */
class ActorSchedulingStressTest {

    /** One numbered message from one sender. */
    record Numbered(int sender, int seq) {}

    /**
     * Checks every message on arrival: handled once, in per-sender order, never while another run of this
     * actor is inside {@code receive}. Counts every message it handled.
     */
    static final class Tally implements Actor<Numbered> {
        private final AtomicInteger inside = new AtomicInteger();
        private final int[] last;
        private final AtomicLong handled;
        private final List<String> problems;
        private final Semaphore[] acks;

        Tally(int senders, AtomicLong handled, List<String> problems, Semaphore[] acks) {
            this.last = new int[senders];
            Arrays.fill(last, -1);
            this.handled = handled;
            this.problems = problems;
            this.acks = acks;
        }

        @Override
        public void receive(Numbered msg, ActorContext<Numbered> ctx) {
            if (inside.incrementAndGet() != 1) {
                note("two runs at once, at " + msg);
            }
            if (msg.seq() != last[msg.sender()] + 1) {
                note("after seq " + last[msg.sender()] + " of sender " + msg.sender() + " came " + msg);
            }
            last[msg.sender()] = msg.seq();
            inside.decrementAndGet();
            if (acks != null) {
                acks[msg.sender()].release();
            }
            handled.incrementAndGet();
        }

        private void note(String problem) {
            synchronized (problems) {
                if (problems.size() < 10) {
                    problems.add(problem);
                }
            }
        }
    }

    /**
     * An actor that sends its share to the target in chunks, yielding its thread between chunks; it stops
     * early when the budget is spent, and records how many it sent.
     */
    static final class ChunkedSender implements Actor<ChunkedSender.SendFrom> {
        record SendFrom(int seq) {}

        private static final int CHUNK = 256;

        private final ActorRef<Numbered> target;
        private final int sender;
        private final int count;
        private final Stress budget;
        private final AtomicIntegerArray sent;
        private final CountDownLatch sendersDone;

        ChunkedSender(ActorRef<Numbered> target, int sender, int count, Stress budget, AtomicIntegerArray sent,
                CountDownLatch sendersDone) {
            this.target = target;
            this.sender = sender;
            this.count = count;
            this.budget = budget;
            this.sent = sent;
            this.sendersDone = sendersDone;
        }

        @Override
        public void receive(SendFrom from, ActorContext<SendFrom> ctx) {
            int end = from.seq() > 0 && budget.spent() ? from.seq() : Math.min(count, from.seq() + CHUNK);
            for (int seq = from.seq(); seq < end; seq++) {
                target.tell(new Numbered(sender, seq));
            }
            if (end < count && end > from.seq()) {
                ctx.self().tell(new SendFrom(end));
            } else {
                sent.set(sender, end);
                sendersDone.countDown();
            }
        }
    }

    private static ActorSystem system(int throughput) {
        return ActorSystem.create("stress-" + throughput, ActorSystemSettings.defaults().withThroughput(throughput));
    }

    @ParameterizedTest(name = "throughput {0}")
    @ValueSource(ints = {64, 1})
    void everyMessageFromConcurrentThreadsAndActorsIsHandledOnceInPerSenderOrderAndNeverConcurrently(
            int throughput) throws Exception {
        int threadSenders = 4;
        int actorSenders = 4;
        int perSender = throughput == 1 ? 50_000 : 100_000;
        int senders = threadSenders + actorSenders;
        AtomicLong handled = new AtomicLong();
        AtomicIntegerArray sent = new AtomicIntegerArray(senders);
        CountDownLatch sendersDone = new CountDownLatch(senders);
        List<String> problems = new ArrayList<>();
        try (ActorSystem system = system(throughput)) {
            ActorRef<Numbered> tally = system.spawn("tally", () -> new Tally(senders, handled, problems, null));
            Stress budget = Stress.startBudget();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < threadSenders; s++) {
                int sender = s;
                threads.add(Thread.ofPlatform().name("sender-" + s).unstarted(() -> {
                    int seq = 0;
                    for (; seq < perSender && budget.keepGoing(seq); seq++) {
                        tally.tell(new Numbered(sender, seq));
                    }
                    sent.set(sender, seq);
                    sendersDone.countDown();
                }));
            }
            List<ActorRef<ChunkedSender.SendFrom>> actors = new ArrayList<>();
            for (int a = 0; a < actorSenders; a++) {
                int sender = threadSenders + a;
                actors.add(system.spawn("sender-" + sender,
                        () -> new ChunkedSender(tally, sender, perSender, budget, sent, sendersDone)));
            }

            threads.forEach(Thread::start);
            actors.forEach(actor -> actor.tell(new ChunkedSender.SendFrom(0)));

            Stress.awaitProgress("senders done", () -> senders - sendersDone.getCount(), senders);
            long total = 0;
            for (int s = 0; s < senders; s++) {
                assertThat(sent.get(s)).as("messages sender %d sent within %s", s, Stress.WORK).isPositive();
                total += sent.get(s);
            }
            Stress.awaitProgress("messages handled", handled::get, total);
            for (Thread t : threads) {
                t.join();
            }
            synchronized (problems) {
                assertThat(problems).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "throughput {0}")
    @ValueSource(ints = {64, 1})
    void messageSentAsTheActorGoesIdleIsNeverStranded(int throughput) throws Exception {
        // each sender waits for its message to be handled before sending the next: every message is the
        // last one in the mailbox, so a message missed by the IDLE re-check would never be handled
        int senders = 4;
        int rounds = 20_000;
        Semaphore[] acks = new Semaphore[senders];
        for (int s = 0; s < senders; s++) {
            acks[s] = new Semaphore(0);
        }
        List<String> problems = new ArrayList<>();
        AtomicReference<String> stranded = new AtomicReference<>();
        AtomicIntegerArray sent = new AtomicIntegerArray(senders);
        try (ActorSystem system = system(throughput)) {
            ActorRef<Numbered> tally = system.spawn("tally",
                    () -> new Tally(senders, new AtomicLong(), problems, acks));
            Stress budget = Stress.startBudget();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                threads.add(Thread.ofPlatform().name("sender-" + s).start(() -> {
                    try {
                        for (int seq = 0; seq < rounds && budget.keepGoing(seq); seq++) {
                            tally.tell(new Numbered(sender, seq));
                            if (!acks[sender].tryAcquire(Stress.STALL.toSeconds(), TimeUnit.SECONDS)) {
                                stranded.compareAndSet(null, "message " + seq + " of sender " + sender
                                        + " was not handled within " + Stress.STALL);
                                return;
                            }
                            sent.set(sender, seq + 1);
                        }
                    } catch (InterruptedException e) {
                        stranded.compareAndSet(null, "interrupted");
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(); // each round waits at most STALL
            }

            assertThat(stranded.get()).isNull();
            for (int s = 0; s < senders; s++) {
                assertThat(sent.get(s)).as("rounds of sender %d", s).isPositive();
            }
            synchronized (problems) {
                assertThat(problems).isEmpty();
            }
        }
    }

    /**
     * Returns the ball until it has made its number of passes, or the budget is spent; the last pass
     * counts the latch down.
     */
    static final class Player implements Actor<Player.Ball> {
        record Ball(int passesLeft, ActorRef<Ball> from) {}

        private final CountDownLatch done;
        private final Stress budget;
        private final AtomicLong passes;

        Player(CountDownLatch done, Stress budget, AtomicLong passes) {
            this.done = done;
            this.budget = budget;
            this.passes = passes;
        }

        @Override
        public void receive(Ball ball, ActorContext<Ball> ctx) {
            if (ball.passesLeft() == 0 || (ball.passesLeft() % 64 == 0 && budget.spent())) {
                done.countDown();
            } else {
                passes.incrementAndGet();
                ball.from().tell(new Ball(ball.passesLeft() - 1, ctx.self()));
            }
        }
    }

    @ParameterizedTest(name = "throughput {0}")
    @ValueSource(ints = {64, 1})
    void manyPingPongPairsAllFinishTheirRallies(int throughput) throws Exception {
        int pairs = 8;
        int passes = 200_000;
        CountDownLatch done = new CountDownLatch(pairs);
        AtomicLong passed = new AtomicLong();
        try (ActorSystem system = system(throughput)) {
            Stress budget = Stress.startBudget();
            List<ActorRef<Player.Ball>> servers = new ArrayList<>();
            List<ActorRef<Player.Ball>> receivers = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                servers.add(system.spawn("server-" + p, () -> new Player(done, budget, passed)));
                receivers.add(system.spawn("receiver-" + p, () -> new Player(done, budget, passed)));
            }

            for (int p = 0; p < pairs; p++) {
                receivers.get(p).tell(new Player.Ball(passes, servers.get(p)));
            }

            // progress is a pass anywhere: a lost ball stops its rally, and with it the latch
            Stress.awaitProgress("passes until every rally ended", passed::get, () -> done.getCount() == 0);
        }
    }
}

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
 */
class ActorSchedulingStressTest {

    private static final long WAIT_SECONDS = 60;

    /** One numbered message from one sender. */
    record Numbered(int sender, int seq) {}

    /**
     * Checks every message on arrival: handled once, in per-sender order, never while another run of this
     * actor is inside {@code receive}. Counts the latch down once per message.
     */
    static final class Tally implements Actor<Numbered> {
        private final AtomicInteger inside = new AtomicInteger();
        private final int[] last;
        private final CountDownLatch remaining;
        private final List<String> problems;
        private final Semaphore[] acks;

        Tally(int senders, CountDownLatch remaining, List<String> problems, Semaphore[] acks) {
            this.last = new int[senders];
            Arrays.fill(last, -1);
            this.remaining = remaining;
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
            remaining.countDown();
        }

        private void note(String problem) {
            synchronized (problems) {
                if (problems.size() < 10) {
                    problems.add(problem);
                }
            }
        }
    }

    /** An actor that sends its share to the target in chunks, yielding its thread between chunks. */
    static final class ChunkedSender implements Actor<ChunkedSender.SendFrom> {
        record SendFrom(int seq) {}

        private static final int CHUNK = 256;

        private final ActorRef<Numbered> target;
        private final int sender;
        private final int count;

        ChunkedSender(ActorRef<Numbered> target, int sender, int count) {
            this.target = target;
            this.sender = sender;
            this.count = count;
        }

        @Override
        public void receive(SendFrom from, ActorContext<SendFrom> ctx) {
            int end = Math.min(count, from.seq() + CHUNK);
            for (int seq = from.seq(); seq < end; seq++) {
                target.tell(new Numbered(sender, seq));
            }
            if (end < count) {
                ctx.self().tell(new SendFrom(end));
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
        CountDownLatch remaining = new CountDownLatch(senders * perSender);
        List<String> problems = new ArrayList<>();
        try (ActorSystem system = system(throughput)) {
            ActorRef<Numbered> tally = system.spawn("tally", () -> new Tally(senders, remaining, problems, null));
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < threadSenders; s++) {
                int sender = s;
                threads.add(Thread.ofPlatform().name("sender-" + s).start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int seq = 0; seq < perSender; seq++) {
                        tally.tell(new Numbered(sender, seq));
                    }
                }));
            }
            for (int a = 0; a < actorSenders; a++) {
                int sender = threadSenders + a;
                ActorRef<ChunkedSender.SendFrom> actor =
                        system.spawn("sender-" + sender, () -> new ChunkedSender(tally, sender, perSender));
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    actor.tell(new ChunkedSender.SendFrom(0));
                }));
            }

            go.countDown();

            boolean all = remaining.await(WAIT_SECONDS, TimeUnit.SECONDS);
            for (Thread t : threads) {
                t.join();
            }
            synchronized (problems) {
                assertThat(problems).isEmpty();
            }
            assertThat(all).as("all handled; %d messages missing", remaining.getCount()).isTrue();
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
        try (ActorSystem system = system(throughput)) {
            ActorRef<Numbered> tally = system.spawn("tally",
                    () -> new Tally(senders, new CountDownLatch(senders * rounds), problems, acks));
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                threads.add(Thread.ofPlatform().name("sender-" + s).start(() -> {
                    try {
                        for (int seq = 0; seq < rounds; seq++) {
                            tally.tell(new Numbered(sender, seq));
                            if (!acks[sender].tryAcquire(10, TimeUnit.SECONDS)) {
                                stranded.compareAndSet(null, "message " + seq + " of sender " + sender
                                        + " was never handled");
                                return;
                            }
                        }
                    } catch (InterruptedException e) {
                        stranded.compareAndSet(null, "interrupted");
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            }

            assertThat(stranded.get()).isNull();
            synchronized (problems) {
                assertThat(problems).isEmpty();
            }
        }
    }

    /** Returns the ball until it has made its number of passes; the last one counts the latch down. */
    static final class Player implements Actor<Player.Ball> {
        record Ball(int passesLeft, ActorRef<Ball> from) {}

        private final CountDownLatch done;

        Player(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void receive(Ball ball, ActorContext<Ball> ctx) {
            if (ball.passesLeft() == 0) {
                done.countDown();
            } else {
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
        try (ActorSystem system = system(throughput)) {
            List<ActorRef<Player.Ball>> servers = new ArrayList<>();
            List<ActorRef<Player.Ball>> receivers = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                servers.add(system.spawn("server-" + p, () -> new Player(done)));
                receivers.add(system.spawn("receiver-" + p, () -> new Player(done)));
            }

            for (int p = 0; p < pairs; p++) {
                receivers.get(p).tell(new Player.Ball(passes, servers.get(p)));
            }

            assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("%d of %d rallies unfinished", done.getCount(), pairs).isTrue();
        }
    }
}

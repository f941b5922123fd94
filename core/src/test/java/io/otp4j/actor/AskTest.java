package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import io.otp4j.timer.Cancellable;
import io.otp4j.timer.Scheduler;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request-response with {@link ActorRef#ask}, from outside and from inside actors. */
@OnEveryDispatcher
class AskTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final Duration NEVER = Duration.ofDays(1);

    private final DispatcherUnderTest on;

    AskTest(DispatcherUnderTest on) {
        this.on = on;
    }

    sealed interface EchoMsg permits Echo {}

    /** Replies with the text, tagged with the request number, so a wrong pairing shows. */
    record Echo(int n, ActorRef<Reply> replyTo) implements EchoMsg {}

    record Reply(int n, String text) {}

    sealed interface HolderMsg permits Hold, AnswerNow {}

    /** Keeps the reply address without answering. */
    record Hold(ActorRef<String> replyTo) implements HolderMsg {}

    /** Answers the held request now. */
    record AnswerNow(String answer) implements HolderMsg {}

    sealed interface AskerMsg permits AskEcho, Answered {}

    record AskEcho(ActorRef<EchoMsg> target, int n) implements AskerMsg {}

    record Answered(Reply reply, Throwable failure) implements AskerMsg {}

    private static Scripted.Spec<EchoMsg> echo() {
        return Scripted.receiving((msg, ctx) -> {
            switch (msg) {
                case Echo(var n, var replyTo) -> replyTo.tell(new Reply(n, "echo " + n));
            }
        });
    }

    @Test
    void askFromOutsideCompletesWithTheReply() {
        try (var kit = on.testKit()) {
            ActorRef<EchoMsg> echo = kit.spawn("echo", echo());

            Reply reply = echo.<Reply>ask(r -> new Echo(7, r), GENEROUS).toCompletableFuture().join();

            assertThat(reply).isEqualTo(new Reply(7, "echo 7"));
        }
    }

    @Test
    void askFromInsideAnActorDeliversTheReplyThroughPipeToSelf() {
        try (var kit = on.testKit()) {
            TestProbe<Object> probe = kit.createTestProbe();
            ActorRef<EchoMsg> echo = kit.spawn("echo", echo());
            ActorRef<AskerMsg> asker = kit.spawn("asker", Scripted.<AskerMsg>receiving((msg, ctx) -> {
                switch (msg) {
                    case AskEcho(var target, var n) -> ctx.pipeToSelf(
                            target.<Reply>ask(r -> new Echo(n, r), GENEROUS), Answered::new);
                    case Answered(var reply, var failure) -> probe.ref().tell(failure != null ? failure : reply);
                }
            }));

            asker.tell(new AskEcho(echo, 1));
            asker.tell(new AskEcho(echo, 2));

            assertThat(probe.receiveMessages(2)).containsExactlyInAnyOrder(new Reply(1, "echo 1"),
                    new Reply(2, "echo 2"));
        }
    }

    @Test
    void pipeToSelfDeliversAFailureAsAMessageToo() {
        try (var kit = on.testKit()) {
            TestProbe<Object> probe = kit.createTestProbe();
            RuntimeException failure = new IllegalStateException("computation failed");
            ActorRef<AskerMsg> asker = kit.spawn("asker", Scripted.<AskerMsg>receiving((msg, ctx) -> {
                switch (msg) {
                    case AskEcho ignoredRequest -> ctx.pipeToSelf(
                            CompletableFuture.<Reply>failedFuture(failure), Answered::new);
                    case Answered(var reply, var cause) -> probe.ref().tell(cause != null ? cause : reply);
                }
            }));

            asker.tell(new AskEcho(null, 0));

            assertThat(probe.receiveMessage()).isSameAs(failure);
        }
    }

    @Test
    void askWithoutAReplyFailsWithAskTimeoutExceptionWhenTheTimeoutPasses() {
        try (var kit = on.manualTimeTestKit()) {
            ActorRef<HolderMsg> holder = kit.spawn("holder", Scripted.ignoring());

            CompletableFuture<String> answer = holder.<String>ask(Hold::new, Duration.ofSeconds(3))
                    .toCompletableFuture();
            kit.manualTime().advance(Duration.ofMillis(2_999));
            assertThat(answer).isNotDone();
            kit.manualTime().advance(Duration.ofMillis(1));

            assertThat(answer).isCompletedExceptionally();
            assertThatThrownBy(answer::join).hasCauseInstanceOf(AskTimeoutException.class)
                    .cause().hasMessageContaining(holder.toString());
        }
    }

    @Test
    void aReplyAfterTheTimeoutBecomesALateReplyDeadLetter() {
        try (var kit = on.manualTimeTestKit()) {
            TestProbe<DeadLetter> deadLetters = kit.createTestProbe();
            TestProbe<ActorRef<String>> heldAddresses = kit.createTestProbe();
            kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
            ActorRef<HolderMsg> holder = kit.spawn("holder", holderThatAnswersLate(heldAddresses.ref()));

            CompletableFuture<String> answer = holder.<String>ask(Hold::new, Duration.ofSeconds(1))
                    .toCompletableFuture();
            ActorRef<String> replyAddress = heldAddresses.receiveMessage();
            kit.manualTime().advance(Duration.ofSeconds(1));
            assertThat(answer).isCompletedExceptionally();

            holder.tell(new AnswerNow("too late"));

            DeadLetter late = deadLetters.receiveMessage();
            assertThat(late.reason()).isEqualTo(DeadLetter.Reason.LATE_REPLY);
            assertThat(late.message()).isEqualTo("too late");
            assertThat(late.recipient()).isEqualTo(replyAddress);
            assertThat(answer.isCompletedExceptionally()).isTrue();
        }
    }

    private static Scripted.Spec<HolderMsg> holderThatAnswersLate(ActorRef<ActorRef<String>> report) {
        List<ActorRef<String>> held = new ArrayList<>();
        return Scripted.receiving((msg, ctx) -> {
            switch (msg) {
                case Hold(var replyTo) -> {
                    held.add(replyTo);
                    report.tell(replyTo);
                }
                case AnswerNow(var answer) -> held.forEach(r -> r.tell(answer));
            }
        });
    }

    @Test
    void aSecondReplyToTheSameAskIsALateReplyDeadLetterAndDoesNotChangeTheAnswer() {
        try (var kit = on.testKit()) {
            TestProbe<DeadLetter> deadLetters = kit.createTestProbe();
            kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
            ActorRef<EchoMsg> twice = kit.spawn("twice", Scripted.<EchoMsg>receiving((msg, ctx) -> {
                switch (msg) {
                    case Echo(var n, var replyTo) -> {
                        replyTo.tell(new Reply(n, "first"));
                        replyTo.tell(new Reply(n, "second"));
                    }
                }
            }));

            Reply reply = twice.<Reply>ask(r -> new Echo(1, r), GENEROUS).toCompletableFuture().join();

            assertThat(reply).isEqualTo(new Reply(1, "first"));
            DeadLetter late = deadLetters.receiveMessage();
            assertThat(late.reason()).isEqualTo(DeadLetter.Reason.LATE_REPLY);
            assertThat(late.message()).isEqualTo(new Reply(1, "second"));
        }
    }

    @Test
    void manyConcurrentAsksEachGetTheirOwnReply() throws Exception {
        int threads = 8;
        int asksPerThread = 1_250; // 10,000 in all
        try (var kit = on.testKit()) {
            List<ActorRef<EchoMsg>> echoes = List.of(kit.spawn("echo-1", echo()), kit.spawn("echo-2", echo()),
                    kit.spawn("echo-3", echo()));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<String>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        start.await();
                        List<CompletableFuture<Reply>> pending = new ArrayList<>();
                        List<Integer> numbers = new ArrayList<>();
                        for (int i = 0; i < asksPerThread; i++) {
                            int n = thread * asksPerThread + i;
                            numbers.add(n);
                            // all 10,000 asks are sent at once: their timeout would be a deadline for all
                            // of them together, so it is one that never fires; each reply's wait is GENEROUS
                            pending.add(echoes.get(n % echoes.size())
                                    .<Reply>ask(r -> new Echo(n, r), NEVER).toCompletableFuture());
                        }
                        List<String> wrong = new ArrayList<>();
                        for (int i = 0; i < pending.size(); i++) {
                            int n = numbers.get(i);
                            Reply reply = pending.get(i).get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
                            if (!reply.equals(new Reply(n, "echo " + n))) {
                                wrong.add("ask " + n + " got " + reply);
                            }
                        }
                        return wrong;
                    }));
                }
                start.countDown();

                List<String> wrong = new ArrayList<>();
                for (Future<List<String>> f : results) {
                    wrong.addAll(f.get()); // each reply's wait inside is bounded by GENEROUS
                }
                assertThat(wrong).isEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void askToATerminatedActorFailsWithDeadActorException() {
        try (var kit = on.testKit()) {
            TestProbe<Object> probe = kit.createTestProbe();
            ActorRef<EchoMsg> echo = kit.spawn("echo", echo());
            kit.system().stop(echo);
            probe.expectTerminated(echo);

            CompletableFuture<Reply> answer = echo.<Reply>ask(r -> new Echo(1, r), GENEROUS).toCompletableFuture();

            assertThat(answer).failsWithin(GENEROUS)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(DeadActorException.class);
        }
    }

    @Test
    void askRejectsANonPositiveTimeout() {
        try (var kit = on.testKit()) {
            ActorRef<EchoMsg> echo = kit.spawn("echo", echo());

            assertThatThrownBy(() -> echo.<Reply>ask(r -> new Echo(1, r), Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> echo.<Reply>ask(r -> new Echo(1, r), Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ------------------------------------------------------------------ timeouts too long for nanoseconds

    @ParameterizedTest(name = "manual time: {0}")
    @ValueSource(booleans = {false, true})
    void askWithAnEndlessTimeoutDeliversTheRequestThrowsNothingAndStillGetsItsReply(boolean manualTime) {
        Supplier<ActorTestKit> kits = manualTime ? on::manualTimeTestKit : on::testKit;
        try (var kit = kits.get()) {
            TestProbe<ActorRef<String>> heldAddresses = kit.createTestProbe();
            ActorRef<HolderMsg> holder = kit.spawn("holder", holderThatAnswersLate(heldAddresses.ref()));
            List<CompletableFuture<String>> answers = new ArrayList<>();

            for (Duration endless : List.of(ChronoUnit.FOREVER.getDuration(),
                    ChronoUnit.YEARS.getDuration().multipliedBy(300))) {
                assertThatCode(() -> answers.add(holder.<String>ask(Hold::new, endless).toCompletableFuture()))
                        .as("ask with %s", endless).doesNotThrowAnyException();
                heldAddresses.receiveMessage(); // the request was delivered
            }
            if (manualTime) {
                kit.manualTime().advance(ChronoUnit.YEARS.getDuration().multipliedBy(250));
            }
            assertThat(answers).noneMatch(CompletableFuture::isDone);

            holder.tell(new AnswerNow("at last"));

            for (CompletableFuture<String> answer : answers) {
                assertThat(answer).succeedsWithin(GENEROUS).isEqualTo("at last");
            }
        }
    }

    /** A scheduler that refuses every timer: stands for a custom one that cannot take a delay. */
    private static final class RefusingScheduler implements Scheduler {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Cancellable scheduleOnce(Duration delay, Runnable task) {
            throw new IllegalStateException("refused: " + delay);
        }

        @Override
        public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
            throw new IllegalStateException("refused: " + period);
        }

        @Override
        public void close() {}
    }

    @Test
    void aSchedulerThatRefusesTheTimeoutFailsTheAskAfterDeliveryInsteadOfThrowing() {
        try (var kit = on.testKit(ActorSystemSettings.defaults().withScheduler(RefusingScheduler::new))) {
            TestProbe<ActorRef<String>> heldAddresses = kit.createTestProbe();
            ActorRef<HolderMsg> holder = kit.spawn("holder", holderThatAnswersLate(heldAddresses.ref()));
            List<CompletableFuture<String>> answers = new ArrayList<>();

            assertThatCode(() -> answers.add(holder.<String>ask(Hold::new, Duration.ofSeconds(1)).toCompletableFuture()))
                    .doesNotThrowAnyException();

            heldAddresses.receiveMessage(); // delivered
            assertThat(answers.getFirst()).failsWithin(GENEROUS).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("refused: PT1S");
        }
    }

    // ------------------------------------------------------------------ a completed ask holds nothing

    /** A reply big enough to notice, and weakly referenced by the test. */
    record BigReply(byte[] bytes) {}

    sealed interface BigMsg permits GetBig {}

    record GetBig(ActorRef<BigReply> replyTo) implements BigMsg {}

    /** Asks once, waits for the reply and returns only a weak reference to it. */
    private static WeakReference<BigReply> askAndForget(ActorRef<BigMsg> server) {
        BigReply reply = server.<BigReply>ask(GetBig::new, Duration.ofHours(1)).toCompletableFuture().join();
        return new WeakReference<>(reply);
    }

    @Test
    void aCompletedAskLeavesItsReplyCollectableAtOnceNotWhenItsTimeoutWouldHaveFired() {
        try (var kit = on.testKit()) {
            ActorRef<BigMsg> server = kit.spawn("server", Scripted.<BigMsg>receiving((msg, ctx) -> {
                switch (msg) {
                    case GetBig(var replyTo) -> replyTo.tell(new BigReply(new byte[1 << 20]));
                }
            }));

            WeakReference<BigReply> reply = askAndForget(server);

            // only the ask's cancelled timeout could still reach the reply, for an hour; a GC clears an
            // unreachable one at once, so the bound is generous
            await("collection of the reply").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        System.gc();
                        return reply.get() == null;
                    });
        }
    }

    // ------------------------------------------------------------------ the timeout's exception

    @Test
    void theTimeoutExceptionNamesTheTargetAndTheTimeoutAndRecordsNoStackTrace() {
        try (var kit = on.manualTimeTestKit()) {
            ActorRef<HolderMsg> holder = kit.spawn("holder", Scripted.ignoring());

            CompletableFuture<String> answer = holder.<String>ask(Hold::new, Duration.ofMillis(1_500))
                    .toCompletableFuture();
            kit.manualTime().advance(Duration.ofMillis(1_500));

            assertThat(answer).isCompletedExceptionally();
            Throwable timeout = answer.handle((r, e) -> e).join();
            assertThat(timeout).isInstanceOf(AskTimeoutException.class)
                    .hasMessage("no reply from " + holder + " within 1500 ms");
            assertThat(timeout.getStackTrace()).as("a timeout is routine: no stack walk per timeout").isEmpty();
        }
    }
}

package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.event.DeadLetter;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Request-response with {@link ActorRef#ask}, from outside and from inside actors. */
class AskTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final Duration NEVER = Duration.ofDays(1);

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
        try (var kit = ActorTestKit.create()) {
            ActorRef<EchoMsg> echo = kit.spawn("echo", echo());

            Reply reply = echo.<Reply>ask(r -> new Echo(7, r), GENEROUS).toCompletableFuture().join();

            assertThat(reply).isEqualTo(new Reply(7, "echo 7"));
        }
    }

    @Test
    void askFromInsideAnActorDeliversTheReplyThroughPipeToSelf() {
        try (var kit = ActorTestKit.create()) {
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
        try (var kit = ActorTestKit.create()) {
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
        try (var kit = ActorTestKit.withManualTime()) {
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
        try (var kit = ActorTestKit.withManualTime()) {
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
        try (var kit = ActorTestKit.create()) {
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
        try (var kit = ActorTestKit.create()) {
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
        try (var kit = ActorTestKit.create()) {
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
        try (var kit = ActorTestKit.create()) {
            ActorRef<EchoMsg> echo = kit.spawn("echo", echo());

            assertThatThrownBy(() -> echo.<Reply>ask(r -> new Echo(1, r), Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> echo.<Reply>ask(r -> new Echo(1, r), Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

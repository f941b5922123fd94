package io.otp4j.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.AskTimeoutException;
import io.otp4j.actor.DeadLetter;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request-response through the broker: correlated by a one-shot reply address per request, with timeouts
 * from the system scheduler (manual time here, so timeouts fire exactly when the test says).
 */
@OnEveryDispatcher
class RequestResponseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final DispatcherUnderTest on;

    RequestResponseTest(DispatcherUnderTest on) {
        this.on = on;
    }

    /** A request carrying its number, so that a misrouted reply would show. */
    record Query(int n, ActorRef<Answer> replyTo) {}

    record Answer(int n) {}

    /** Replies to even-numbered queries at once; keeps odd ones, and answers them late on {@link #LATE}. */
    static final class Responder implements Actor<Object> {
        static final Object LATE = "answer the held ones now";
        private final List<Query> held = new ArrayList<>();

        @Override
        public void receive(Object message, ActorContext<Object> ctx) {
            if (message instanceof Query q) {
                if (q.n() % 2 == 0) {
                    q.replyTo().tell(new Answer(q.n()));
                } else {
                    held.add(q);
                }
            } else if (message == LATE) {
                held.forEach(q -> q.replyTo().tell(new Answer(q.n())));
                held.clear();
            }
        }
    }

    private static final ServiceKey<Object> RESPONDER = ServiceKey.of("responder", Object.class);

    private ActorTestKit kit;
    private MessageBroker broker;
    private TestProbe<DeadLetter> deadLetters;
    private ActorRef<Object> responder;

    @BeforeEach
    void start() {
        kit = on.manualTimeTestKit();
        broker = MessageBroker.of(kit.system());
        deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        responder = kit.spawn(Responder::new);
        Registry.of(kit.system()).register(RESPONDER, responder);
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private CompletableFuture<Answer> query(int n) {
        return broker.<Object, Answer>request(RESPONDER, r -> new Query(n, r), TIMEOUT).toCompletableFuture();
    }

    @Test
    void aRequestByNameCompletesWithItsReply() throws Exception {
        assertThat(query(2).get(10, TimeUnit.SECONDS)).isEqualTo(new Answer(2));
    }

    @Test
    void aRequestToANameNobodyHoldsFailsWithNoSuchNameAndSendsNothing() {
        ServiceKey<Object> nobody = ServiceKey.of("nobody", Object.class);

        CompletableFuture<Answer> answer = broker.<Object, Answer>request(nobody, r -> new Query(1, r), TIMEOUT)
                .toCompletableFuture();

        assertThat(answer).isCompletedExceptionally();
        assertThatThrownBy(answer::join).hasCauseInstanceOf(NoSuchNameException.class)
                .cause().hasMessageContaining("nobody");
    }

    @Test
    void aRequestWithoutReplyFailsWithAskTimeoutExactlyWhenItsTimeoutPasses() {
        CompletableFuture<Answer> answer = query(1);

        kit.manualTime().advance(TIMEOUT.minusMillis(1));
        assertThat(answer).isNotDone();
        kit.manualTime().advance(Duration.ofMillis(1));

        assertThatThrownBy(answer::join).hasCauseInstanceOf(AskTimeoutException.class);
    }

    @Test
    void aReplyAfterTheTimeoutIsALateReplyDeadLetterAndChangesNothing() {
        CompletableFuture<Answer> answer = query(1);
        kit.manualTime().advance(TIMEOUT);
        assertThat(answer).isCompletedExceptionally();

        responder.tell(Responder.LATE);

        DeadLetter late = deadLetters.receiveMessage();
        assertThat(late.reason()).isEqualTo(DeadLetter.Reason.LATE_REPLY);
        assertThat(late.message()).isEqualTo(new Answer(1));
        assertThatThrownBy(answer::join).hasCauseInstanceOf(AskTimeoutException.class);
    }

    @Test
    void underLoadEveryAnsweredRequestGetsItsOwnReplyAndEveryOtherTimesOut() throws Exception {
        int threads = 8;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<CompletableFuture<Answer>>>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                sent.add(pool.submit(() -> {
                    go.await();
                    List<CompletableFuture<Answer>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(query(base + i));
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<CompletableFuture<Answer>> all = new ArrayList<>();
            for (Future<List<CompletableFuture<Answer>>> f : sent) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }

            for (int n = 0; n < all.size(); n += 2) { // the even ones are answered without any time passing
                assertThat(all.get(n).get(30, TimeUnit.SECONDS)).isEqualTo(new Answer(n));
            }
            // every request has reached the responder once this query is answered: the mailbox is FIFO
            assertThat(query(all.size()).get(30, TimeUnit.SECONDS)).isEqualTo(new Answer(all.size()));
            kit.manualTime().advance(TIMEOUT);

            for (int n = 1; n < all.size(); n += 2) {
                CompletableFuture<Answer> odd = all.get(n);
                assertThat(odd).as("request %d", n).isCompletedExceptionally();
                assertThatThrownBy(odd::get).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(AskTimeoutException.class);
            }
            responder.tell(Responder.LATE); // late answers must not complete anything
            List<DeadLetter> late = deadLetters.receiveMessages(all.size() / 2);
            assertThat(late).allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetter.Reason.LATE_REPLY));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestNeedsAPositiveTimeoutAndNoNulls() {
        assertThatThrownBy(() -> broker.<Object, Answer>request(RESPONDER, r -> new Query(1, r), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatNullPointerException().isThrownBy(() -> broker.<Object, Answer>request(null, r -> new Query(1, r),
                TIMEOUT)).withMessageContaining("name");
        assertThatNullPointerException().isThrownBy(() -> broker.<Object, Answer>request(RESPONDER, null, TIMEOUT))
                .withMessageContaining("request");
        assertThatNullPointerException().isThrownBy(() -> broker.<Object, Answer>request(RESPONDER,
                r -> new Query(1, r), null)).withMessageContaining("timeout");
    }
}

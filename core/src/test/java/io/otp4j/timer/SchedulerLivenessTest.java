package io.otp4j.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.AskTimeoutException;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import io.otp4j.timer.Ticker.Cmd;
import io.otp4j.timer.Ticker.Done;
import io.otp4j.timer.Ticker.Event;
import io.otp4j.timer.Ticker.StartSingle;
import io.otp4j.timer.Ticker.Started;
import io.otp4j.timer.Ticker.Ticked;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The system scheduler on real time: the runtime's own timers keep firing whatever the tasks that users
 * schedule through {@code system.scheduler()} do, and a cancelled or replaced timer holds nothing.
 */
class SchedulerLivenessTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    /** Never answers. */
    private static final class Silent implements Actor<Object> {
        @Override
        public void receive(Object message, ActorContext<Object> ctx) {}
    }

    private ActorTestKit kit;
    private TestProbe<Event> events;
    private ActorRef<Cmd> ticker;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create();
        events = kit.createTestProbe();
        ticker = kit.spawn(() -> new Ticker(events.ref(), 1));
        events.expectMessage(new Started(1));
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private void command(Cmd cmd) {
        ticker.tell(cmd);
        events.expectMessage(new Done(cmd));
    }

    @Test
    void askTimeoutsAndActorTimersFireWhileAUserTaskBlocks() throws InterruptedException {
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        kit.system().scheduler().scheduleOnce(Duration.ZERO, () -> {
            blocking.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(blocking.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
            ActorRef<Object> silent = kit.spawn(Silent::new);

            CompletableFuture<Object> answer = silent.ask(replyTo -> "anyone?", Duration.ofMillis(20))
                    .toCompletableFuture();
            command(new StartSingle("t", "fired", Duration.ofMillis(20)));

            assertThat(answer).failsWithin(GENEROUS).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(AskTimeoutException.class);
            events.expectMessage(GENEROUS, new Ticked("fired"));
            assertThat(release.getCount()).as("the user task is still blocked").isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCallbackThatBlocksOnATimedOutAskHoldsUpNeitherOtherTimeoutsNorActorTimers() throws InterruptedException {
        ActorRef<Object> silent = kit.spawn(Silent::new);
        Thread testThread = Thread.currentThread();
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> callbackThread = new AtomicReference<>();
        try {
            // the callback must be attached before the timeout fires; on a starved machine it may not be,
            // and then it runs here at once: try again with a timeout ten times longer
            for (long timeoutMillis = 100; blocking.getCount() > 0 && timeoutMillis <= 100_000; timeoutMillis *= 10) {
                AtomicBoolean ranHere = new AtomicBoolean();
                CompletionStage<Object> first = silent.ask(replyTo -> "first", Duration.ofMillis(timeoutMillis));
                first.whenComplete((r, e) -> {
                    if (Thread.currentThread() == testThread) {
                        ranHere.set(true);
                        return;
                    }
                    callbackThread.set(Thread.currentThread().getName());
                    blocking.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                });
                if (!ranHere.get()) {
                    blocking.await(timeoutMillis + GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            assertThat(blocking.getCount()).as("a callback is blocked").isZero();
            assertThat(callbackThread.get()).isNotEqualTo("otp4j-scheduler");

            CompletableFuture<Object> second = silent.ask(replyTo -> "second", Duration.ofMillis(20))
                    .toCompletableFuture();
            command(new StartSingle("t", "fired", Duration.ofMillis(20)));

            assertThat(second).failsWithin(GENEROUS).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(AskTimeoutException.class);
            events.expectMessage(GENEROUS, new Ticked("fired"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void userTasksStillRunInOrderAfterOneBlockedForAWhile() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch after = new CountDownLatch(1);
        kit.system().scheduler().scheduleOnce(Duration.ZERO, () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        kit.system().scheduler().scheduleOnce(Duration.ofMillis(1), after::countDown);

        release.countDown();

        assertThat(after.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void restartingAnIdleTimerOnEveryMessageLeavesTheReplacedTimersCollectable() {
        String label = new String("idle-1"); // a fresh object: nothing else refers to it
        WeakReference<String> firstLabel = new WeakReference<>(label);
        command(new StartSingle("idle", label, Duration.ofHours(1)));
        label = null;

        command(new StartSingle("idle", "idle-2", Duration.ofHours(1))); // replaces and cancels the first

        // only the cancelled timer could still reach the first label, for an hour; a GC clears an
        // unreachable one at once, so the bound is generous
        await("collection of the replaced timer's message").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    System.gc();
                    return firstLabel.get() == null;
                });
    }
}

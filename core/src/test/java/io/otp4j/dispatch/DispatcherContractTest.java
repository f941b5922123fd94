package io.otp4j.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadActorException;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.actor.ShutdownReport;
import io.otp4j.actor.Signal;
import io.otp4j.internal.RuntimeAccess;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.testkit.CallingThreadDispatcher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same actor contract on every kind of dispatcher: the default pool, virtual threads, the testkit's
 * calling-thread dispatcher; and what happens on a dispatcher that refuses to run anything, so that the
 * refusing paths are exercised: the actor terminates with the refusal as its exit reason, its watchers hear
 * of it, and nothing sent to it is lost or reported as enqueued. Refusals later in an actor's life are in
 * {@link RefusedRunsTest}; the behaviour suites run on every dispatcher through {@link OnEveryDispatcher}.
 */
class DispatcherContractTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    static Stream<Arguments> runningDispatchers() {
        return Stream.of(
                Arguments.of("pool", (Supplier<Dispatcher>) () -> Dispatcher.workStealing("contract", 2)),
                Arguments.of("virtual threads", (Supplier<Dispatcher>) Dispatcher::virtualThreads),
                Arguments.of("calling thread", (Supplier<Dispatcher>) CallingThreadDispatcher::new));
    }

    /** Counts, answers, watches, and records its postStop. */
    static final class Counter implements Actor<Counter.Msg> {
        sealed interface Msg permits Add, Get {}

        record Add(int n) implements Msg {}

        record Get(ActorRef<Integer> replyTo) implements Msg {}

        private final AtomicInteger postStops;
        private int total;

        Counter(AtomicInteger postStops) {
            this.postStops = postStops;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Add(int n) -> total += n;
                case Get(var replyTo) -> replyTo.tell(total);
            }
        }

        @Override
        public void postStop(ActorContext<Msg> ctx) {
            postStops.incrementAndGet();
        }
    }

    /**
     * Completes a future with the exit reason of the actor it watches; returns once the watch is on its way,
     * so that the target's later end is told with its reason (a watch that finds it dead hears noproc).
     */
    static <M> ActorRef<Void> watcher(ActorSystem system, ActorRef<M> target, CompletableFuture<ExitReason> heard)
            throws InterruptedException {
        CountDownLatch watching = new CountDownLatch(1);
        ActorRef<Void> watcher = system.spawnAnonymous(() -> new Actor<Void>() {
            @Override
            public void preStart(ActorContext<Void> ctx) {
                ctx.watch(target);
                watching.countDown();
            }

            @Override
            public void receive(Void message, ActorContext<Void> ctx) {}

            @Override
            public void onSignal(Signal signal, ActorContext<Void> ctx) {
                if (signal instanceof Signal.Terminated t) {
                    heard.complete(t.reason());
                }
            }
        });
        assertThat(watching.await(30, TimeUnit.SECONDS)).as("the watcher watches").isTrue();
        return watcher;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runningDispatchers")
    void tellAskWatchStopAndCloseBehaveAlike(String kind, Supplier<Dispatcher> dispatchers) throws Exception {
        Dispatcher dispatcher = dispatchers.get();
        AtomicInteger postStops = new AtomicInteger();
        ActorSystem system = ActorSystem.create("contract");
        try {
            Props props = Props.defaults().withDispatcher(dispatcher);
            ActorRef<Counter.Msg> counter = system.spawn("counter", () -> new Counter(postStops), props);
            for (int i = 1; i <= 100; i++) {
                counter.tell(new Counter.Add(i));
            }
            int total = counter.<Integer>ask(Counter.Get::new, HANG).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(total).isEqualTo(5050);

            CompletableFuture<ExitReason> heard = new CompletableFuture<>();
            watcher(system, counter, heard);
            system.stop(counter);
            assertThat(heard.get(30, TimeUnit.SECONDS)).isEqualTo(ExitReason.SHUTDOWN);
            assertThat(postStops.get()).isEqualTo(1);
            assertThat(counter.offer(new Counter.Add(1), SendOptions.DEFAULT)).isEqualTo(Delivery.DEAD_LETTER);

            ActorRef<Counter.Msg> late = system.spawn("late", () -> new Counter(postStops), props);
            late.tell(new Counter.Add(1));
            ShutdownReport report = system.shutdown(HANG);
            assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.CLEAN);
            assertThat(postStops.get()).isEqualTo(2);
        } finally {
            system.close();
            dispatcher.close();
        }
    }

    @Test
    void anActorWhoseDispatcherRefusesItTerminatesAndLosesNothing() throws Exception {
        RejectingDispatcher refusing = RejectingDispatcher.refusingEverything();
        try (ActorSystem system = ActorSystem.create("refused")) {
            AtomicInteger postStops = new AtomicInteger();
            ActorRef<Counter.Msg> counter = system.spawn("counter", () -> new Counter(postStops),
                    Props.defaults().withDispatcher(refusing));
            // it terminates at once, before anyone can watch it: a termination hook still hears the reason
            CompletableFuture<ExitReason> heard = new CompletableFuture<>();
            RuntimeAccess.onTermination(counter, heard::complete);

            ExitReason reason = heard.get(30, TimeUnit.SECONDS);
            assertThat(reason).isInstanceOfSatisfying(ExitReason.Failed.class,
                    f -> assertThat(f.cause()).isInstanceOf(RejectedExecutionException.class));
            assertThat(refusing.refused()).isPositive();
            assertThat(postStops.get()).isZero(); // never started: no hook ran on a sender's thread

            long before = system.eventStream().deadLetterCount();
            counter.tell(new Counter.Add(1));
            assertThat(counter.offer(new Counter.Add(2), SendOptions.DEFAULT)).isEqualTo(Delivery.DEAD_LETTER);
            assertThatThrownBy(() -> counter.<Integer>ask(Counter.Get::new, HANG).toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(DeadActorException.class);
            assertThat(system.eventStream().deadLetterCount()).isEqualTo(before + 3);
            assertThat(system.shutdown(HANG).outcome()).isEqualTo(ShutdownReport.Outcome.CLEAN);
        }
    }
}

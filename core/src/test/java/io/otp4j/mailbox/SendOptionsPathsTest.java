package io.otp4j.mailbox;

import static io.otp4j.mailbox.Recorder.holdAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.AskTimeoutException;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.broker.MessageBroker;
import io.otp4j.broker.TopicKey;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.Recorder.Cmd;
import io.otp4j.mailbox.Recorder.Declared;
import io.otp4j.mailbox.Recorder.Item;
import io.otp4j.mailbox.Recorder.Question;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import io.otp4j.router.Routers;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way of sending carries {@link SendOptions} (priority and time to live) to the mailbox that finally
 * holds the message: {@code ask}, the broker's {@code request} and {@code publish}, and routers, which pass on
 * the priority a message was queued at and what is left of its time to live. The recipient is a
 * {@link Recorder} with the default mailbox, held at a {@link Gate} while messages queue, so the order it
 * handles them in is its mailbox's; time is manual.
 */
class SendOptionsPathsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SendOptions CRITICAL = SendOptions.priority(Priority.CRITICAL);

    private ActorTestKit kit;
    private TestProbe<Cmd> handled;
    private TestProbe<DeadLetter> deadLetters;
    private final List<Gate> gates = new ArrayList<>();

    @BeforeEach
    void start() {
        kit = ActorTestKit.withManualTime();
        handled = kit.createTestProbe();
        deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
    }

    @AfterEach
    void stop() {
        gates.forEach(Gate::open);
        kit.close();
    }

    private ActorRef<Cmd> spawnRecorder(String name) {
        return kit.system().spawn(name, () -> new Recorder(handled.ref()));
    }

    private Gate gate() {
        Gate gate = new Gate();
        gates.add(gate);
        return gate;
    }

    private void expectHandled(String... labels) {
        for (String label : labels) {
            handled.expectMessage(new Item(label));
        }
    }

    /** Waits until {@code ref}'s mailbox holds {@code n} messages: a router has passed them on. */
    private void awaitMailboxDepth(ActorRef<?> ref, int n) {
        await().until(() -> kit.system().snapshot().find(ref.path()).orElseThrow().mailboxDepth() == n);
    }

    // ------------------------------------------------------------------ ask and request

    @Test
    void askCarriesThePriorityOfItsRequest() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder("target");
        Gate gate = gate();
        holdAt(ref, gate);
        ref.tell(new Item("normal-1"));
        ref.tell(new Item("normal-2"));

        CompletionStage<String> answer = ref.ask(r -> new Question("asked", r), TIMEOUT, CRITICAL);
        gate.open();

        expectHandled("asked", "normal-1", "normal-2");
        assertThat(answer.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("asked");
    }

    @Test
    void askCarriesTheTimeToLiveOfItsRequestAndThenTimesOutOnItsOwnTimeout() throws Exception {
        ActorRef<Cmd> ref = spawnRecorder("target");
        Gate gate = gate();
        holdAt(ref, gate);

        CompletionStage<String> answer = ref.ask(r -> new Question("stale", r), TIMEOUT,
                SendOptions.ttl(Duration.ofSeconds(1)));
        kit.manualTime().advance(Duration.ofSeconds(2));
        gate.open();

        DeadLetter expired = deadLetters.expectMessageClass(DeadLetter.class);
        assertThat(expired.reason()).isEqualTo(DeadLetter.Reason.EXPIRED);
        assertThat(expired.message()).isInstanceOfSatisfying(Question.class,
                q -> assertThat(q.label()).isEqualTo("stale"));
        kit.manualTime().advance(TIMEOUT);
        assertThatThrownBy(() -> answer.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(AskTimeoutException.class);
        ref.tell(new Item("marker"));
        expectHandled("marker"); // the expired request was never handled
    }

    @Test
    void brokerRequestCarriesThePriorityAndTimeToLiveOfItsRequest() throws Exception {
        ServiceKey<Cmd> name = ServiceKey.of("target", Cmd.class);
        ActorRef<Cmd> ref = spawnRecorder("target");
        Registry.of(kit.system()).register(name, ref);
        Gate gate = gate();
        holdAt(ref, gate);
        ref.tell(new Item("normal"));

        CompletionStage<String> urgent = MessageBroker.of(kit.system()).request(name, r -> new Question("urgent", r), TIMEOUT,
                CRITICAL);
        CompletionStage<String> stale = MessageBroker.of(kit.system()).request(name, r -> new Question("stale", r), TIMEOUT,
                SendOptions.priority(Priority.HIGH).withTtl(Duration.ofSeconds(1)));
        kit.manualTime().advance(Duration.ofSeconds(2));
        gate.open();

        expectHandled("urgent", "normal");
        assertThat(urgent.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("urgent");
        assertThat(deadLetters.expectMessageClass(DeadLetter.class).reason()).isEqualTo(DeadLetter.Reason.EXPIRED);
        kit.manualTime().advance(TIMEOUT);
        assertThatThrownBy(() -> stale.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(AskTimeoutException.class);
    }

    // ------------------------------------------------------------------ publish

    @Test
    void publishCarriesPerSendAndDeclaredPrioritiesIntoEachSubscribersDefaultMailbox() throws Exception {
        TopicKey<Cmd> topic = TopicKey.of("alerts", Cmd.class);
        ActorRef<Cmd> ref = spawnRecorder("subscriber");
        MessageBroker.of(kit.system()).subscribe(topic, ref);
        Gate gate = gate();
        holdAt(ref, gate);

        MessageBroker.of(kit.system()).publish(topic, new Item("normal"));
        MessageBroker.of(kit.system()).publish(topic, new Item("low"), SendOptions.priority(Priority.LOW));
        MessageBroker.of(kit.system()).publish(topic, new Declared("declared critical", Priority.CRITICAL));
        MessageBroker.of(kit.system()).publish(topic, new Item("high"), SendOptions.priority(Priority.HIGH));
        gate.open();

        expectHandled("declared critical", "high", "normal", "low");
    }

    // ------------------------------------------------------------------ routers

    @Test
    void aGroupRouterPassesOnThePriorityEachMessageWasSentWith() throws Exception {
        ActorRef<Cmd> routee = spawnRecorder("routee");
        ActorRef<Cmd> router = kit.system().spawn("router", Routers.group(List.of(routee)));
        Gate gate = gate();
        holdAt(routee, gate);

        router.tell(new Item("normal"));
        router.tell(new Item("low"), SendOptions.priority(Priority.LOW));
        router.tell(new Item("critical"), CRITICAL);
        router.tell(new Declared("declared high", Priority.HIGH));
        router.tell(new Declared("declared critical, sent low", Priority.CRITICAL), SendOptions.priority(Priority.LOW));
        awaitMailboxDepth(routee, 5);
        gate.open();

        expectHandled("critical", "declared high", "normal", "low", "declared critical, sent low");
    }

    @Test
    void aPoolRouterPassesOnThePriorityEachMessageWasSentWith() throws Exception {
        ActorRef<Cmd> router = kit.system().spawn("pool", Routers.pool(1, () -> new Recorder(handled.ref())));
        Gate gate = gate();
        router.tell(new Recorder.Hold(gate));
        gate.awaitArrival();
        router.tell(new Item("normal"));
        router.tell(new Item("low"), SendOptions.priority(Priority.LOW));
        router.tell(new Item("critical"), CRITICAL);
        await().until(() -> kit.system().snapshot().find("/user/pool/routees/routee-1").orElseThrow()
                .mailboxDepth() == 3);
        gate.open();

        expectHandled("critical", "normal", "low");
    }

    @Test
    void aRouterPassesOnWhatIsLeftOfATimeToLiveNotAFreshOne() throws Exception {
        HeldDispatcher held = new HeldDispatcher();
        try {
            ActorRef<Cmd> routee = spawnRecorder("routee");
            ActorRef<Cmd> router = kit.system().spawn("router", Routers.group(List.of(routee)),
                    Props.defaults().withDispatcher(held));
            router.tell(new Item("through"));
            expectHandled("through"); // the router runs, and routes
            Gate gate = gate();
            holdAt(routee, gate);

            held.hold();
            router.tell(new Item("ttl 10s, 6s in the router"), SendOptions.ttl(Duration.ofSeconds(10)));
            router.tell(new Item("ttl 10s, kept"), SendOptions.ttl(Duration.ofSeconds(10)));
            router.tell(new Item("ttl 1s, expires in the router"), SendOptions.ttl(Duration.ofSeconds(1)));
            kit.manualTime().advance(Duration.ofSeconds(6));
            held.release();
            awaitMailboxDepth(routee, 2);

            assertThat(deadLetters.expectMessageClass(DeadLetter.class)).isEqualTo(new DeadLetter(
                    new Item("ttl 1s, expires in the router"), router, DeadLetter.Reason.EXPIRED));
            kit.manualTime().advance(Duration.ofSeconds(5)); // 11 s after sending: a fresh 10 s would have 5 left
            gate.open();

            assertThat(deadLetters.receiveMessages(2)).containsExactly(
                    new DeadLetter(new Item("ttl 10s, 6s in the router"), routee, DeadLetter.Reason.EXPIRED),
                    new DeadLetter(new Item("ttl 10s, kept"), routee, DeadLetter.Reason.EXPIRED));
            routee.tell(new Item("marker"));
            expectHandled("marker");
        } finally {
            held.close();
        }
    }

    /**
     * A dispatcher that runs actors on its own thread, except while held: then it keeps their runs until
     * released, so an actor's messages wait in its mailbox while the test moves the clock.
     */
    static final class HeldDispatcher implements Dispatcher {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final List<Runnable> kept = new ArrayList<>();
        private boolean holding;

        synchronized void hold() {
            holding = true;
        }

        synchronized void release() {
            holding = false;
            kept.forEach(thread::execute);
            kept.clear();
        }

        @Override
        public synchronized void execute(Runnable actorRun) {
            if (holding) {
                kept.add(actorRun);
            } else {
                thread.execute(actorRun);
            }
        }

        @Override
        public void close() {
            thread.shutdown();
        }
    }
}

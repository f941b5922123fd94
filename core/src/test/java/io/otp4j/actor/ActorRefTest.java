package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Location transparency: refs are interface values, comparable, equal by identity of the actor, printable. */
@OnEveryDispatcher
class ActorRefTest {

    sealed interface Cmd permits Greet, Report {}

    record Greet(String name, ActorRef<String> replyTo) implements Cmd {}

    record Report(ActorRef<Object> replyTo) implements Cmd {}

    /** A ref that is not the runtime's, as a remote transport's would be: it only records what it gets. */
    record RecordingRef<M>(ActorPath path, long id, BlockingQueue<M> received) implements ActorRef<M> {
        @Override
        public void tell(M message) {
            received.add(message);
        }

        @Override
        public void tell(M message, SendOptions options) {
            received.add(message);
        }

        @Override
        public Delivery offer(M message, SendOptions options) {
            received.add(message);
            return Delivery.ENQUEUED;
        }

        @Override
        public <R> CompletionStage<R> ask(Function<ActorRef<R>, ? extends M> request, Duration timeout,
                                          SendOptions options) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }
    }

    private final ActorTestKit kit;
    private final TestProbe<Object> probe;
    private final String system;

    ActorRefTest(DispatcherUnderTest on) {
        kit = on.testKit();
        probe = kit.createTestProbe();
        system = kit.system().name();
    }

    @AfterEach
    void closeKit() {
        kit.close();
    }

    private static Scripted.Spec<Cmd> greeter() {
        return Scripted.receiving((msg, ctx) -> {
            switch (msg) {
                case Greet(var name, var replyTo) -> replyTo.tell("hello " + name);
                case Report(var replyTo) -> replyTo.tell(ctx.self());
            }
        });
    }

    @Test
    void actorRefIsAnInterface() {
        assertThat(ActorRef.class).isInterface();
    }

    /**
     * A ref only sends: it is no task that a cast could run beside the actor's dispatcher or cancel, and not
     * serializable (a local ref means nothing in another JVM).
     */
    @Test
    void aRefIsNeitherARunnableNorAFutureNorSerializable() {
        ActorRef<Cmd> greeter = kit.spawn("greeter", greeter());
        greeter.tell(new Report(probe.ref()));
        Object self = probe.receiveMessage();

        for (Object ref : List.of(greeter, self)) {
            assertThat(ref).isNotInstanceOf(Runnable.class).isNotInstanceOf(Future.class)
                    .isNotInstanceOf(Serializable.class);
        }
    }

    @Test
    void anActorRepliesToAnyActorRefImplementation() throws InterruptedException {
        ActorRef<Cmd> greeter = kit.spawn("greeter", greeter());
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        RecordingRef<String> remote = new RecordingRef<>(
                ActorPath.root("elsewhere").child("user").child("client"), 1, received);

        greeter.tell(new Greet("remote", remote));

        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello remote");
    }

    @Test
    void toStringIsTheAddressWithTheId() {
        ActorRef<Cmd> greeter = kit.spawn("greeter", greeter());

        assertThat(greeter.toString())
                .isEqualTo(greeter.path().address() + "#" + greeter.id())
                .startsWith("otp4j://" + system + "/user/greeter#");
    }

    @Test
    void refsToTheSameActorAreEqualWithEqualHashCodes() {
        ActorRef<Cmd> greeter = kit.spawn("greeter", greeter());

        greeter.tell(new Report(probe.ref()));
        Object self = probe.receiveMessage();

        assertThat(self).isEqualTo(greeter);
        assertThat(greeter).isEqualTo(self);
        assertThat(self.hashCode()).isEqualTo(greeter.hashCode());
        assertThat(greeter.compareTo((ActorRef<?>) self)).isZero();
    }

    @Test
    void differentActorsAreNotEqualEvenAtTheSamePath() {
        ActorRef<Cmd> first = kit.spawn("greeter", greeter());
        ActorRef<Cmd> other = kit.spawn("other", greeter());
        kit.system().stop(first);
        probe.expectTerminated(first);
        ActorRef<Cmd> second = kit.spawn("greeter", greeter());

        assertThat(first).isNotEqualTo(other);
        assertThat(first).isNotEqualTo(second);
        assertThat(first.path()).isEqualTo(second.path());
        assertThat(first.compareTo(second)).as("same path: older id first").isNegative();
        assertThat(second.compareTo(first)).isPositive();
    }

    @Test
    void refsOrderByPathThenId() {
        ActorRef<Cmd> b = kit.spawn("b", greeter());
        ActorRef<Cmd> a = kit.spawn("a", greeter());
        ActorRef<Cmd> c = kit.spawn("c", greeter());
        List<ActorRef<?>> refs = new ArrayList<>(List.of(c, b, a));

        refs.sort(null);

        assertThat(refs).containsExactly(a, b, c);
        assertThat(a.compareTo(b)).isNegative();
        assertThat(b.compareTo(a)).isPositive();
        assertThat(a.compareTo(a)).isZero();
    }

    @Test
    void compareToIsConsistentWithEqualsAcrossImplementations() {
        ActorRef<Cmd> a = kit.spawn("a", greeter());
        RecordingRef<Cmd> samePathOtherId = new RecordingRef<>(a.path(), a.id() + 1, new LinkedBlockingQueue<>());
        RecordingRef<Cmd> laterPath = new RecordingRef<>(a.path().parent().orElseThrow().child("z"), 0, new LinkedBlockingQueue<>());

        assertThat(a.compareTo(samePathOtherId)).isNegative();
        assertThat(samePathOtherId.compareTo(a)).isPositive();
        assertThat(a.compareTo(laterPath)).isNegative();
        assertThat(a).isNotEqualTo(samePathOtherId);
    }

    @Test
    void narrowGivesAViewOfTheSameActor() {
        ActorRef<Cmd> greeter = kit.spawn("greeter", greeter());
        ActorRef<Greet> greetOnly = greeter.narrow();
        TestProbe<String> replies = kit.createTestProbe();

        greetOnly.tell(new Greet("narrow", replies.ref()));

        replies.expectMessage("hello narrow");
        assertThat(greetOnly).isEqualTo(greeter);
        assertThat(greetOnly.path()).isEqualTo(greeter.path());
    }
}

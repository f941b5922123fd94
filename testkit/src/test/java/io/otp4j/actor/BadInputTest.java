package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.event.DeadLetter;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nulls, failing factories and hooks, and messages that cannot be delivered. */
class BadInputTest {

    sealed interface Cmd permits Echo, SpawnWith {}

    record Echo(String text, ActorRef<Object> replyTo) implements Cmd {}

    /** Spawns a child from the given factory and replies with the ref or the exception. */
    record SpawnWith(Supplier<? extends Actor<Cmd>> factory, ActorRef<Object> replyTo) implements Cmd {}

    private final ActorTestKit kit = ActorTestKit.create();
    private final TestProbe<Object> probe = kit.createTestProbe();
    private final TestProbe<DeadLetter> deadLetters = kit.createTestProbe();

    @AfterEach
    void closeKit() {
        kit.close();
    }

    private static Scripted.Spec<Cmd> echo() {
        return Scripted.receiving((msg, ctx) -> {
            switch (msg) {
                case Echo(var text, var replyTo) -> replyTo.tell(text);
                case SpawnWith(var factory, var replyTo) -> {
                    try {
                        replyTo.tell(ctx.spawn("child", factory));
                    } catch (RuntimeException e) {
                        replyTo.tell(e);
                    }
                }
            }
        });
    }

    private void subscribeToDeadLetters() {
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
    }

    @Test
    void tellingNullThrowsNullPointerExceptionWithAClearMessageAndTheActorGoesOn() {
        ActorRef<Cmd> ref = kit.spawn("echo", echo());

        assertThatThrownBy(() -> ref.tell(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("message")
                .hasMessageContaining("null");
        assertThatThrownBy(() -> ref.tell(null, SendOptions.DEFAULT))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("message");
        assertThatThrownBy(() -> ref.offer(null, SendOptions.DEFAULT))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("message");

        ref.tell(new Echo("still here", probe.ref()));
        probe.expectMessage("still here");
    }

    @Test
    void aNullFactoryIsRejectedWithNullPointerException() {
        assertThatThrownBy(() -> kit.system().spawn("x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("factory");
        assertThatThrownBy(() -> kit.system().spawnAnonymous(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("factory");

        // nothing was registered under the name
        ActorRef<Cmd> x = kit.spawn("x", echo());
        x.tell(new Echo("fine", probe.ref()));
        probe.expectMessage("fine");
    }

    @Test
    void aNullFactoryIsRejectedFromTheContextToo() {
        ActorRef<Cmd> parent = kit.spawn("parent", echo());

        parent.tell(new SpawnWith(null, probe.ref()));

        assertThat(probe.receiveMessage()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aNullNameIsRejectedWithNullPointerException() {
        assertThatThrownBy(() -> kit.system().spawn(null, echo()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
    }

    @Test
    void aFactoryReturningNullStopsTheActorWithFailed() {
        ActorRef<Cmd> ref = kit.spawn("nothing", () -> (Actor<Cmd>) null);

        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                failed -> assertThat(failed.cause()).isInstanceOf(NullPointerException.class));
    }

    @Test
    void aFactoryThatThrowsStopsTheActorWithFailedAndTheCause() {
        RuntimeException boom = new IllegalStateException("cannot build");
        ActorRef<Cmd> ref = kit.spawn("unbuildable", () -> {
            throw boom;
        });

        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.failed(boom));
    }

    @Test
    void anExceptionInPreStartStopsTheActorWithFailedAndItHandlesNoMessage() {
        RuntimeException boom = new IllegalStateException("preStart failed");
        ActorRef<Cmd> ref = kit.spawn("fragile", echo().preStart(ctx -> {
            throw boom;
        }));
        ref.tell(new Echo("never", probe.ref()));

        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.failed(boom));
        // the Echo went to dead letters, not to the probe: a later echo from a live actor is the next message
        ActorRef<Cmd> live = kit.spawn("live", echo());
        live.tell(new Echo("first", probe.ref()));
        probe.expectMessage("first");
    }

    @Test
    void anExceptionInPostStopIsContainedTheStopCompletesAndTheSystemGoesOn() {
        ActorRef<Cmd> ref = kit.spawn("sloppy", echo().postStop(ctx -> {
            throw new IllegalStateException("postStop failed on purpose");
        }));
        probe.watch(ref);

        kit.system().stop(ref);
        Signal.Terminated terminated = Probes.nextTermination(probe, ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.SHUTDOWN);
        ActorRef<Cmd> again = kit.spawn("sloppy", echo());
        again.tell(new Echo("system fine", probe.ref()));
        probe.expectMessage("system fine");
    }

    /**
     * Actor.postStop: "A failure here is logged and published as an event". The contract names no event
     * type, so any event on the stream other than a dead letter counts, if it carries the failure.
     */
    @Test
    void anExceptionInPostStopIsPublishedAsAnEvent() {
        TestProbe<Object> events = kit.createTestProbe();
        kit.system().eventStream().subscribe(Object.class, events.ref());
        ActorRef<Cmd> ref = kit.spawn("sloppy", echo().postStop(ctx -> {
            throw new IllegalStateException("postStop failed on purpose");
        }));

        kit.system().stop(ref);
        probe.expectTerminated(ref);

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        Object event;
        do { // fails with "no message received" if only dead letters, or nothing, are published
            event = events.receiveMessage(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } while (event instanceof DeadLetter);
        assertThat(event.toString()).contains("postStop failed on purpose");
    }

    @Test
    void aMessageToldFromPostStopToAnotherActorIsDelivered() {
        ActorRef<Cmd> ref = kit.spawn("leaving", echo().postStop(ctx -> probe.ref().tell("goodbye")));

        kit.system().stop(ref);

        probe.expectMessage("goodbye");
    }

    @Test
    void aMessageToldToSelfFromPostStopBecomesARecipientTerminatedDeadLetter() {
        subscribeToDeadLetters();
        Echo toSelf = new Echo("to self", probe.ref());
        ActorRef<Cmd> ref = kit.spawn("leaving", echo().postStop(ctx -> ctx.self().tell(toSelf)));

        kit.system().stop(ref);
        probe.expectTerminated(ref);

        assertThat(deadLetters.receiveMessage())
                .isEqualTo(new DeadLetter(toSelf, ref, DeadLetter.Reason.RECIPIENT_TERMINATED));
    }

    @Test
    void aMessageToAStoppedActorBecomesADeadLetterAndIsCounted() {
        subscribeToDeadLetters();
        ActorRef<Cmd> ref = kit.spawn("gone", echo());
        kit.system().stop(ref);
        probe.expectTerminated(ref);
        long before = kit.system().eventStream().deadLetterCount();

        Echo late = new Echo("anyone there?", probe.ref());
        ref.tell(late);

        assertThat(deadLetters.receiveMessage())
                .isEqualTo(new DeadLetter(late, ref, DeadLetter.Reason.RECIPIENT_TERMINATED));
        assertThat(kit.system().eventStream().deadLetterCount()).isEqualTo(before + 1);
    }

    @Test
    void messagesQueuedWhenAnActorStopsBecomeDeadLetters() {
        subscribeToDeadLetters();
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        ActorRef<Object> ref = kit.spawn("busy", Scripted.<Object>receiving((msg, ctx) -> {
            if (msg.equals("hold")) {
                gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
                ctx.stop();
            }
        }));
        ref.tell("hold");
        ref.tell("queued");
        gate.countDown();

        probe.expectTerminated(ref);

        assertThat(deadLetters.receiveMessage())
                .isEqualTo(new DeadLetter("queued", ref, DeadLetter.Reason.RECIPIENT_TERMINATED));
    }

    @Test
    void stoppingOrKillingAnActorOfAnotherSystemIsRefusedNamingBothSystems() {
        for (String otherName : new String[] {"elsewhere", kit.system().name()}) {
            try (ActorSystem other = ActorSystem.create(otherName)) {
                ActorRef<Cmd> foreign = other.spawn("foreign", echo());

                assertThatThrownBy(() -> kit.system().stop(foreign))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'" + otherName + "'")
                        .hasMessageContaining("'" + kit.system().name() + "'");
                assertThatThrownBy(() -> kit.system().kill(foreign))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'" + otherName + "'");

                foreign.tell(new Echo("untouched", probe.ref()));
                probe.expectMessage("untouched");
            }
        }
    }
}

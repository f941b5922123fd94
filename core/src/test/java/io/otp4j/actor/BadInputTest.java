package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.broker.MessageBroker;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import io.otp4j.supervisor.Backoff;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.ChildTemplate;
import io.otp4j.supervisor.Health;
import io.otp4j.supervisor.HealthCheck;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

        Object event;
        do { // fails with "no message received" if only dead letters, or nothing, are published; each wait
            // is the kit's, not a share of a total: a loaded machine delivers late, and the dead letters end
            event = events.receiveMessage();
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

    /** What the null calls are made on: a system, one of its actors, registered under a key. */
    record Fixture(ActorSystem system, ActorRef<Object> target, ServiceKey<Object> key) {}

    /** A public call given a null, and the word its NullPointerException must contain. */
    record NullCall(String call, Call run, String names) {
        interface Call {
            void run(Fixture f) throws Throwable;
        }

        @Override
        public String toString() {
            return call;
        }
    }

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** Every public call that takes a message, options or a duration, given a null. */
    static Stream<NullCall> nullCalls() {
        ChildSpec<Object> child = ChildSpec.worker("w", () -> (msg, ctx) -> {});
        return Stream.of(
                new NullCall("tell(null)", f -> f.target().tell(null), "message"),
                new NullCall("tell(m, null)", f -> f.target().tell("m", null), "options"),
                new NullCall("offer(m, null)", f -> f.target().offer("m", null), "options"),
                new NullCall("ask(f, null)", f -> f.target().ask(r -> "m", null), "timeout"),
                new NullCall("ask(null, d)", f -> f.target().ask(null, SECOND), "request"),
                new NullCall("ask(f, d, null)", f -> f.target().ask(r -> "m", SECOND, null), "options"),
                new NullCall("system.spawn(n, f, null)",
                        f -> f.system().spawn("b", () -> (msg, ctx) -> {}, null), "props"),
                new NullCall("system.stop(null)", f -> f.system().stop(null), "ref"),
                new NullCall("system.kill(null)", f -> f.system().kill(null), "ref"),
                new NullCall("settings.withDispatcher(null)",
                        f -> ActorSystemSettings.defaults().withDispatcher(null), "dispatcher"),
                new NullCall("settings.withShutdownTimeout(null)",
                        f -> ActorSystemSettings.defaults().withShutdownTimeout(null), "shutdownTimeout"),
                new NullCall("props.withDispatcher(null)", f -> Props.defaults().withDispatcher(null), "dispatcher"),
                new NullCall("props.withMailbox(null)", f -> Props.defaults().withMailbox(null), "mailbox"),
                new NullCall("MailboxConfig.withBlockTimeout(null)",
                        f -> MailboxConfig.bounded(1, Overflow.BLOCK).withBlockTimeout(null), "blockTimeout"),
                new NullCall("SendOptions.ttl(null)", f -> SendOptions.ttl(null), "ttl"),
                new NullCall("SendOptions.withTtl(null)", f -> SendOptions.DEFAULT.withTtl(null), "ttl"),
                new NullCall("SendOptions.priority(null)", f -> SendOptions.priority(null), "priority"),
                new NullCall("SendOptions.withPriority(null)", f -> SendOptions.DEFAULT.withPriority(null), "priority"),
                new NullCall("scheduler.scheduleOnce(null, t)",
                        f -> f.system().scheduler().scheduleOnce(null, () -> {}), "delay"),
                new NullCall("scheduler.scheduleAtFixedRate(null, p, t)",
                        f -> f.system().scheduler().scheduleAtFixedRate(null, SECOND, () -> {}), "initialDelay"),
                new NullCall("scheduler.scheduleAtFixedRate(d, null, t)",
                        f -> f.system().scheduler().scheduleAtFixedRate(SECOND, null, () -> {}), "period"),
                new NullCall("Supervisor.builder().intensity(1, null)",
                        f -> Supervisor.builder().intensity(1, null), "period"),
                new NullCall("ChildSpec.withBackoff(null)", f -> child.withBackoff(null), "backoff"),
                new NullCall("ChildSpec.withHealthCheck(null)", f -> child.withHealthCheck(null), "healthCheck"),
                new NullCall("ChildSpec.service(id, null)",
                        f -> ChildSpec.service("svc", null), "factory"),
                new NullCall("Health.degraded(null)", f -> Health.degraded(null), "reason"),
                new NullCall("Health.failed(null)", f -> Health.failed(null), "reason"),
                new NullCall("HealthCheck.service(null, t, n)",
                        f -> HealthCheck.service(null, SECOND, 0), "interval"),
                new NullCall("ChildTemplate.withBackoff(null)",
                        f -> ChildTemplate.of(arg -> (msg, ctx) -> {}).withBackoff(null), "backoff"),
                new NullCall("Backoff.withResetAfter(null)",
                        f -> Backoff.exponential(SECOND, SECOND.multipliedBy(2)).withResetAfter(null), "resetAfter"),
                new NullCall("broker.send(k, null)", f -> MessageBroker.of(f.system()).send(f.key(), null), "message"),
                new NullCall("broker.publish(t, m, null)", f -> MessageBroker.of(f.system()).publish(
                        io.otp4j.broker.TopicKey.of("t", Object.class), "m", null), "options"),
                new NullCall("broker.request(k, f, null)",
                        f -> MessageBroker.of(f.system()).request(f.key(), r -> "m", null), "timeout"),
                new NullCall("broker.request(k, f, d, null)",
                        f -> MessageBroker.of(f.system()).request(f.key(), r -> "m", SECOND, null), "options"),
                new NullCall("eventStream.unsubscribe(null)", f -> f.system().eventStream().unsubscribe(null),
                        "subscriber"),
                new NullCall("eventStream.publish(null)", f -> f.system().eventStream().publish(null), "event"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullCalls")
    void aNullOnThePublicApiIsRefusedAtTheCallWithTheArgumentNamed(NullCall call) {
        ActorRef<Object> target = kit.spawn("target", () -> (msg, ctx) -> {});
        ServiceKey<Object> key = ServiceKey.of("target", Object.class);
        Registry.of(kit.system()).register(key, target);
        Fixture fixture = new Fixture(kit.system(), target, key);

        assertThatThrownBy(() -> call.run().run(fixture)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining(call.names())
                .hasMessageNotContaining("Cannot invoke"); // the JVM's message: it failed later than at the check
    }

    /** A timer call is made on the actor's own thread: that is "at the call" for it. */
    @Test
    void aNullDurationForATimerIsRefusedAtTheCallInsideTheActor() {
        ActorRef<String> ref = kit.spawn("timed", Scripted.<String>receiving((msg, ctx) -> {
            for (ThrowingCallable call : new ThrowingCallable[] {
                    () -> ctx.timers().startSingleTimer("k", "m", null),
                    () -> ctx.timers().startTimerAtFixedRate("k", "m", null, SECOND),
                    () -> ctx.timers().startTimerAtFixedRate("k", "m", SECOND, null),
                    () -> ctx.timers().startTimerWithFixedDelay("k", "m", null)}) {
                try {
                    call.call();
                    probe.ref().tell("accepted");
                } catch (Throwable t) {
                    probe.ref().tell(t.getClass().getSimpleName() + ": " + t.getMessage());
                }
            }
        }));

        ref.tell("go");

        assertThat(probe.receiveMessage()).isEqualTo("NullPointerException: delay must not be null");
        assertThat(probe.receiveMessage()).isEqualTo("NullPointerException: initialDelay must not be null");
        assertThat(probe.receiveMessage()).isEqualTo("NullPointerException: period must not be null");
        assertThat(probe.receiveMessage()).isEqualTo("NullPointerException: delay must not be null");
    }

    @Test
    void aSystemNameLongerThanTheLimitIsRefusedWithAShortMessage() {
        assertThatThrownBy(() -> ActorSystem.create("s".repeat(ActorPath.MAX_NAME_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid system name")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        assertThatThrownBy(() -> ActorSystem.create("bad name\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}

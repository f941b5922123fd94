package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.ChildTemplate;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Actor#setup}, checked against Pekko's {@code Behaviors.setup}: the factory gets the actor's
 * context when the actor starts, and again for each fresh instance after a restart, so that what needs
 * {@code self} can be final.
 */
class ActorSetupTest {

    /** Replies with the ref it captured from its context at construction. */
    static final class SelfAware implements Actor<SelfAware.Msg> {
        sealed interface Msg permits WhoAreYou, Crash {}

        record WhoAreYou(ActorRef<Object> replyTo) implements Msg {}

        record Crash() implements Msg {}

        record Answer(ActorRef<Msg> self, int instance) {}

        private final ActorRef<Msg> self; // final: known at construction, thanks to setup
        private final int instance;

        SelfAware(ActorContext<Msg> ctx, int instance, List<String> events) {
            this.self = ctx.self();
            this.instance = instance;
            events.add("constructed #" + instance);
        }

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            // the instance's own preStart still runs, after the setup
            ctx.log().debug("preStart of #{}", instance);
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case WhoAreYou(var replyTo) -> replyTo.tell(new Answer(self, instance));
                case Crash() -> throw new IllegalStateException("crash");
            }
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
            return ErrorAction.RESTART;
        }
    }

    /** What a {@link Greeter} is asked. */
    record Greet(String whom, ActorRef<Object> replyTo) {}

    /** Takes a name from the argument of a dynamic child and its ref from the context. */
    record Greeter(String name, ActorRef<Greet> self) implements Actor<Greet> {
        @Override
        public void receive(Greet msg, ActorContext<Greet> ctx) {
            msg.replyTo().tell(name + " at " + self.path().name() + " greets " + msg.whom());
        }
    }

    private final ActorTestKit kit = ActorTestKit.create();
    private final TestProbe<Object> probe = kit.createTestProbe();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeKit() {
        kit.close();
    }

    @Test
    void setupGivesTheFactoryTheContextSoFieldsThatNeedSelfCanBeFinal() {
        ActorRef<SelfAware.Msg> ref = kit.spawn("aware", () -> Actor.setup(ctx -> new SelfAware(ctx, 1, events)));

        ref.tell(new SelfAware.WhoAreYou(probe.ref()));

        assertThat(probe.receiveMessage()).isEqualTo(new SelfAware.Answer(ref, 1));
    }

    /** Pekko: a restart builds the behaviour afresh from {@code setup}, with the same context. */
    @Test
    void setupRunsAgainForEachFreshInstanceAfterARestart() {
        java.util.concurrent.atomic.AtomicInteger instances = new java.util.concurrent.atomic.AtomicInteger();
        ActorRef<SelfAware.Msg> ref = kit.spawn("aware",
                () -> Actor.setup(ctx -> new SelfAware(ctx, instances.incrementAndGet(), events)));

        ref.tell(new SelfAware.Crash());
        ref.tell(new SelfAware.WhoAreYou(probe.ref()));

        assertThat(probe.receiveMessage()).isEqualTo(new SelfAware.Answer(ref, 2));
        assertThat(events).containsExactly("constructed #1", "constructed #2");
    }

    @Test
    void aSetupThatThrowsStopsTheActorAsAFailingPreStartDoes() {
        IllegalStateException broken = new IllegalStateException("no config");
        ActorRef<SelfAware.Msg> ref = kit.spawn("broken", () -> Actor.<SelfAware.Msg>setup(ctx -> {
            throw broken;
        }));

        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isEqualTo(ExitReason.failed(broken));
    }

    @Test
    void aSetupThatReturnsNullStopsTheActorWithANullPointerException() {
        ActorRef<SelfAware.Msg> ref = kit.spawn("empty", () -> Actor.<SelfAware.Msg>setup(ctx -> null));

        Signal.Terminated terminated = probe.expectTerminated(ref);

        assertThat(terminated.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                f -> assertThat(f.cause()).isInstanceOf(NullPointerException.class).hasMessageContaining("setup"));
    }

    @Test
    void setupWorksWhereverAFactoryIsAskedForUnderASupervisorToo() throws Exception {
        ChildTemplate<String, Greet> greeters =
                ChildTemplate.of(name -> Actor.setup(ctx -> new Greeter(name, ctx.self())));
        ChildSpec<Greet> ann = ChildSpec.worker("ann", () -> Actor.setup(ctx -> new Greeter("Ann", ctx.self())));
        SupervisorRef dynamic = Supervisor.start(kit.system(), "greeters",
                Supervisor.builder().strategy(Strategy.SIMPLE_ONE_FOR_ONE).template(greeters).build());
        SupervisorRef statics = Supervisor.start(kit.system(), "static", Supervisor.builder().child(ann).build());

        ActorRef<Greet> bob = dynamic.startChild(greeters, "Bob").toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
        bob.tell(new Greet("you", probe.ref()));
        assertThat(probe.receiveMessage()).isEqualTo("Bob at " + bob.path().name() + " greets you");

        ActorRef<Greet> annRef = statics.child(ann).toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
        annRef.tell(new Greet("all", probe.ref()));
        assertThat(probe.receiveMessage()).isEqualTo("Ann at ann greets all");
    }

    @Test
    void theSetupPlaceholderHandlesNoMessageItself() {
        Actor<String> placeholder = Actor.setup(ctx -> (msg, c) -> { });

        assertThatThrownBy(() -> placeholder.receive("hello", null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Actor.setup(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theContextGivenToSetupCanSpawnAndStartTimers() {
        ActorRef<String> ref = kit.spawn("parent", () -> Actor.<String>setup(ctx -> {
            ActorRef<String> child = ctx.spawn("child", Scripted.<String>receiving((msg, c) -> probe.ref().tell(msg)));
            ctx.timers().startSingleTimer("tick", "tick", Duration.ofMillis(1));
            return (msg, c) -> child.tell("forwarded " + msg);
        }));

        assertThat(probe.receiveMessage()).isEqualTo("forwarded tick");
        assertThat(ref.path().name()).isEqualTo("parent");
    }
}

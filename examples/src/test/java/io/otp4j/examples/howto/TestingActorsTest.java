package io.otp4j.examples.howto;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.Props;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.CallingThreadDispatcher;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}, "Test an actor"): the testkit's probes, manual time and
 * calling-thread dispatcher, on the actors of the other recipes.
 */
class TestingActorsTest {

    // tag::probe[]
    @Test
    void eachCoinLetsOnePersonThrough() {
        try (ActorTestKit kit = ActorTestKit.create()) {
            TestProbe<String> probe = kit.createTestProbe();
            ActorRef<StateMachine.Turnstile.Input> turnstile = kit.spawn(StateMachine.Turnstile::new);

            turnstile.tell(new StateMachine.Turnstile.Coin());
            turnstile.tell(new StateMachine.Turnstile.Push(probe.ref()));
            turnstile.tell(new StateMachine.Turnstile.Push(probe.ref()));

            probe.expectMessage("welcome (0 more paid)");        // returns as soon as it arrives
            probe.expectMessage("locked: insert a coin");
        }
    }
    // end::probe[]

    // tag::manual-time[]
    @Test
    void aTouchPostponesTheExpiry() {
        try (ActorTestKit kit = ActorTestKit.withManualTime()) {
            TestProbe<String> probe = kit.createTestProbe();
            Props synchronous = Props.defaults().withDispatcher(new CallingThreadDispatcher());
            ActorRef<Timers.Session.Msg> session =
                    kit.spawn("session", () -> new Timers.Session(Duration.ofSeconds(30)), synchronous);

            session.tell(new Timers.Session.Open(probe.ref()));   // handled before tell returns
            kit.manualTime().advance(Duration.ofSeconds(20));
            session.tell(new Timers.Session.Touch());             // expiry moves to 50 s
            kit.manualTime().advance(Duration.ofSeconds(20));
            session.tell(new Timers.Session.Touch());             // still open at 40 s; expiry moves to 70 s
            kit.manualTime().advance(Duration.ofSeconds(30));

            probe.expectMessage("session expired after 2 touches");
            probe.expectTerminated(session);
        }
    }
    // end::manual-time[]
}

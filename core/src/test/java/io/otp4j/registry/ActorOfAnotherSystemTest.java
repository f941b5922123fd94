package io.otp4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.registry.Worker.Cmd;
import io.otp4j.registry.Worker.Received;
import io.otp4j.registry.Worker.Text;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A registry holds only its own system's actors: only their termination releases what they hold, and a
 * name must not outlive the system it was registered in. The check is by system, not by system name.
 */
class ActorOfAnotherSystemTest {

    private static final ServiceKey<Cmd> WORKER = ServiceKey.of("worker", Cmd.class);
    private static final GroupKey<Cmd> WORKERS = GroupKey.of("workers", Cmd.class);

    private final ActorTestKit kit = ActorTestKit.create();
    private final TestProbe<Object> observer = kit.createTestProbe();
    private final Registry registry = Registry.of(kit.system());
    private ActorSystem other;

    @AfterEach
    void close() {
        if (other != null) {
            other.close();
        }
        kit.close();
    }

    private ActorRef<Cmd> foreignWorker(String systemName) {
        other = ActorSystem.create(systemName);
        return other.spawn("foreign", Worker.reportingTo(observer.ref()));
    }

    @Test
    void registeringAnActorOfAnotherSystemIsRefusedNamingBothSystems() {
        ActorRef<Cmd> foreign = foreignWorker("elsewhere");

        assertThatThrownBy(() -> registry.register(WORKER, foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'elsewhere'")
                .hasMessageContaining("'" + kit.system().name() + "'");
        assertThat(registry.lookup(WORKER)).isEmpty();
        assertThat(registry.names()).isEmpty();
    }

    @Test
    void anActorOfAnotherSystemWithTheSameNameIsRefusedToo() {
        ActorRef<Cmd> foreign = foreignWorker(kit.system().name());

        assertThatThrownBy(() -> registry.register(WORKER, foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another actor system")
                .hasMessageContaining("'" + kit.system().name() + "'");
        assertThat(registry.lookup(WORKER)).isEmpty();
    }

    @Test
    void joiningAGroupOrSubscribingToItIsRefused() {
        ActorRef<Cmd> foreign = foreignWorker("elsewhere");
        ActorRef<Object> foreignSubscriber = other.spawn("subscriber", () -> (msg, ctx) -> {});

        assertThatThrownBy(() -> registry.join(WORKERS, foreign))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'elsewhere'");
        assertThatThrownBy(() -> registry.subscribe(WORKERS, foreignSubscriber))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'elsewhere'");
        assertThat(registry.members(WORKERS)).isEmpty();
        assertThat(registry.groups()).isEmpty();
    }

    @Test
    void theForeignActorIsUntouchedAndTheRegistryStillWorksForItsOwn() {
        ActorRef<Cmd> foreign = foreignWorker("elsewhere");
        assertThatThrownBy(() -> registry.register(WORKER, foreign)).isInstanceOf(IllegalArgumentException.class);

        foreign.tell(new Text("still alive"));
        observer.expectMessage(new Received(foreign, "still alive"));
        ActorRef<Cmd> own = kit.spawn(Worker.reportingTo(observer.ref()));
        registry.register(WORKER, own);
        assertThat(registry.lookup(WORKER)).contains(own);
    }
}

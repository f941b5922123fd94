package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Watches and links of a {@link ForeignRef}, the hook a transport implements: they attach to its stand-in,
 * and the signals the stand-in's end causes name the foreign ref, not the stand-in.
 */
class ForeignRefTest {

    private final ActorTestKit kit = ActorTestKit.create();
    private final TestProbe<Object> out = kit.createTestProbe();

    @AfterEach
    void closeKit() {
        kit.close();
    }

    sealed interface Cmd permits Watch, Link, Unwatch, Crash {}

    record Watch(ActorRef<?> target) implements Cmd {}

    record Link(ActorRef<?> target) implements Cmd {}

    record Unwatch(ActorRef<?> target) implements Cmd {}

    record Crash() implements Cmd {}

    record Done(Cmd command) {}

    /** A foreign ref as a transport would make it: a remote address, a local stand-in. */
    record Remote(String address, ActorRef<String> standIn) implements ForeignRef<String> {
        @Override public void tell(String message) { }
        @Override public void tell(String message, SendOptions options) { }
        @Override public Delivery offer(String message, SendOptions options) { throw new UnsupportedOperationException(); }
        @Override public <R> CompletionStage<R> ask(Function<ActorRef<R>, ? extends String> request, Duration timeout,
                SendOptions options) { throw new UnsupportedOperationException(); }
        @Override public ActorPath path() { return ActorPath.root("elsewhere").child(address); }
        @Override public long id() { return 1; }
    }

    private ActorRef<Cmd> node(boolean trapExits) {
        ActorRef<Object> report = out.ref();
        return kit.spawn(Scripted.<Cmd>receiving((msg, ctx) -> {
            switch (msg) {
                case Watch(var target) -> ctx.watch(target);
                case Link(var target) -> ctx.link(target);
                case Unwatch(var target) -> ctx.unwatch(target);
                case Crash() -> throw new IllegalStateException("boom");
            }
            report.tell(new Done(msg));
        }).preStart(ctx -> ctx.trapExits(trapExits)).onSignal((signal, ctx) -> report.tell(signal)));
    }

    private ActorRef<String> standIn(boolean trapExits) {
        ActorRef<Object> report = out.ref();
        return kit.spawn(Scripted.<String>receiving((msg, ctx) -> ctx.exit(new ExitReason.Custom(msg)))
                .preStart(ctx -> ctx.trapExits(trapExits))
                .onSignal((signal, ctx) -> report.tell(signal)));
    }

    @Test
    void watcherOfAForeignRefIsToldOfTheStandInsEndUnderTheForeignRef() {
        ActorRef<String> standIn = standIn(false);
        Remote remote = new Remote("a", standIn);
        ActorRef<Cmd> watcher = node(false);
        watcher.tell(new Watch(remote));
        out.expectMessage(new Done(new Watch(remote)));

        standIn.tell("node down");

        out.expectMessage(new Signal.Terminated(remote, new ExitReason.Custom("node down")));
    }

    @Test
    void unwatchedForeignRefTellsNothing() {
        ActorRef<String> standIn = standIn(false);
        Remote remote = new Remote("a", standIn);
        ActorRef<Cmd> watcher = node(false);
        watcher.tell(new Watch(remote));
        watcher.tell(new Unwatch(remote));
        out.expectMessage(new Done(new Watch(remote)));
        out.expectMessage(new Done(new Unwatch(remote)));
        TestProbe<Object> stopped = kit.createTestProbe();
        stopped.watch(standIn);

        standIn.tell("gone");

        stopped.expectTerminated(remote); // every watcher of a stand-in sees the foreign ref
        ActorRef<Cmd> marker = node(false);
        kit.system().stop(marker);
        TestProbe<Object> markerStopped = kit.createTestProbe();
        markerStopped.watch(marker);
        markerStopped.expectTerminated(marker);
        watcher.tell(new Watch(marker)); // anything the unwatch let through would come before its answer
        out.expectMessage(new Done(new Watch(marker)));
        assertThat(out.receiveMessage()).isEqualTo(new Signal.Terminated(marker, ExitReason.NO_PROC));
    }

    @Test
    void trappingActorLinkedToAForeignRefGetsExitNamingTheForeignRef() {
        ActorRef<String> standIn = standIn(false);
        Remote remote = new Remote("a", standIn);
        ActorRef<Cmd> linked = node(true);
        linked.tell(new Link(remote));
        out.expectMessage(new Done(new Link(remote)));

        standIn.tell("node down");

        out.expectMessage(new Signal.Exit(remote, new ExitReason.Custom("node down")));
    }

    @Test
    void actorLinkedToAForeignRefThatExitsReachesTheStandInAsAnExitSignal() {
        ActorRef<String> standIn = standIn(true);
        Remote remote = new Remote("a", standIn);
        ActorRef<Cmd> linked = node(false);
        linked.tell(new Link(remote));
        out.expectMessage(new Done(new Link(remote)));

        linked.tell(new Crash());

        Signal.Exit exit = (Signal.Exit) out.receiveMessage();
        assertThat(exit.from()).isEqualTo(linked);
        assertThat(exit.reason()).isInstanceOf(ExitReason.Failed.class);
    }

    @Test
    void stoppingAForeignRefIsRefusedAtTheCall() {
        Remote remote = new Remote("a", standIn(false));
        assertThatThrownBy(() -> kit.system().stop(remote)).isInstanceOf(IllegalArgumentException.class);
    }
}

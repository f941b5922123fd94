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

    sealed interface Cmd permits Watch, Link, Unwatch, Unlink, Crash {}

    record Watch(ActorRef<?> target) implements Cmd {}

    record Link(ActorRef<?> target) implements Cmd {}

    record Unwatch(ActorRef<?> target) implements Cmd {}

    record Unlink(ActorRef<?> target) implements Cmd {}

    record Crash() implements Cmd {}

    record Linked(ActorRef<?> local) {}

    record Unlinked(ActorRef<?> local) {}

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

    /** A foreign ref that reports the links the runtime tells it of. */
    record Reporting(Remote remote, ActorRef<Object> report) implements ForeignRef<String> {
        @Override public void tell(String message) { }
        @Override public void tell(String message, SendOptions options) { }
        @Override public Delivery offer(String message, SendOptions options) { throw new UnsupportedOperationException(); }
        @Override public <R> CompletionStage<R> ask(Function<ActorRef<R>, ? extends String> request, Duration timeout,
                SendOptions options) { throw new UnsupportedOperationException(); }
        @Override public ActorPath path() { return remote.path(); }
        @Override public long id() { return remote.id(); }
        @Override public ActorRef<?> standIn() { return remote.standIn(); }
        @Override public void linked(ActorRef<?> local) { report.tell(new Linked(local)); }
        @Override public void unlinked(ActorRef<?> local) { report.tell(new Unlinked(local)); }
    }

    private ActorRef<Cmd> node(boolean trapExits) {
        ActorRef<Object> report = out.ref();
        return kit.spawn(Scripted.<Cmd>receiving((msg, ctx) -> {
            switch (msg) {
                case Watch(var target) -> ctx.watch(target);
                case Link(var target) -> ctx.link(target);
                case Unwatch(var target) -> ctx.unwatch(target);
                case Unlink(var target) -> ctx.unlink(target);
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
    void foreignRefIsToldOfEachLinkMadeAndUndoneOnceOnTheLinkingActorsThread() {
        Reporting remote = new Reporting(new Remote("a", standIn(false)), out.ref());
        ActorRef<Cmd> linked = node(false);

        linked.tell(new Link(remote));
        linked.tell(new Link(remote)); // already linked: the transport is not told again
        linked.tell(new Unlink(remote));
        linked.tell(new Unlink(remote)); // no longer linked: nothing to undo
        linked.tell(new Watch(remote)); // a watch is no link

        // told before the command's answer, hence on the linking actor's run
        out.expectMessage(new Linked(linked));
        out.expectMessage(new Done(new Link(remote)));
        out.expectMessage(new Done(new Link(remote)));
        out.expectMessage(new Unlinked(linked));
        out.expectMessage(new Done(new Unlink(remote)));
        out.expectMessage(new Done(new Unlink(remote)));
        out.expectMessage(new Done(new Watch(remote)));
    }

    @Test
    void stoppingAForeignRefIsRefusedAtTheCall() {
        Remote remote = new Remote("a", standIn(false));
        assertThatThrownBy(() -> kit.system().stop(remote)).isInstanceOf(IllegalArgumentException.class);
    }
}

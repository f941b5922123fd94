package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Watches (Erlang monitors) and links, driven through {@link ActorContext} from a {@link #node} actor that
 * acknowledges each command and forwards every signal and watch notice to a probe.
 */
@OnEveryDispatcher
class WatchAndLinkTest {

    sealed interface Cmd permits Watch, WatchWith, Unwatch, Link, Unlink, TrapExits, Crash, StopSelf, Ping,
            Notice, Hold {}

    /** Blocks the node until the gate opens, so that messages queue up behind. */
    record Hold(java.util.concurrent.CountDownLatch gate) implements Cmd {}

    record Watch(ActorRef<?> target) implements Cmd {}

    record WatchWith(ActorRef<?> target, Notice notice) implements Cmd {}

    record Unwatch(ActorRef<?> target) implements Cmd {}

    record Link(ActorRef<?> target) implements Cmd {}

    record Unlink(ActorRef<?> target) implements Cmd {}

    record TrapExits() implements Cmd {}

    record Crash(RuntimeException cause) implements Cmd {}

    record StopSelf() implements Cmd {}

    record Ping(ActorRef<Object> replyTo) implements Cmd {}

    /** The custom message of {@code watchWith}. */
    record Notice(String text) implements Cmd {}

    /** Acknowledges a command once the node has carried it out. */
    record Done(Cmd command) {}

    record Pong(ActorRef<?> from) {}

    private final ActorTestKit kit;
    private final TestProbe<Object> out;
    private final TestProbe<Object> observer;
    /** Where "quiet" nodes report; never inspected. */
    private final TestProbe<Object> ignored;
    private final RuntimeException boom = new IllegalStateException("boom");

    WatchAndLinkTest(DispatcherUnderTest on) {
        kit = on.testKit();
        out = kit.createTestProbe();
        observer = kit.createTestProbe();
        ignored = kit.createTestProbe();
    }

    @AfterEach
    void closeKit() {
        kit.close();
    }

    /** An actor that does what it is told and reports to {@code report}. Failures escalate (the default). */
    private static Scripted.Spec<Cmd> node(ActorRef<Object> report) {
        return Scripted.<Cmd>receiving((msg, ctx) -> {
            switch (msg) {
                case Watch(var target) -> ctx.watch(target);
                case WatchWith(var target, var notice) -> ctx.watchWith(target, notice);
                case Unwatch(var target) -> ctx.unwatch(target);
                case Link(var target) -> ctx.link(target);
                case Unlink(var target) -> ctx.unlink(target);
                case TrapExits() -> ctx.trapExits(true);
                case Crash(var cause) -> throw cause;
                case StopSelf() -> ctx.stop();
                case Ping(var replyTo) -> replyTo.tell(new Pong(ctx.self()));
                case Notice notice -> report.tell(notice);
                case Hold(var gate) -> {
                    if (!gate.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test gate never opened");
                    }
                }
            }
            switch (msg) {
                case Watch w -> report.tell(new Done(w));
                case WatchWith w -> report.tell(new Done(w));
                case Unwatch u -> report.tell(new Done(u));
                case Link l -> report.tell(new Done(l));
                case Unlink u -> report.tell(new Done(u));
                case TrapExits t -> report.tell(new Done(t));
                default -> { }
            }
        }).onSignal((signal, ctx) -> report.tell(signal));
    }

    /** Tells {@code node} the command and waits until it has been carried out. */
    private void command(ActorRef<Cmd> node, Cmd command) {
        node.tell(command);
        out.expectMessage(new Done(command));
    }

    private ActorRef<Cmd> spawnNode(String name) {
        return kit.spawn(name, node(out.ref()));
    }

    private ActorRef<Cmd> spawnQuietNode(String name) {
        return kit.spawn(name, node(ignored.ref()));
    }

    // ------------------------------------------------------------------ watch

    @Test
    void watcherSeesNormalAfterTheWatchedActorStopsItself() {
        ActorRef<Cmd> watcher = spawnNode("watcher");
        ActorRef<Cmd> target = spawnQuietNode("target");
        command(watcher, new Watch(target));

        target.tell(new StopSelf());

        out.expectMessage(new Signal.Terminated(target, ExitReason.NORMAL));
    }

    @Test
    void watcherSeesShutdownAfterTheSystemStopsTheWatchedActor() {
        ActorRef<Cmd> watcher = spawnNode("watcher");
        ActorRef<Cmd> target = spawnQuietNode("target");
        command(watcher, new Watch(target));

        kit.system().stop(target);

        out.expectMessage(new Signal.Terminated(target, ExitReason.SHUTDOWN));
    }

    @Test
    void watcherSeesFailedWithTheCauseAfterTheWatchedActorCrashes() {
        ActorRef<Cmd> watcher = spawnNode("watcher");
        ActorRef<Cmd> target = spawnQuietNode("target");
        command(watcher, new Watch(target));

        target.tell(new Crash(boom));

        Signal.Terminated terminated = (Signal.Terminated) out.receiveMessage();
        assertThat(terminated.ref()).isEqualTo(target);
        assertThat(terminated.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                failed -> assertThat(failed.cause()).isSameAs(boom));
    }

    @Test
    void watcherSeesKilledAfterTheSystemKillsTheWatchedActor() {
        ActorRef<Cmd> watcher = spawnNode("watcher");
        ActorRef<Cmd> target = spawnQuietNode("target");
        command(watcher, new Watch(target));

        kit.system().kill(target);

        out.expectMessage(new Signal.Terminated(target, ExitReason.KILLED));
    }

    /** Erlang: {@code monitor(process, DeadPid)} delivers {@code {'DOWN', Ref, process, DeadPid, noproc}}. */
    @Test
    void watchingAnAlreadyTerminatedActorAnswersNoprocAsAnErlangMonitorDoes() {
        ActorRef<Cmd> target = spawnQuietNode("target");
        target.tell(new Crash(boom));
        observer.expectTerminated(target);
        ActorRef<Cmd> watcher = spawnNode("watcher");

        command(watcher, new Watch(target));

        out.expectMessage(new Signal.Terminated(target, ExitReason.NO_PROC));
    }

    @Test
    void watchWithOfAnAlreadyTerminatedActorStillDeliversTheCustomMessage() {
        ActorRef<Cmd> target = spawnQuietNode("target");
        target.tell(new StopSelf());
        observer.expectTerminated(target);
        ActorRef<Cmd> watcher = spawnNode("watcher");

        command(watcher, new WatchWith(target, new Notice("gone")));

        out.expectMessage(new Notice("gone"));
    }

    @Test
    void everyWatcherIsNotifiedOnce() {
        ActorRef<Cmd> first = spawnNode("first");
        ActorRef<Cmd> second = kit.spawn("second", node(observer.ref()));
        ActorRef<Cmd> target = spawnQuietNode("target");
        command(first, new Watch(target));
        command(first, new Watch(target)); // watching twice is one watch
        second.tell(new Watch(target));
        observer.expectMessage(new Done(new Watch(target)));

        kit.system().stop(target);

        out.expectMessage(new Signal.Terminated(target, ExitReason.SHUTDOWN));
        observer.expectMessage(new Signal.Terminated(target, ExitReason.SHUTDOWN));
        // a later, independent event shows nothing else was queued for the first watcher before it
        first.tell(new Ping(out.ref()));
        out.expectMessage(new Pong(first));
    }

    @Test
    void watchWithDeliversTheCustomMessageInsteadOfASignal() {
        ActorRef<Cmd> watcher = spawnNode("watcher");
        ActorRef<Cmd> target = spawnQuietNode("target");
        Notice notice = new Notice("target is gone");
        command(watcher, new WatchWith(target, notice));

        kit.system().stop(target);

        out.expectMessage(notice);
    }

    @Test
    void unwatchPreventsTheTerminationNotice() {
        ActorRef<Cmd> watcher = spawnNode("watcher");
        ActorRef<Cmd> target = spawnQuietNode("target");
        ActorRef<Cmd> sentinel = spawnQuietNode("sentinel");
        command(watcher, new Watch(target));
        command(watcher, new Unwatch(target));
        command(watcher, new Watch(sentinel));

        kit.system().stop(target);
        observer.expectTerminated(target);
        kit.system().stop(sentinel);

        // the sentinel terminated after the target: had the unwatch failed, the target's notice came first
        out.expectMessage(new Signal.Terminated(sentinel, ExitReason.SHUTDOWN));
    }

    // ------------------------------------------------------------------ link

    @Test
    void abnormalExitOfALinkedActorStopsTheOtherWithTheSameReason() {
        ActorRef<Cmd> a = spawnNode("a");
        ActorRef<Cmd> b = spawnQuietNode("b");
        command(a, new Link(b));
        observer.watch(a);

        b.tell(new Crash(boom));

        Signal.Terminated aDown = Probes.nextTermination(observer, a);
        assertThat(aDown.reason()).isEqualTo(ExitReason.failed(boom));
        assertThat(observer.expectTerminated(b).reason()).isEqualTo(ExitReason.failed(boom));
    }

    @Test
    void linksWorkBothWays() {
        ActorRef<Cmd> a = spawnNode("a");
        ActorRef<Cmd> b = spawnQuietNode("b");
        command(a, new Link(b));
        observer.watch(b);

        a.tell(new Crash(boom));

        assertThat(Probes.nextTermination(observer, b).reason()).isEqualTo(ExitReason.failed(boom));
    }

    @Test
    void normalExitOfALinkedActorDoesNotStopTheOther() {
        ActorRef<Cmd> a = spawnNode("a");
        ActorRef<Cmd> b = spawnQuietNode("b");
        command(a, new Link(b));
        command(a, new Watch(b)); // the link exit is sent right after this watch notice

        b.tell(new StopSelf());
        out.expectMessage(new Signal.Terminated(b, ExitReason.NORMAL));

        a.tell(new Ping(out.ref()));
        out.expectMessage(new Pong(a));
    }

    @Test
    void killOfALinkedActorStopsTheOtherWithKilled() {
        ActorRef<Cmd> a = spawnNode("a");
        ActorRef<Cmd> b = spawnQuietNode("b");
        command(a, new Link(b));
        observer.watch(a);

        kit.system().kill(b);

        assertThat(Probes.nextTermination(observer, a).reason()).isEqualTo(ExitReason.KILLED);
    }

    @Test
    void aTrappingActorReceivesTheExitAsASignalAndStaysAlive() {
        ActorRef<Cmd> a = spawnNode("a");
        ActorRef<Cmd> b = spawnQuietNode("b");
        command(a, new TrapExits());
        command(a, new Link(b));

        b.tell(new Crash(boom));

        out.expectMessage(new Signal.Exit(b, ExitReason.failed(boom)));
        a.tell(new Ping(out.ref()));
        out.expectMessage(new Pong(a));
    }

    @Test
    void aTrappingActorAlsoReceivesNormalExitsOfLinkedActors() {
        ActorRef<Cmd> a = spawnNode("a");
        ActorRef<Cmd> b = spawnQuietNode("b");
        command(a, new TrapExits());
        command(a, new Link(b));

        b.tell(new StopSelf());

        out.expectMessage(new Signal.Exit(b, ExitReason.NORMAL));
    }

    @Test
    void unlinkedActorsNoLongerShareExits() {
        ActorRef<Cmd> a = spawnNode("a");
        ActorRef<Cmd> b = spawnQuietNode("b");
        command(a, new TrapExits());
        command(a, new Link(b));
        command(a, new Unlink(b));
        command(a, new Watch(b)); // the watch notice would come before any link exit

        b.tell(new Crash(boom));

        out.expectMessage(new Signal.Terminated(b, ExitReason.failed(boom)));
        a.tell(new Ping(out.ref()));
        out.expectMessage(new Pong(a)); // no Signal.Exit in between
    }

    /** Erlang: {@code link(DeadPid)} while trapping exits delivers {@code {'EXIT', DeadPid, noproc}}. */
    @Test
    void linkingToADeadActorDeliversNoprocToATrappingActor() {
        ActorRef<Cmd> dead = spawnQuietNode("dead");
        dead.tell(new Crash(boom));
        observer.expectTerminated(dead);
        ActorRef<Cmd> a = spawnNode("a");
        command(a, new TrapExits());

        a.tell(new Link(dead));

        out.expectMessage(new Done(new Link(dead)));
        out.expectMessage(new Signal.Exit(dead, ExitReason.NO_PROC));
    }

    /** Erlang: {@code link(DeadPid)} without trapping exits makes the caller exit with {@code noproc}. */
    @Test
    void linkingToADeadActorStopsANonTrappingActorWithNoprocEvenIfItStoppedNormally() {
        ActorRef<Cmd> dead = spawnQuietNode("dead");
        dead.tell(new StopSelf());
        observer.expectTerminated(dead);
        ActorRef<Cmd> a = spawnQuietNode("a");
        observer.watch(a);

        a.tell(new Link(dead));

        assertThat(Probes.nextTermination(observer, a).reason()).isEqualTo(ExitReason.NO_PROC);
    }

    /** Signal: "they never wait behind user messages". */
    @Test
    void aTerminationSignalOvertakesUserMessagesAlreadyQueued() {
        // it blocks on a gate: a virtual thread keeps the dispatcher free for the probes meanwhile
        ActorRef<Cmd> watcher = kit.spawn("watcher", node(out.ref()),
                Props.defaults().withDispatcher(io.otp4j.dispatch.Dispatcher.virtualThreads()));
        ActorRef<Cmd> target = spawnQuietNode("target");
        command(watcher, new Watch(target));
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        watcher.tell(new Hold(gate));
        watcher.tell(new Ping(out.ref()));
        watcher.tell(new Ping(out.ref()));

        kit.system().stop(target);
        // the watcher registered first, so its notice was sent before the observer's
        observer.expectTerminated(target);
        gate.countDown();

        out.expectMessage(new Signal.Terminated(target, ExitReason.SHUTDOWN));
        out.expectMessage(new Pong(watcher));
        out.expectMessage(new Pong(watcher));
    }
}

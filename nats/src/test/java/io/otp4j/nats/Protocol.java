package io.otp4j.nats;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Signal;
import io.otp4j.nats.serialization.MessageTypes;
import java.time.Duration;

/** The messages and actors the distribution tests use, on every node. */
final class Protocol {

    private Protocol() {}

    sealed interface EchoMsg permits Ping, Forward, Crash, Seq, WhoAreYou, Amplify {}

    /** Answered with a {@link Pong} of the same text. */
    record Ping(String text, ActorRef<Pong> replyTo) implements EchoMsg {}

    /** Tells {@code to} a {@link Pong} of {@code text}: the ref travelled inside the message. */
    record Forward(String text, ActorRef<Object> to) implements EchoMsg {}

    /** The echo throws. */
    record Crash(String why) implements EchoMsg {}

    /** Answered with the same number, for ordering. */
    record Seq(int n, ActorRef<Object> replyTo) implements EchoMsg {}

    /** Answered with a {@link Pong} naming the echo's actor system: which node handled it. */
    record WhoAreYou(ActorRef<Object> replyTo) implements EchoMsg {}

    /** Answered with a {@link Pong} of {@code text} repeated {@code times}: a reply larger than its request. */
    record Amplify(String text, int times, ActorRef<Pong> replyTo) implements EchoMsg {}

    record Pong(String text) {}

    record Numbered(int n) {}

    sealed interface WatcherMsg permits WatchIt, LinkIt, UnlinkIt, TrapExits, Fail, Sync {}

    record WatchIt(ActorRef<?> target) implements WatcherMsg {}

    record LinkIt(ActorRef<?> target) implements WatcherMsg {}

    record UnlinkIt(ActorRef<?> target) implements WatcherMsg {}

    record TrapExits() implements WatcherMsg {}

    record Fail(String why) implements WatcherMsg {}

    /** Answered once the commands before it are done. */
    record Sync(ActorRef<Boolean> replyTo) implements WatcherMsg {}

    static MessageTypes types() {
        return MessageTypes.builder().add(1, Ping.class).add(2, Forward.class).add(3, Crash.class).add(4, Seq.class)
                .add(5, WhoAreYou.class).add(6, Amplify.class).add(7, Pong.class).add(8, Numbered.class).build();
    }

    static NatsNodeSettings settings(String nodeName, String url) {
        return NatsNodeSettings.of(nodeName, url, types())
                .withSubjectPrefix("otp4j-test")
                .withFailureDetection(Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    static final class Echo implements Actor<EchoMsg> {
        @Override
        public void receive(EchoMsg msg, ActorContext<EchoMsg> ctx) {
            switch (msg) {
                case Ping(var text, var replyTo) -> replyTo.tell(new Pong(text));
                case Forward(var text, var to) -> to.tell(new Pong(text));
                case Crash(var why) -> throw new IllegalStateException(why);
                case Seq(var n, var replyTo) -> replyTo.tell(new Numbered(n));
                case WhoAreYou(var replyTo) -> replyTo.tell(new Pong(ctx.system().name()));
                case Amplify(var text, var times, var replyTo) -> replyTo.tell(new Pong(text.repeat(times)));
            }
        }
    }

    /** Watches and links on command and hands every signal to {@code report}. */
    static final class Watcher implements Actor<WatcherMsg> {
        private final java.util.function.Consumer<Signal> report;

        Watcher(java.util.function.Consumer<Signal> report) {
            this.report = report;
        }

        @Override
        public void receive(WatcherMsg msg, ActorContext<WatcherMsg> ctx) {
            switch (msg) {
                case WatchIt(var target) -> ctx.watch(target);
                case LinkIt(var target) -> ctx.link(target);
                case UnlinkIt(var target) -> ctx.unlink(target);
                case TrapExits() -> ctx.trapExits(true);
                case Fail(var why) -> throw new IllegalStateException(why);
                case Sync(var replyTo) -> replyTo.tell(true);
            }
        }

        @Override
        public void onSignal(Signal signal, ActorContext<WatcherMsg> ctx) {
            report.accept(signal);
        }
    }

    static DurableMailbox durableMailbox() {
        return DurableMailbox.settings().withAckWait(Duration.ofSeconds(1)).withMaxInFlight(16);
    }

    /**
     * A durable mailbox's actor that reports each message it handles; at number {@code holdAt} it blocks for
     * ever (its node is to be killed there, with that message and the ones behind it not acknowledged).
     */
    static final class DurableReporter implements Actor<Durable<Numbered>> {
        private final int holdAt;
        private final java.util.function.Consumer<String> report;

        DurableReporter(int holdAt, java.util.function.Consumer<String> report) {
            this.holdAt = holdAt;
            this.report = report;
        }

        @Override
        public void receive(Durable<Numbered> msg, ActorContext<Durable<Numbered>> ctx) throws InterruptedException {
            if (msg.message().n() == holdAt) {
                report.accept("HOLDING " + msg.id() + " " + msg.message().n());
                new java.util.concurrent.CountDownLatch(1).await(); // until the process is killed
            }
            report.accept("HANDLED " + msg.id() + " " + msg.message().n());
        }
    }

    /** @return how a reason reads in a node process's report line */
    static String describe(ExitReason reason) {
        return switch (reason) {
            case ExitReason.Custom(NodeDown(var node)) -> "nodedown:" + node.name();
            default -> reason.toString();
        };
    }
}

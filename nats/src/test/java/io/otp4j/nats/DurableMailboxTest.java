package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.nats.Protocol.Numbered;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Durable mailboxes: messages told to an actor whose mailbox is a JetStream stream survive the SIGKILL of its
 * node, and are all handled, at least once, by the node started again; duplicates carry the same id.
 */
class DurableMailboxTest {

    private final String url = NatsServer.get().url();
    private final String mailboxName = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    private final ActorTestKit kit = ActorTestKit.create();
    private final NatsNode a = NatsNode.join(kit.system(), Protocol.settings("a", url));

    @AfterEach
    void stop() throws Exception {
        try {
            a.connection().jetStreamManagement().deleteStream(new DurableStreams(a).stream(mailboxName));
        } catch (Exception e) {
            // nothing was created
        }
        a.close();
        kit.close();
    }

    @Test
    void messagesToAKilledNodesDurableActorAreAllHandledAfterItsRestart() throws Exception {
        int total = 500;
        int holdAt = 120;
        NodeProcess b = NodeProcess.start("b", url);
        NodeProcess restarted = null;
        try {
            b.send("durable " + mailboxName + " " + holdAt);
            b.expect("DURABLE ");
            ActorRef<Numbered> orders = a.durableRef(mailboxName, Protocol.durableMailbox());
            IntStream.rangeClosed(1, total).forEach(n -> orders.tell(new Numbered(n)));
            b.expect("HOLDING "); // mid-stream: message holdAt is in its handler, the ones behind it unhandled

            b.kill();
            List<String> beforeCrash = b.saidUntilExit();
            restarted = NodeProcess.start("b", url);
            restarted.send("durable " + mailboxName + " 0");

            Set<String> ids = new HashSet<>();
            Set<Integer> numbers = new HashSet<>();
            record(beforeCrash, ids, numbers);
            while (numbers.size() < total) { // fails for lack of progress if a message never comes
                String line = restarted.expect("HANDLED ");
                record(List.of(line), ids, numbers);
            }
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
            assertThat(ids).hasSize(total); // one id per message sent, however often it was delivered
            // the crash came mid-stream, with messages left to handle: exactly those before the held one were
            // handled, some maybe twice (queued past the 1 s ack wait on a busy machine, hence delivered again)
            Set<Integer> handledBeforeCrash = new HashSet<>();
            record(beforeCrash, new HashSet<>(), handledBeforeCrash);
            assertThat(handledBeforeCrash).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(1, holdAt).boxed().toList());
        } finally {
            b.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static void record(List<String> lines, Set<String> ids, Set<Integer> numbers) {
        for (String line : lines) {
            if (line.startsWith("HANDLED ")) {
                String[] words = line.split(" ");
                ids.add(words[1]);
                numbers.add(Integer.parseInt(words[2]));
            }
        }
    }

    @Test
    void aHandlerThatThrowsGetsTheMessageAgainWithTheSameId() {
        TestProbe<Object> probe = kit.createTestProbe();
        ActorRef<Durable<Numbered>> actor = a.spawnDurable(mailboxName, () -> new FailsFirstTime(probe.ref()),
                Protocol.durableMailbox());
        a.<Numbered>durableRef(mailboxName, Protocol.durableMailbox()).tell(new Numbered(7));

        Durable<?> first = probe.expectMessageClass(Durable.class);
        Durable<?> second = probe.expectMessageClass(Durable.class);

        assertThat(first.redelivered()).isFalse();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.redelivered()).isTrue();
        assertThat(second.message()).isEqualTo(new Numbered(7));
        assertThat(actor).isNotNull();
    }

    /** Throws on a message's first delivery, handles its second. */
    static final class FailsFirstTime implements Actor<Durable<Numbered>> {
        private final ActorRef<Object> probe;

        FailsFirstTime(ActorRef<Object> probe) {
            this.probe = probe;
        }

        @Override
        public void receive(Durable<Numbered> msg, ActorContext<Durable<Numbered>> ctx) {
            probe.tell(msg);
            if (!msg.redelivered()) {
                throw new IllegalStateException("first delivery fails");
            }
        }

        @Override
        public io.otp4j.actor.ErrorAction onFailure(Throwable cause, ActorContext<Durable<Numbered>> ctx) {
            return io.otp4j.actor.ErrorAction.RESUME;
        }
    }

    @Test
    void malformedNamesAreRefusedAtTheCall() {
        assertThatThrownBy(() -> a.durableRef("two.tokens", Protocol.durableMailbox()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two.tokens");
        assertThatThrownBy(() -> a.durableRef("bad name", Protocol.durableMailbox()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurableMailbox.settings().withReplicas(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

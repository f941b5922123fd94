package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorRef;
import io.otp4j.nats.Protocol.EchoMsg;
import io.otp4j.nats.Protocol.Ping;
import io.otp4j.nats.Protocol.Pong;
import io.otp4j.registry.GroupEvent;
import io.otp4j.registry.GroupKey;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Process groups across nodes: node {@code a} in this JVM, {@code b} and {@code c} processes of their own
 * whose echoes join a group. Members are listed on every node, subscribers see a snapshot then joins and
 * leaves, and the memberships of a node killed with SIGKILL are released once the failure detector gives up
 * on it (each test uses a group of its own: the bucket outlives the test).
 */
class ClusterGroupsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String url = NatsServer.get().url();
    private final NodeProcess b = NodeProcess.start("b", url);
    private final NodeProcess c = NodeProcess.start("c", url);
    private final ActorTestKit kit = ActorTestKit.create();
    private final NatsNode a = NatsNode.join(kit.system(), Protocol.settings("a", url));
    private final GroupKey<EchoMsg> echoes = GroupKey.of("echoes-" + UUID.randomUUID(), EchoMsg.class);

    @AfterEach
    void stopNodes() throws InterruptedException {
        b.close();
        c.close();
        a.close();
        kit.close();
    }

    private void joinRemote(NodeProcess node) {
        node.send("join " + echoes.id());
        node.expect("JOINED " + echoes.id());
    }

    @Test
    void membersOfEveryNodeAreListedAndWork() throws Exception {
        joinRemote(b);
        joinRemote(c);
        ActorRef<EchoMsg> local = kit.spawn("echo", Protocol.Echo::new);
        a.groups().join(echoes, local);
        a.groups().join(echoes, local); // joining again is a no-op

        List<ActorRef<EchoMsg>> members = a.groups().members(echoes);

        assertThat(members).hasSize(3).contains(local);
        assertThat(members.stream().map(m -> m.path().system()).sorted())
                .containsExactly("b", "c", kit.system().name());
        for (ActorRef<EchoMsg> member : members) { // the remote members are working refs
            Pong pong = member.<Pong>ask(replyTo -> new Ping("hi", replyTo), PATIENCE)
                    .toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(pong).isEqualTo(new Pong("hi"));
        }
        assertThat(a.groups().leave(echoes, local)).isTrue();
        assertThat(a.groups().leave(echoes, local)).isFalse();
        assertThat(a.groups().members(echoes).stream().map(m -> m.path().system()).sorted())
                .containsExactly("b", "c");
    }

    @Test
    void subscriberGetsASnapshotThenJoinsAndLeavesIncludingAKilledNodesMembers() throws Exception {
        joinRemote(b);
        TestProbe<GroupEvent<EchoMsg>> subscriber = kit.createTestProbe();
        a.groups().subscribe(echoes, subscriber.ref());

        GroupEvent<EchoMsg> snapshot = subscriber.receiveMessage(PATIENCE);
        assertThat(snapshot).isInstanceOf(GroupEvent.Snapshot.class);
        List<ActorRef<EchoMsg>> initial = ((GroupEvent.Snapshot<EchoMsg>) snapshot).members();
        assertThat(initial).singleElement().satisfies(m -> assertThat(m.path().system()).isEqualTo("b"));
        ActorRef<EchoMsg> echoOfB = initial.getFirst();

        joinRemote(c);
        GroupEvent<EchoMsg> joinedC = subscriber.receiveMessage(PATIENCE);
        assertThat(joinedC).isInstanceOf(GroupEvent.Joined.class);
        assertThat(((GroupEvent.Joined<EchoMsg>) joinedC).member().path().system()).isEqualTo("c");

        ActorRef<EchoMsg> local = kit.spawn("echo", Protocol.Echo::new);
        a.groups().join(echoes, local);
        subscriber.expectMessage(new GroupEvent.Joined<>(echoes, local));
        kit.system().stop(local); // a member that terminates leaves
        subscriber.expectMessage(new GroupEvent.Left<>(echoes, local));

        b.kill(); // no goodbye: released once the failure detector declares b down

        subscriber.expectMessage(PATIENCE, new GroupEvent.Left<>(echoes, echoOfB));
        assertThat(a.groups().members(echoes)).singleElement()
                .satisfies(m -> assertThat(m.path().system()).isEqualTo("c"));
    }

    @Test
    void aGroupIdThatIsNoBucketKeyOrARemoteMemberIsRefusedAtTheCall() throws Exception {
        ActorRef<EchoMsg> local = kit.spawn("echo", Protocol.Echo::new);
        assertThatThrownBy(() -> a.groups().join(GroupKey.of("no spaces", EchoMsg.class), local))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no spaces");
        ActorRef<EchoMsg> echoOfB = a.<EchoMsg>lookup("b", "echo", PATIENCE).toCompletableFuture()
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThatThrownBy(() -> a.groups().join(echoes, echoOfB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an actor of this node");
        TestProbe<GroupEvent<EchoMsg>> subscriber = kit.createTestProbe();
        a.groups().subscribe(echoes, subscriber.ref());
        assertThat(subscriber.receiveMessage(PATIENCE)).isEqualTo(new GroupEvent.Snapshot<>(echoes, List.of()));
    }
}

package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadLetter;
import io.otp4j.nats.Protocol.Numbered;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One of three clustered NATS servers (started here, routes between them, JetStream on) is killed with
 * SIGKILL under load, while both nodes are connected to it: the nodes reconnect to the others; every message
 * told to a durable mailbox replicated on all three is handled (or, had its publish never been confirmed,
 * dead-lettered at the sender: never lost in silence); and plain tells sent once the nodes talk again arrive,
 * all of them, in order.
 */
class ServerLossTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<NatsServer.Own> servers = new ArrayList<>();
    private final ActorSystem systemA = ActorSystem.create("a");
    private final ActorSystem systemB = ActorSystem.create("b");
    private NatsNode a;
    private NatsNode b;

    @AfterEach
    void stop() {
        for (NatsNode node : new NatsNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        systemA.close();
        systemB.close();
        servers.forEach(NatsServer.Own::close);
    }

    @Test
    void killingOneOfThreeServersLosesNoDurableMessageAndPlainTellsFlowAgain() throws Exception {
        startCluster();
        String urls = servers.stream().map(NatsServer.Own::url).collect(Collectors.joining(","));
        a = NatsNode.join(systemA, settings("a", urls));
        b = NatsNode.join(systemB, settings("b", urls));
        DurableMailbox mailbox = Protocol.durableMailbox().withReplicas(3);

        Set<Integer> handled = ConcurrentHashMap.newKeySet();
        Set<Object> deadLettered = ConcurrentHashMap.newKeySet();
        systemA.eventStream().subscribe(DeadLetter.class, systemA.spawn("dead-letters",
                () -> (Actor<DeadLetter>) (letter, ctx) -> deadLettered.add(letter.message())));
        // R3 placement needs the three servers' JetStream cluster formed: tried until it is
        ActorRef<Numbered> work = await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> a.<Numbered>durableRef("work", mailbox), ref -> ref != null);
        b.spawnDurable("work", () -> new Protocol.DurableReporter(0, line ->
                handled.add(Integer.parseInt(line.split(" ")[2]))), mailbox);

        int total = 2000;
        IntStream.rangeClosed(1, total / 2).forEach(n -> work.tell(new Numbered(n)));
        await().atMost(PATIENCE).until(() -> handled.size() >= 100); // mid-stream
        servers.get(0).kill(); // both nodes are connected to it (no randomised server order)
        IntStream.rangeClosed(total / 2 + 1, total).forEach(n -> work.tell(new Numbered(n)));

        await().atMost(PATIENCE).until(() -> handled.size() + unhandledDeadLetters(deadLettered, handled) == total);
        Set<Integer> accounted = new java.util.HashSet<>(handled);
        deadLettered.forEach(m -> accounted.add(((Numbered) m).n()));
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
        System.out.printf("server loss: %d of %d durable messages handled, %d dead-lettered at the sender%n",
                handled.size(), total, deadLettered.size());

        // plain tells: at most once while a server is lost; once the nodes talk again, every tell arrives in order
        ActorRef<Object> inbox = systemB.spawn("inbox", () -> new Collector());
        b.expose("inbox", inbox);
        ActorRef<Object> remoteInbox = await().atMost(PATIENCE).ignoreExceptions().until(() -> a.<Object>lookup("b",
                "inbox", Duration.ofSeconds(2)).toCompletableFuture().get(5, TimeUnit.SECONDS), ref -> ref != null);
        for (int n = 1; n <= 500; n++) {
            remoteInbox.tell(new Numbered(n));
        }
        await().atMost(PATIENCE).until(() -> Collector.received.size() == 500);
        assertThat(Collector.received).containsExactlyElementsOf(IntStream.rangeClosed(1, 500).boxed().toList());
    }

    private static int unhandledDeadLetters(Set<Object> deadLettered, Set<Integer> handled) {
        return (int) deadLettered.stream().filter(m -> !handled.contains(((Numbered) m).n())).count();
    }

    /** Keeps the numbers it gets, in order of arrival. */
    static final class Collector implements Actor<Object> {
        static final List<Integer> received = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void receive(Object message, io.otp4j.actor.ActorContext<Object> ctx) {
            if (message instanceof Numbered(var n)) {
                received.add(n);
            }
        }
    }

    private static NatsNodeSettings settings(String name, String urls) {
        // a failure timeout longer than a reconnect: the nodes must not declare each other down meanwhile
        return Protocol.settings(name, urls).withFailureDetection(Duration.ofMillis(200), Duration.ofSeconds(30))
                .withConnectionOptions(o -> o.noRandomize());
    }

    private void startCluster() throws IOException {
        int[] clientPorts = new int[3];
        int[] routePorts = new int[3];
        for (int i = 0; i < 3; i++) {
            clientPorts[i] = NatsServer.freePort();
            routePorts[i] = NatsServer.freePort();
        }
        for (int i = 0; i < 3; i++) {
            StringBuilder routes = new StringBuilder();
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    routes.append("nats-route://127.0.0.1:").append(routePorts[j]).append(", ");
                }
            }
            servers.add(NatsServer.startWithConfig(clientPorts[i], "server_name: s" + i + "\n"
                    + "cluster { name: otp4j-test, listen: 127.0.0.1:" + routePorts[i] + ", routes: [ " + routes
                    + "] }\n"));
        }
    }
}

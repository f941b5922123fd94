package io.otp4j.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.broker.MessageBroker;
import io.otp4j.broker.PublishResult;
import io.otp4j.broker.TopicKey;
import io.otp4j.nats.Protocol.EchoMsg;
import io.otp4j.nats.Protocol.Numbered;
import io.otp4j.nats.Protocol.Ping;
import io.otp4j.nats.Protocol.Pong;
import io.otp4j.nats.Protocol.WhoAreYou;
import io.otp4j.registry.GroupEvent;
import io.otp4j.registry.GroupKey;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import io.otp4j.router.Routers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same user code, written against the core API only ({@code Registry.of}, {@code MessageBroker.of}), run once
 * on one local system and once on two systems joined to a cluster by {@link NatsDistribution} in their settings:
 * the outcomes are the same (a name, a group, a group router and a topic). Then the places where a cluster's contract differs from one JVM's, as
 * {@link NatsDistribution} documents them.
 */
class SameCodeOnOneJvmOrManyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String url = NatsServer.get().url();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ServiceKey<EchoMsg> echoKey = ServiceKey.of("echo-" + run, EchoMsg.class);
    private final GroupKey<EchoMsg> workers = GroupKey.of("workers-" + run, EchoMsg.class);
    private final TopicKey<Numbered> ticks = TopicKey.of("ticks." + run, Numbered.class);
    private final TopicKey<Numbered> allTicks = TopicKey.of("ticks.>", Numbered.class);

    /** What the application saw; the same whether its two "nodes" are one system or two. */
    record Outcome(Pong foundOnB, Pong requestedFromB, int membersSeenFromA, int membersSeenFromB,
                   int membersAnswering, int routedReplies, Set<String> publicationsReceived) {}

    /** Which systems answered through the group router: one on one JVM, both nodes otherwise. */
    private final Set<String> routedTo = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The application: it knows nothing of NATS. {@code a} and {@code b} are where its two halves run: the same
     * system on one JVM, two nodes of a cluster otherwise.
     */
    private Outcome application(ActorSystem a, ActorSystem b) throws Exception {
        // a name registered on A is found on B, and reached by name through B's broker
        ActorRef<EchoMsg> echo = a.spawn("echo", Protocol.Echo::new);
        Registry.of(a).register(echoKey, echo);
        ActorRef<EchoMsg> found = Registry.of(b).lookup(echoKey).orElseThrow();
        Pong foundOnB = found.<Pong>ask(replyTo -> new Ping("found", replyTo), PATIENCE).toCompletableFuture()
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        Pong requested = MessageBroker.of(b).<EchoMsg, Pong>request(echoKey, replyTo -> new Ping("by name", replyTo),
                PATIENCE).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        // a group with a member on each side, listed from each side
        Registry.of(a).join(workers, a.spawn("worker-a", Protocol.Echo::new));
        Registry.of(b).join(workers, b.spawn("worker-b", Protocol.Echo::new));
        List<ActorRef<EchoMsg>> fromA = Registry.of(a).members(workers);
        List<ActorRef<EchoMsg>> fromB = Registry.of(b).members(workers);
        int answering = 0;
        for (ActorRef<EchoMsg> member : fromB) {
            Object who = member.ask(WhoAreYou::new, PATIENCE).toCompletableFuture()
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            answering += who instanceof Pong ? 1 : 0;
        }

        // a router over the group, on B, spreads its messages over the members wherever they run
        ActorRef<EchoMsg> router = b.spawn("router", Routers.group(workers));
        int routedReplies = 0;
        for (int i = 0; i < 4; i++) {
            Object who = router.ask(WhoAreYou::new, PATIENCE).toCompletableFuture()
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            routedTo.add(who.toString());
            routedReplies++;
        }

        // a topic with a subscriber on each side (one exact, one a pattern), published on A
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MessageBroker.of(a).subscribe(ticks, a.spawn("ticks-a", () -> recorder("on-a", received)));
        MessageBroker.of(b).subscribe(allTicks, b.spawn("ticks-b", () -> recorder("on-b", received)));
        MessageBroker.of(a).publish(ticks, new Numbered(7));
        Set<String> publications = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            String one = received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(one).as("publication %d of 2", i + 1).isNotNull();
            publications.add(one);
        }
        return new Outcome(foundOnB, requested, fromA.size(), fromB.size(), answering, routedReplies, publications);
    }

    private static Actor<Numbered> recorder(String where, BlockingQueue<String> received) {
        return (msg, ctx) -> received.add(where + ":" + msg.n());
    }

    private Outcome expected() {
        return new Outcome(new Pong("found"), new Pong("by name"), 2, 2, 2, 4,
                Set.of("on-a:7", "on-b:7"));
    }

    private ActorSystemSettings node(String name) {
        return ActorSystemSettings.defaults().with(NatsDistribution.of(Protocol.settings(name + "-" + run, url)));
    }

    @Test
    void theApplicationOnOneLocalSystem() throws Exception {
        try (ActorSystem solo = ActorSystem.create("solo")) {
            assertThat(application(solo, solo)).isEqualTo(expected());
            assertThat(routedTo).containsExactly("Pong[text=solo]");
        }
    }

    @Test
    void theSameApplicationOnTwoNodesJoinedBySettings() throws Exception {
        try (ActorSystem a = ActorSystem.create("a", node("a")); ActorSystem b = ActorSystem.create("b", node("b"))) {
            assertThat(application(a, b)).isEqualTo(expected());
            assertThat(routedTo).containsExactlyInAnyOrder("Pong[text=a]", "Pong[text=b]");

            // the members really are on both nodes: each answers with its own system's name
            List<String> names = new ArrayList<>();
            for (ActorRef<EchoMsg> member : Registry.of(a).members(workers)) {
                names.add(member.ask(WhoAreYou::new, PATIENCE).toCompletableFuture()
                        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS).toString());
            }
            assertThat(names).containsExactlyInAnyOrder("Pong[text=a]", "Pong[text=b]");

            // the asks routed from B carried B's reply addresses to A: B's node still watches for A (its agent
            // did not crash exporting them), so A hears of the end of B's member
            ActorRef<EchoMsg> memberOnB = Registry.of(a).members(workers).stream()
                    .filter(m -> m.path().toString().contains("worker-b")).findFirst().orElseThrow();
            BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
            ActorRef<Object> watcher = a.spawn("watcher", () -> new Actor<Object>() {
                @Override
                public void receive(Object target, io.otp4j.actor.ActorContext<Object> ctx) {
                    ctx.watch((ActorRef<?>) target);
                    signals.add("watching");
                }

                @Override
                public void onSignal(io.otp4j.actor.Signal signal, io.otp4j.actor.ActorContext<Object> ctx) {
                    signals.add(signal);
                }
            });
            watcher.tell(memberOnB);
            assertThat(signals.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("watching");
            ActorRef<EchoMsg> localOnB = Registry.of(b).members(workers).stream()
                    .filter(m -> m.path().toString().contains("worker-b")).findFirst().orElseThrow();
            b.stop(localOnB);
            assertThat(signals.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(io.otp4j.actor.Signal.Terminated.class);
        }
    }

    @Test
    void aPublicationCountsThisNodesSubscribersOnlyAndIsNoDeadLetterWhenNoneIsHere() throws Exception {
        try (ActorSystem a = ActorSystem.create("a", node("a")); ActorSystem b = ActorSystem.create("b", node("b"))) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MessageBroker.of(b).subscribe(ticks, b.spawn("ticks-b", () -> recorder("on-b", received)));
            long deadLettersBefore = a.eventStream().deadLetterCount();

            PublishResult result = MessageBroker.of(a).publish(ticks, new Numbered(1));

            assertThat(result).isEqualTo(PublishResult.NO_SUBSCRIBERS);
            assertThat(a.eventStream().deadLetterCount()).isEqualTo(deadLettersBefore);
            assertThat(MessageBroker.of(a).subscriberCount(ticks)).isZero();
            assertThat(received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("on-b:1");

            MessageBroker.of(a).subscribe(ticks, a.spawn("ticks-a", () -> recorder("on-a", received)));
            assertThat(MessageBroker.of(a).publish(ticks, new Numbered(2))).isEqualTo(new PublishResult(1, 1, 0, 0, 0));
            assertThat(Set.of(received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS),
                    received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))).containsExactlyInAnyOrder("on-a:2", "on-b:2");
        }
    }

    @Test
    void aGroupSubscriberOnOneNodeHearsOfMembersOnTheOtherAndADeadOneIsRefused() throws Exception {
        try (ActorSystem a = ActorSystem.create("a", node("a")); ActorSystem b = ActorSystem.create("b", node("b"))) {
            BlockingQueue<GroupEvent<EchoMsg>> events = new LinkedBlockingQueue<>();
            ActorRef<GroupEvent<EchoMsg>> dashboard = a.spawn("dashboard", () -> (event, ctx) -> events.add(event));

            Registry.of(a).subscribe(workers, dashboard);
            assertThat(events.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(new GroupEvent.Snapshot<>(workers, List.of()));
            Registry.of(b).join(workers, b.spawn("worker-b", Protocol.Echo::new));

            GroupEvent<EchoMsg> joined = events.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(joined).isInstanceOf(GroupEvent.Joined.class);
            assertThat(((GroupEvent.Joined<EchoMsg>) joined).member().path().toString()).contains("worker-b");

            ActorRef<GroupEvent<EchoMsg>> gone = a.spawn("gone", () -> (event, ctx) -> {});
            a.stop(gone).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThatThrownBy(() -> Registry.of(a).subscribe(workers, gone))
                    .isInstanceOf(io.otp4j.actor.DeadActorException.class);
        }
    }

    @Test
    void aNameIsUniqueAcrossNodesAndOnlyItsHoldersNodeReleasesIt() throws Exception {
        try (ActorSystem a = ActorSystem.create("a", node("a")); ActorSystem b = ActorSystem.create("b", node("b"))) {
            ActorRef<EchoMsg> onA = a.spawn("echo", Protocol.Echo::new);
            Registry.of(a).register(echoKey, onA);
            Registry.of(a).register(echoKey, onA); // again, from a restart's preStart say: a no-op

            assertThatThrownBy(() -> Registry.of(b).register(echoKey, b.spawn("echo", Protocol.Echo::new)))
                    .isInstanceOf(io.otp4j.registry.AlreadyRegisteredException.class);
            assertThatThrownBy(() -> Registry.of(b).unregister(echoKey)).isInstanceOf(NameHeldElsewhereException.class)
                    .hasMessageContaining(echoKey.id());
            assertThatThrownBy(() -> Registry.of(b).lookup(ServiceKey.of(echoKey.id(), Pong.class)))
                    .isInstanceOf(io.otp4j.registry.KeyTypeMismatchException.class);
            assertThat(Registry.of(b).names()).contains(echoKey.id());
            assertThat(Registry.of(a).lookup(echoKey)).containsSame(onA); // this node's own: the local actor

            assertThat(Registry.of(a).unregister(echoKey)).isTrue();
            assertThat(Registry.of(b).lookup(echoKey)).isEmpty(); // released in the cluster before unregister returned
            ActorRef<EchoMsg> onB = b.spawn("echo-2", Protocol.Echo::new);
            Registry.of(b).register(echoKey, onB);
            assertThat(Registry.of(a).lookup(echoKey)).isPresent();
        }
    }
}

package io.otp4j.examples.distributed;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.nats.Durable;
import io.otp4j.nats.DurableMailbox;
import io.otp4j.nats.NatsDistribution;
import io.otp4j.nats.NatsNode;
import io.otp4j.nats.NatsNodeSettings;
import io.otp4j.nats.serialization.MessageTypes;
import io.otp4j.registry.GroupEvent;
import io.otp4j.registry.GroupKey;
import java.time.Duration;
import java.util.List;

/**
 * The code of the distribution how-to's sections on settings, process groups and durable mailboxes, compiled
 * so the page cannot drift from the API (the runnable, tested program is {@link ClusterPool}; the behaviour
 * shown here is tested in the nats module's {@code NatsDistributionTest}, {@code ClusterGroupsTest} and
 * {@code DurableMailboxTest}).
 */
final class DistributionHowTo {

    private DistributionHowTo() {}

    /** A worker that flushes on request. */
    static final class Worker implements Actor<Worker.Msg> {
        sealed interface Msg permits Flush {}

        record Flush() implements Msg {}

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Flush() -> ctx.log().info("flushed");
            }
        }
    }

    /** An order, sent to a durable mailbox. */
    record Order(String sku, int quantity) {}

    /** Handles orders from its durable mailbox; a redelivered order is recognised by its id. */
    static final class OrderBook implements Actor<Durable<Order>> {
        @Override
        public void receive(Durable<Order> order, ActorContext<Durable<Order>> ctx) {
            ctx.log().info("order {} ({} deliveries): {}", order.id(), order.deliveries(), order.message());
        }
    }

    /** The messages that cross nodes. */
    static final MessageTypes TYPES = MessageTypes.builder().add(1, Worker.Flush.class).build();

    static ActorSystem fromSettings(String natsUrl) {
        // tag::settings[]
        ActorSystemSettings settings = ActorSystemSettings.defaults();
        if (natsUrl != null) { // many JVMs: the system joins at create and leaves when it terminates
            settings = settings.with(NatsDistribution.of(NatsNodeSettings.of("shop-1", natsUrl, TYPES)));
        }
        ActorSystem system = ActorSystem.create("shop", settings);
        ActorRef<Worker.Msg> worker = system.spawn("worker", Worker::new);
        NatsNode.of(system).ifPresent(node -> node.joinPool("workers", worker)); // empty on one JVM
        // end::settings[]
        return system;
    }

    static void groups(NatsNode node, ActorSystem system, ActorRef<GroupEvent<Worker.Msg>> dashboard) {
        // tag::groups[]
        GroupKey<Worker.Msg> workers = GroupKey.of("workers", Worker.Msg.class);

        node.groups().join(workers, system.spawn("worker", Worker::new));        // on each worker node
        List<ActorRef<Worker.Msg>> all = node.groups().members(workers);          // on any node, in join order
        all.forEach(w -> w.tell(new Worker.Flush()));

        node.groups().subscribe(workers, dashboard); // Snapshot, then Joined and Left, in the same order everywhere
        // end::groups[]
    }

    static void durable(NatsNode node, NatsNode otherNode) {
        // tag::durable[]
        DurableMailbox mailbox = DurableMailbox.settings().withReplicas(3).withAckWait(Duration.ofSeconds(10));
        // on the node that handles them (again after a restart: the messages waited in the stream)
        node.spawnDurable("orders", OrderBook::new, mailbox);           // OrderBook implements Actor<Durable<Order>>
        // on any node
        ActorRef<Order> orders = otherNode.durableRef("orders", mailbox);
        orders.tell(new Order("sku-1", 2));
        // end::durable[]
    }
}

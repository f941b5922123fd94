package io.otp4j.examples.distributed;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Signal;
import io.otp4j.nats.NatsNode;
import io.otp4j.nats.NatsNodeSettings;
import io.otp4j.nats.serialization.MessageTypes;
import io.otp4j.registry.ServiceKey;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A worker pool that spans nodes, on a NATS server: two worker nodes join the pool {@code resize}, a front
 * node sends it jobs (each goes to one worker, on either node) and asks for the results; it finds one
 * worker by its cluster-wide name and watches it; that worker's node leaves, and the watcher is told, while
 * the pool goes on with the worker left.
 *
 * <p>The three nodes run in this one JVM to keep the demo to one command; each is an actor system of its
 * own that joins the cluster exactly as a separate process would. Needs a NATS server with JetStream:
 * {@code nats-server -js}, then {@code ./otp4j run distributed.ClusterPool} (the URL is the first argument,
 * else {@code OTP4J_NATS_URL}, else {@code nats://127.0.0.1:4222}).
 */
public final class ClusterPool {

    private ClusterPool() {}

    // tag::messages[]
    /** A worker resizes images; its messages travel between nodes, so they are records. */
    static final class Resizer implements Actor<Resizer.Msg> {
        sealed interface Msg permits Resize {}

        record Resize(String image, ActorRef<Resized> replyTo) implements Msg {}

        record Resized(String image, String node) {}

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Resize(var image, var replyTo) -> replyTo.tell(new Resized(image, ctx.system().name()));
            }
        }
    }

    /** Only these types are decoded from the network: an allow-list with stable ids, no Java serialization. */
    static final MessageTypes TYPES = MessageTypes.builder()
            .add(1, Resizer.Resize.class)
            .add(2, Resizer.Resized.class)
            .build();
    // end::messages[]

    /** Prints the signals it gets: here, the end of the worker it watches. */
    static final class Watcher implements Actor<ActorRef<?>> {
        private final CountDownLatch told;

        Watcher(CountDownLatch told) {
            this.told = told;
        }

        @Override
        public void receive(ActorRef<?> target, ActorContext<ActorRef<?>> ctx) {
            ctx.watch(target);
        }

        @Override
        public void onSignal(Signal signal, ActorContext<ActorRef<?>> ctx) {
            if (signal instanceof Signal.Terminated(var ref, var reason)) {
                System.out.println("front: " + ref.path() + " terminated: " + reason);
                told.countDown();
            }
        }
    }

    /**
     * @param args the NATS server URL, optional
     * @throws Exception if the server cannot be reached
     */
    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("OTP4J_NATS_URL", "nats://127.0.0.1:4222");
        ServiceKey<Resizer.Msg> firstWorker = ServiceKey.of("resizer-on-worker-1", Resizer.Msg.class);
        try (ActorSystem front = ActorSystem.create("front");
             ActorSystem worker1 = ActorSystem.create("worker-1");
             ActorSystem worker2 = ActorSystem.create("worker-2")) {
            // tag::join[]
            NatsNode node1 = NatsNode.join(worker1, NatsNodeSettings.of("worker-1", url, TYPES));
            ActorRef<Resizer.Msg> resizer1 = worker1.spawn("resizer", Resizer::new);
            node1.joinPool("resize", resizer1);
            node1.registry().register(firstWorker, resizer1);
            // end::join[]
            NatsNode node2 = NatsNode.join(worker2, NatsNodeSettings.of("worker-2", url, TYPES));
            node2.joinPool("resize", worker2.spawn("resizer", Resizer::new));
            NatsNode frontNode = NatsNode.join(front, NatsNodeSettings.of("front", url, TYPES)
                    .withFailureDetection(Duration.ofMillis(200), Duration.ofSeconds(2)));

            // tag::pool[]
            ActorRef<Resizer.Msg> pool = frontNode.pool("resize");
            for (int i = 1; i <= 6; i++) {
                String image = "photo-" + i + ".jpg";
                Resizer.Resized done = pool.<Resizer.Resized>ask(replyTo -> new Resizer.Resize(image, replyTo),
                        Duration.ofSeconds(5)).toCompletableFuture().join();
                System.out.println("front: " + done.image() + " resized on " + done.node());
            }
            // end::pool[]

            // tag::watch[]
            ActorRef<Resizer.Msg> remote = frontNode.registry().find(firstWorker).orElseThrow();
            CountDownLatch told = new CountDownLatch(1);
            ActorRef<ActorRef<?>> watcher = front.spawn("watcher", () -> new Watcher(told));
            watcher.tell(remote); // watches a remote actor as it would a local one
            // end::watch[]
            System.out.println("front: watching " + remote.path() + " on worker-1; worker-1 leaves");
            node1.close();
            told.await(); // the watcher prints when worker-1's goodbye arrives
            Resizer.Resized after = pool.<Resizer.Resized>ask(replyTo -> new Resizer.Resize("photo-7.jpg", replyTo),
                    Duration.ofSeconds(5)).toCompletableFuture().join();
            System.out.println("front: " + after.image() + " resized on " + after.node() + ", the worker left");
            frontNode.close();
            node2.close();
        }
    }
}

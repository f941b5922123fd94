package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.broker.MessageBroker;
import io.otp4j.broker.PublishResult;
import io.otp4j.broker.TopicKey;
import io.otp4j.registry.GroupEvent;
import io.otp4j.registry.GroupKey;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import io.otp4j.router.Routers;
import io.otp4j.router.RoutingStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * How-to ({@code docs/how-to/messaging.md}): registered names, process groups, topics, request-response
 * by name, and routers, each used once and printed.
 */
public final class Messaging {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    // tag::keys[]
    static final ServiceKey<Counter.Msg> COUNTER = ServiceKey.of("counter", Counter.Msg.class);
    static final GroupKey<Worker.Msg>    WORKERS = GroupKey.of("workers", Worker.Msg.class);
    static final TopicKey<OrderEvent>    ORDERS  = TopicKey.of("orders.eu.created", OrderEvent.class);
    // end::keys[]

    /** Counts increments and reports the total. */
    static final class Counter implements Actor<Counter.Msg> {
        sealed interface Msg permits Increment, Get {}

        record Increment(long by) implements Msg {}

        record Get(ActorRef<Long> replyTo) implements Msg {}

        private long total;

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Increment(long by) -> total += by;
                case Get(var replyTo) -> replyTo.tell(total);
            }
        }
    }

    /** Handles jobs for customers and replies with the path of the worker that did the job. */
    static final class Worker implements Actor<Worker.Msg> {
        sealed interface Msg permits Work, Reconfigure {
            /** @return the customer this message is about, or the empty string */
            default String customerId() {
                return "";
            }
        }

        record Work(String customerId, ActorRef<String> replyTo) implements Msg {}

        record Reconfigure(int threads) implements Msg {}

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Work(String customerId, var replyTo) -> replyTo.tell(customerId + " served by " + ctx.self().path());
                case Reconfigure r -> { }
            }
        }
    }

    /** What the order service publishes. */
    sealed interface OrderEvent permits OrderCreated {}

    /** An order was created. */
    record OrderCreated(long orderId) implements OrderEvent {}

    /** Keeps what it receives and hands it out on request: a stand-in for billing, audit, dashboards. */
    static final class Inbox implements Actor<Object> {
        record Report(ActorRef<List<Object>> replyTo) {}

        private final List<Object> received = new ArrayList<>();

        @Override
        public void receive(Object message, ActorContext<Object> ctx) {
            if (message instanceof Report(var replyTo)) {
                replyTo.tell(List.copyOf(received));
            } else {
                received.add(message);
            }
        }
    }

    /**
     * Uses each messaging facility once and prints what happened.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("messaging")) {
            // tag::names[]
            Registry registry = Registry.of(system);
            ActorRef<Counter.Msg> counter = system.spawn("counter-1", Counter::new);
            registry.register(COUNTER, counter);               // or, in preStart: register(COUNTER, ctx.self())

            registry.lookup(COUNTER).ifPresent(c -> c.tell(new Counter.Increment(1)));
            MessageBroker.of(system).send(COUNTER, new Counter.Increment(1));   // lookup + offer in one call
            // end::names[]

            ActorRef<Worker.Msg> worker = system.spawn("worker-1", Worker::new);
            ActorRef<Object> watcherRef = system.spawn("group-watcher", Inbox::new);
            // tag::groups[]
            registry.join(WORKERS, worker);                     // a no-op if already a member
            List<ActorRef<Worker.Msg>> all = registry.members(WORKERS);   // join order; an immutable snapshot
            registry.leave(WORKERS, worker);

            registry.subscribe(WORKERS, watcherRef);            // watcherRef: ActorRef<? super GroupEvent<Worker.Msg>>
            // watcher receives: Snapshot(key, members), then Joined(key, m) / Left(key, m) per change, in order
            // end::groups[]
            System.out.println("members of workers: " + all.stream().map(ActorRef::path).toList());
            registry.join(WORKERS, worker);
            for (Object event : report(watcherRef)) {
                System.out.println("group watcher saw " + describe(event));
            }

            ActorRef<Object> billing = system.spawn("billing", Inbox::new);
            ActorRef<Object> auditor = system.spawn("auditor", Inbox::new);
            // tag::topics[]
            MessageBroker broker = MessageBroker.of(system);
            broker.subscribe(TopicKey.of("orders.eu.created", OrderEvent.class), billing);   // exact topic
            broker.subscribe(TopicKey.of("orders.>", OrderEvent.class), auditor);            // pattern

            PublishResult r = broker.publish(ORDERS, new OrderCreated(42));
            // PublishResult[subscribers=2, delivered=2, dropped=0, rejected=0, deadLetters=0]
            // end::topics[]
            System.out.println(r);
            System.out.println("billing got " + report(billing) + ", the auditor got " + report(auditor));

            // tag::request[]
            CompletionStage<Long> total = broker.request(COUNTER, Counter.Get::new, Duration.ofSeconds(1));
            // end::request[]
            System.out.println("counter total by name: " + total.toCompletableFuture().join());

            // tag::routers[]
            // a worker pool: 4 supervised routees, least-loaded first
            ActorRef<Worker.Msg> pool = system.spawn("workers", Routers.pool(4, Worker::new)
                    .withStrategy(RoutingStrategy.smallestMailbox())
                    .withBroadcastPredicate(msg -> msg instanceof Worker.Reconfigure));

            // a group router over a process group's current members
            ActorRef<Worker.Msg> jobs = system.spawn("jobs", Routers.group(WORKERS)
                    .withStrategy(RoutingStrategy.consistentHashing(Worker.Msg::customerId)));
            // end::routers[]
            System.out.println(work(pool, "acme").replaceAll("routee-\\d", "routee-N"));
            System.out.println(work(jobs, "acme"));
        }
    }

    private static List<Object> report(ActorRef<Object> inbox) {
        return inbox.<List<Object>>ask(Inbox.Report::new, TIMEOUT).toCompletableFuture().join();
    }

    private static String work(ActorRef<Worker.Msg> router, String customer) {
        return router.<String>ask(replyTo -> new Worker.Work(customer, replyTo), TIMEOUT).toCompletableFuture().join();
    }

    private static String describe(Object event) {
        return switch (event) {
            case GroupEvent.Snapshot<?> s -> "Snapshot " + s.members().stream().map(ActorRef::path).toList();
            case GroupEvent.Joined<?> j -> "Joined " + j.member().path();
            case GroupEvent.Left<?> l -> "Left " + l.member().path();
            default -> event.toString();
        };
    }

    private Messaging() {}
}

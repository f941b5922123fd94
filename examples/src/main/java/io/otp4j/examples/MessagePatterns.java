package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.broker.MessageBroker;
import io.otp4j.broker.PublishResult;
import io.otp4j.broker.TopicKey;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.MailboxFullException;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.registry.Registry;
import io.otp4j.registry.ServiceKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ways messages travel: point-to-point by ref and by registered name, publish-subscribe on broker
 * topics, request-response with {@code ask}, priority, expiry, and backpressure on a bounded mailbox under
 * each {@link Overflow} policy.
 *
 * <p>The actors here print nothing: what they receive comes back to {@code main} through an {@code Inbox},
 * and {@code main} prints it, sorted where two actors run at once. To show what a mailbox does with
 * waiting messages, a {@code Consumer} is first made to pause: everything sent meanwhile queues up, and
 * the mailbox's policy decides what happens to it.
 */
public final class MessagePatterns {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The name the printer is registered under. */
    static final ServiceKey<Printer.Msg> PRINTER = ServiceKey.of("printer", Printer.Msg.class);

    /** Orders placed in the EU: an exact topic. */
    static final TopicKey<OrderEvent> EU_PLACED = TopicKey.of("orders.eu.placed", OrderEvent.class);

    /** Orders paid in the EU: an exact topic. */
    static final TopicKey<OrderEvent> EU_PAID = TopicKey.of("orders.eu.paid", OrderEvent.class);

    /** Every order topic: a pattern, for subscribing only. */
    static final TopicKey<OrderEvent> ALL_ORDERS = TopicKey.of("orders.>", OrderEvent.class);

    private MessagePatterns() {}

    /** Passes each line it gets on to {@code out}, saying who got it. */
    static final class Printer implements Actor<Printer.Msg> {

        /** What a printer understands. */
        sealed interface Msg permits Line {}

        /** A line of text to print. */
        record Line(String text) implements Msg {}

        private final ActorRef<String> out;

        Printer(ActorRef<String> out) {
            this.out = out;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Line(String text) -> out.tell("printer got '" + text + "'");
            }
        }
    }

    /** What is published on the order topics. */
    sealed interface OrderEvent permits OrderPlaced, OrderPaid {}

    /** An order was placed (an event: past tense). */
    record OrderPlaced(int order) implements OrderEvent {}

    /** An order was paid. */
    record OrderPaid(int order) implements OrderEvent {}

    /** A topic subscriber: reports each event it gets to {@code out}, with its own name. */
    static final class Subscriber implements Actor<OrderEvent> {
        private final String name;
        private final ActorRef<String> out;

        Subscriber(String name, ActorRef<String> out) {
            this.name = name;
            this.out = out;
        }

        @Override
        public void receive(OrderEvent event, ActorContext<OrderEvent> ctx) {
            out.tell(name + " got " + event);
        }
    }

    /** Quotes prices, but answers only when told to, and the newest question first. */
    static final class PriceList implements Actor<PriceList.Msg> {

        /** What a price list understands. */
        sealed interface Msg permits Quote, AnswerPending {}

        /** Asks for the price of {@code item}; the answer goes to {@code replyTo}. */
        record Quote(String item, ActorRef<Price> replyTo) implements Msg {}

        /** Answer every pending quote, newest first, and tell {@code out} in which order. */
        record AnswerPending(ActorRef<String> out) implements Msg {}

        /** The answer to a {@link Quote}. */
        record Price(String item, int cents) {}

        private final Deque<Quote> pending = new ArrayDeque<>();

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Quote quote -> pending.push(quote);
                case AnswerPending(var out) -> {
                    List<String> order = pending.stream().map(Quote::item).toList();
                    while (!pending.isEmpty()) {
                        Quote quote = pending.pop();
                        quote.replyTo().tell(new Price(quote.item(), quote.item().length() * 40));
                    }
                    out.tell("the price list answered in this order: " + order);
                }
            }
        }
    }

    /**
     * Reports each piece of work it handles to {@code handled}. On {@link Pause} it waits until resumed, so
     * that whatever is sent meanwhile stays in its mailbox. It blocks while paused, so it runs on virtual
     * threads ({@link Dispatcher#virtualThreads()}), where waiting costs no pool thread.
     */
    static final class Consumer implements Actor<Consumer.Msg> {

        /** What a consumer understands. */
        sealed interface Msg permits Pause, Work {}

        /** Count down {@code paused}, then wait for {@code resume}. */
        record Pause(CountDownLatch paused, CountDownLatch resume) implements Msg {}

        /** A piece of work, named {@code label}. */
        record Work(String label) implements Msg {}

        private final ActorRef<String> handled;

        Consumer(ActorRef<String> handled) {
            this.handled = handled;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) throws InterruptedException {
            switch (msg) {
                case Pause(var paused, var resume) -> {
                    paused.countDown();
                    if (!resume.await(Inbox.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never resumed");
                    }
                }
                case Work(String label) -> handled.tell(label);
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for a consumer to pause
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("MessagePatterns: by ref, by name, pub-sub, ask, priority, expiry, backpressure");
        try (ActorSystem system = ActorSystem.create("messaging")) {
            Inbox<String> out = Inbox.create(system, "out");
            Inbox<DeadLetter> deadLetters = Inbox.create(system, "dead-letters");
            system.eventStream().subscribe(DeadLetter.class, deadLetters.ref());

            pointToPoint(system, out, deadLetters);
            publishSubscribe(system, out, deadLetters);
            requestResponse(system, out);
            priority(system, out);
            expiry(system, out, deadLetters);
            backpressure(system, out, deadLetters);
        }
        System.out.println("system closed");
    }

    private static void pointToPoint(ActorSystem system, Inbox<String> out, Inbox<DeadLetter> deadLetters) {
        System.out.println("-- point-to-point");
        // tag::point-to-point[]
        ActorRef<Printer.Msg> printer = system.spawn("printer", () -> new Printer(out.ref()));
        printer.tell(new Printer.Line("sent by ref"));                          // by ref
        System.out.println("by ref: " + out.next());

        Registry.of(system).register(PRINTER, printer);                          // by name
        Delivery delivery = MessageBroker.of(system).send(PRINTER, new Printer.Line("sent by name"));
        System.out.println("by name: " + delivery + ", " + out.next());

        ServiceKey<Printer.Msg> nobody = ServiceKey.of("nobody", Printer.Msg.class);
        Delivery lost = MessageBroker.of(system).send(nobody, new Printer.Line("sent to nobody"));
        // end::point-to-point[]
        DeadLetter dead = deadLetters.next();
        System.out.println("to an unregistered name: " + lost + ", dead letter " + dead.reason());
    }

    private static void publishSubscribe(ActorSystem system, Inbox<String> out, Inbox<DeadLetter> deadLetters) {
        System.out.println("-- publish-subscribe");
        // tag::pub-sub[]
        MessageBroker broker = MessageBroker.of(system);
        broker.subscribe(EU_PLACED, system.spawn("billing", () -> new Subscriber("billing", out.ref())));
        broker.subscribe(ALL_ORDERS, system.spawn("audit", () -> new Subscriber("audit", out.ref())));

        PublishResult placed = broker.publish(EU_PLACED, new OrderPlaced(42)); // billing and audit
        PublishResult paid = broker.publish(EU_PAID, new OrderPaid(42));       // audit only: "orders.>"
        // end::pub-sub[]
        System.out.println(EU_PLACED.name() + ": " + placed.subscribers() + " subscribers, "
                + placed.delivered() + " delivered");
        System.out.println(EU_PAID.name() + ": " + paid.subscribers() + " subscriber, " + paid.delivered() + " delivered");
        // billing and audit run at once: sort what they report, for a stable story
        out.next(placed.delivered() + paid.delivered()).stream().sorted()
                .forEach(line -> System.out.println("  " + line));

        PublishResult unheard = broker.publish(TopicKey.of("shipping.eu.sent", OrderEvent.class), new OrderPaid(7));
        System.out.println("shipping.eu.sent: " + unheard.subscribers() + " subscribers, dead letter "
                + deadLetters.next().reason());
    }

    private static void requestResponse(ActorSystem system, Inbox<String> out) {
        System.out.println("-- request-response");
        // tag::request-response[]
        ActorRef<PriceList.Msg> prices = system.spawn("prices", PriceList::new);
        List<String> items = List.of("apple", "pear", "banana");
        // three questions in flight at once; each ask has a reply address of its own
        List<CompletionStage<PriceList.Price>> answers = items.stream()
                .map(item -> prices.<PriceList.Price>ask(r -> new PriceList.Quote(item, r), TIMEOUT))
                .toList();
        prices.tell(new PriceList.AnswerPending(out.ref()));
        System.out.println(out.next());
        for (int i = 0; i < items.size(); i++) {
            PriceList.Price price = answers.get(i).toCompletableFuture().join();
            System.out.println("asked about " + items.get(i) + ", got the price of " + price.item()
                    + ": " + price.cents() + " cents");
        }
        // end::request-response[]
    }

    private static void priority(ActorSystem system, Inbox<String> handled) throws InterruptedException {
        System.out.println("-- priority");
        // tag::priority[]
        ActorRef<Consumer.Msg> consumer = system.spawn("priority-consumer", () -> new Consumer(handled.ref()),
                Props.defaults().withDispatcher(Dispatcher.virtualThreads())); // the default mailbox honours priorities
        CountDownLatch resume = pause(consumer); // from here on, everything sent waits in the mailbox
        consumer.tell(new Consumer.Work("low-1"), SendOptions.priority(Priority.LOW));
        consumer.tell(new Consumer.Work("normal-1"));                            // NORMAL by default
        consumer.tell(new Consumer.Work("high-1"), SendOptions.priority(Priority.HIGH));
        consumer.tell(new Consumer.Work("low-2"), SendOptions.priority(Priority.LOW));
        consumer.tell(new Consumer.Work("critical-1"), SendOptions.priority(Priority.CRITICAL));
        consumer.tell(new Consumer.Work("high-2"), SendOptions.priority(Priority.HIGH));
        resume.countDown();
        // end::priority[]
        System.out.println("sent low-1, normal-1, high-1, low-2, critical-1, high-2 while the consumer was busy");
        System.out.println("handled in this order: " + handled.next(6));
    }

    private static void expiry(ActorSystem system, Inbox<String> handled, Inbox<DeadLetter> deadLetters)
            throws InterruptedException {
        System.out.println("-- expiry");
        // tag::expiry[]
        ActorRef<Consumer.Msg> consumer = system.spawn("expiry-consumer", () -> new Consumer(handled.ref()),
                Props.defaults().withDispatcher(Dispatcher.virtualThreads()));
        CountDownLatch resume = pause(consumer);
        consumer.tell(new Consumer.Work("no-ttl"));
        consumer.tell(new Consumer.Work("ttl-50ms"), SendOptions.ttl(Duration.ofMillis(50)));
        consumer.tell(new Consumer.Work("ttl-1min"), SendOptions.ttl(Duration.ofMinutes(1)));
        // the consumer stays busy for 200 ms, on the clock that expiry uses: ttl-50ms is stale by its turn
        system.scheduler().scheduleOnce(Duration.ofMillis(200), resume::countDown);
        // end::expiry[]
        System.out.println("handled: " + handled.next(2));
        DeadLetter expired = deadLetters.until(d -> d.reason() == DeadLetter.Reason.EXPIRED).getLast();
        System.out.println("dead letter: " + expired.message() + ", " + expired.reason());
    }

    private static void backpressure(ActorSystem system, Inbox<String> handled, Inbox<DeadLetter> deadLetters)
            throws InterruptedException {
        System.out.println("-- backpressure: a mailbox for 2 messages, and a busy consumer");

        // tag::drop[]
        ActorRef<Consumer.Msg> dropping = spawnBounded(system, "drop-consumer", Overflow.DROP, handled);
        CountDownLatch resume = pause(dropping);
        dropping.tell(new Consumer.Work("job-1"));
        dropping.tell(new Consumer.Work("job-2"));                       // the mailbox is full now
        dropping.tell(new Consumer.Work("job-3"));                       // returns at once: dropped
        Delivery delivery = dropping.offer(new Consumer.Work("job-4"), SendOptions.DEFAULT);
        // end::drop[]
        System.out.println("DROP: tell job-3 returned; offer job-4 -> " + delivery);
        deadLetters.until(d -> new Consumer.Work("job-4").equals(d.message())).stream()
                .filter(d -> d.reason() == DeadLetter.Reason.MAILBOX_FULL)
                .forEach(d -> System.out.println("DROP: dead letter " + d.message() + ", " + d.reason()));
        resume.countDown();
        System.out.println("DROP: handled " + handled.next(2));

        // tag::reject[]
        ActorRef<Consumer.Msg> rejecting = spawnBounded(system, "reject-consumer", Overflow.REJECT, handled);
        resume = pause(rejecting);
        rejecting.tell(new Consumer.Work("job-1"));
        rejecting.tell(new Consumer.Work("job-2"));
        try {
            rejecting.tell(new Consumer.Work("job-3"));
        } catch (MailboxFullException e) {                             // the sender keeps the message
            System.out.println("REJECT: tell job-3 threw MailboxFullException, handing back "
                    + e.rejectedMessage());
        }
        Delivery refused = rejecting.offer(new Consumer.Work("job-4"), SendOptions.DEFAULT);
        // end::reject[]
        System.out.println("REJECT: offer job-4 -> " + refused);
        resume.countDown();
        System.out.println("REJECT: handled " + handled.next(2));

        // tag::block[]
        ActorRef<Consumer.Msg> blocking = spawnBounded(system, "block-consumer", Overflow.BLOCK, handled);
        CountDownLatch resumeLater = pause(blocking);
        blocking.tell(new Consumer.Work("job-1"));
        blocking.tell(new Consumer.Work("job-2"));
        system.scheduler().scheduleOnce(Duration.ofMillis(100), resumeLater::countDown);
        blocking.tell(new Consumer.Work("job-3")); // waits until the consumer, resumed, makes room
        // end::block[]
        System.out.println("BLOCK: tell job-3 returned once the consumer made room (consumer resumed: "
                + (resumeLater.getCount() == 0) + ")");
        System.out.println("BLOCK: handled " + handled.next(3));
    }

    // tag::bounded[]
    private static ActorRef<Consumer.Msg> spawnBounded(ActorSystem system, String name, Overflow overflow,
                                                       Inbox<String> handled) {
        MailboxConfig mailbox = MailboxConfig.bounded(2, overflow).withBlockTimeout(Duration.ofSeconds(5));
        return system.spawn(name, () -> new Consumer(handled.ref()),
                Props.defaults().withMailbox(mailbox).withDispatcher(Dispatcher.virtualThreads()));
    }
    // end::bounded[]

    /** Makes the consumer pause, and returns once it has: its mailbox only fills from here on. */
    private static CountDownLatch pause(ActorRef<Consumer.Msg> consumer) throws InterruptedException {
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        consumer.tell(new Consumer.Pause(paused, resume));
        if (!paused.await(Inbox.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(consumer.path() + " did not pause");
        }
        return resume;
    }
}

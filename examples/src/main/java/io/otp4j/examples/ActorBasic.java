package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The basics: a typed actor with a sealed message protocol, spawned, told (fire and forget), asked
 * (request-response) and stopped. {@code docs/examples.md} says how to run it.
 */
public final class ActorBasic {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ActorBasic() {}

    // tag::protocol[]
    /** A shopping cart. Its state, the items, is only ever touched in {@code receive}, one message at a time. */
    static final class Cart implements Actor<Cart.Msg> {

        /** Everything a cart understands: {@code receive} must handle each, or it does not compile. */
        sealed interface Msg permits AddItem, RemoveItem, ListItems, Checkout {}

        /** Put an item in the cart (a command: no reply). */
        record AddItem(String item, int priceCents) implements Msg {}

        /** Take an item out of the cart (a command: no reply). */
        record RemoveItem(String item) implements Msg {}

        /** A question: the reply, the items in the order added, goes to {@code replyTo}. */
        record ListItems(ActorRef<List<String>> replyTo) implements Msg {}

        /** A question: the reply is a {@link Receipt}. */
        record Checkout(ActorRef<Receipt> replyTo) implements Msg {}

        /** The answer to {@link Checkout}. */
        record Receipt(int items, int totalCents) {}

        private final Map<String, Integer> prices = new LinkedHashMap<>();

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) { // exhaustive over the sealed interface: no default branch
                case AddItem(String item, int priceCents) -> prices.put(item, priceCents);
                case RemoveItem(String item) -> prices.remove(item);
                case ListItems(var replyTo) -> replyTo.tell(List.copyOf(prices.keySet()));
                case Checkout(var replyTo) -> replyTo.tell(new Receipt(prices.size(),
                        prices.values().stream().mapToInt(Integer::intValue).sum()));
            }
        }

        @Override
        public void postStop(ActorContext<Msg> ctx) {
            System.out.println("cart postStop: stopped with " + prices.size() + " items in it");
        }
    }
    // end::protocol[]

    /**
     * Runs the example: spawns a cart, tells it, asks it, stops it.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("ActorBasic: a typed actor with a sealed protocol; spawn, tell, ask, stop");
        // tag::usage[]
        try (ActorSystem system = ActorSystem.create("basic")) {
            ActorRef<Cart.Msg> cart = system.spawn("cart", Cart::new);
            System.out.println("spawned " + cart.path());

            // tell: fire and forget; messages from one sender arrive in the order sent
            cart.tell(new Cart.AddItem("apple", 120));
            cart.tell(new Cart.AddItem("bread", 250));
            cart.tell(new Cart.AddItem("milk", 99));
            cart.tell(new Cart.RemoveItem("apple"));
            // cart.tell("apple");  // does not compile: an ActorRef<Cart.Msg> only takes Cart.Msg
            System.out.println("told: add apple, add bread, add milk, remove apple");

            // ask: the request is built around a one-shot reply address; the stage completes with the reply
            List<String> items = cart.<List<String>>ask(Cart.ListItems::new, TIMEOUT).toCompletableFuture().join();
            System.out.println("asked for the items: " + items);

            Cart.Receipt receipt = cart.ask(Cart.Checkout::new, TIMEOUT).toCompletableFuture().join();
            System.out.println("asked for a receipt: " + receipt.items() + " items, total " + euros(receipt.totalCents()));

            // stop: asynchronous; the cart finishes its current message, then its postStop runs
            System.out.println("stopping the cart");
            system.stop(cart);
        } // close() waits for every actor to stop
        // end::usage[]
        System.out.println("system closed");
    }

    private static String euros(int cents) {
        return String.format("%d.%02d EUR", cents / 100, cents % 100);
    }
}

package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.AskTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): request-response, from a plain thread with a blocking
 * {@code join}, and from inside an actor without blocking ({@code ask} + {@code pipeToSelf}).
 */
public final class RequestReply {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** Answers price queries; knows coffee and tea. */
    static final class PriceList implements Actor<PriceList.Query> {
        sealed interface Query permits PriceOf {}

        record PriceOf(String item, ActorRef<Optional<Long>> replyTo) implements Query {}

        private final Map<String, Long> cents = Map.of("coffee", 250L, "tea", 180L);

        @Override
        public void receive(Query query, ActorContext<Query> ctx) {
            switch (query) {
                case PriceOf(String item, var replyTo) -> replyTo.tell(Optional.ofNullable(cents.get(item)));
            }
        }
    }

    // tag::ask-from-outside[]
    static String priceOf(ActorRef<PriceList.Query> prices, String item) {
        try {
            Optional<Long> cents = prices
                    .<Optional<Long>>ask(replyTo -> new PriceList.PriceOf(item, replyTo), TIMEOUT)
                    .toCompletableFuture().join();
            return cents.map(c -> item + " costs " + c + " cents").orElse("no price for " + item);
        } catch (CompletionException e) {
            if (e.getCause() instanceof AskTimeoutException) {
                return "the price list did not answer in time";
            }
            throw e;
        }
    }
    // end::ask-from-outside[]

    /** Totals a purchase; asks the price list without ever blocking its own thread. */
    static final class Cashier implements Actor<Cashier.Command> {
        // tag::ask-from-actor[]
        sealed interface Command permits Checkout, Priced {}

        record Checkout(String item, int quantity, ActorRef<String> replyTo) implements Command {}

        /** Internal: the price list's answer to a checkout, or the failure of the ask. */
        private record Priced(Checkout checkout, Optional<Long> cents, Throwable failure) implements Command {}

        private final ActorRef<PriceList.Query> prices;

        Cashier(ActorRef<PriceList.Query> prices) {
            this.prices = prices;
        }

        @Override
        public void receive(Command command, ActorContext<Command> ctx) {
            switch (command) {
                case Checkout checkout -> {
                    CompletionStage<Optional<Long>> cents =
                            prices.ask(replyTo -> new PriceList.PriceOf(checkout.item(), replyTo), TIMEOUT);
                    ctx.pipeToSelf(cents, (value, failure) -> new Priced(checkout, value, failure));
                }
                case Priced(var checkout, var cents, var failure) when failure != null ->
                        checkout.replyTo().tell("cannot price " + checkout.item() + ": " + failure);
                case Priced(var checkout, var cents, var failure) -> checkout.replyTo().tell(cents
                        .map(c -> checkout.quantity() + " x " + checkout.item() + " = " + c * checkout.quantity())
                        .orElse("no price for " + checkout.item()));
            }
        }
        // end::ask-from-actor[]
    }

    /**
     * Asks the price list from {@code main}, then checks out through the cashier.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("shop")) {
            ActorRef<PriceList.Query> prices = system.spawn("prices", PriceList::new);
            ActorRef<Cashier.Command> cashier = system.spawn("cashier", () -> new Cashier(prices));

            System.out.println(priceOf(prices, "coffee"));
            System.out.println(priceOf(prices, "cake"));
            String receipt = cashier.<String>ask(replyTo -> new Cashier.Checkout("tea", 3, replyTo), TIMEOUT)
                    .toCompletableFuture().join();
            System.out.println(receipt);
        }
    }

    private RequestReply() {}
}

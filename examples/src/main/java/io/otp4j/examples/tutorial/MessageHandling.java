package io.otp4j.examples.tutorial;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Tutorial "Handling messages" ({@code docs/tutorials/message-handling.md}): the account of the first
 * tutorial grows typed replies, guards, a child actor, asynchronous work and a timer.
 */
public final class MessageHandling {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    // tag::receipts[]
    /** What an account answers to a deposit or a withdrawal. */
    sealed interface Receipt permits Accepted, Rejected {}

    /** The operation was done; {@code balance} is the balance after it. */
    record Accepted(long balance) implements Receipt {}

    /** The operation was refused, for {@code reason}; nothing changed. */
    record Rejected(String reason) implements Receipt {}
    // end::receipts[]

    /** An account with replies, an audit log, foreign-currency deposits and holds. */
    static final class Account implements Actor<Account.Command> {

        // tag::protocol[]
        sealed interface Command
                permits Deposit, Withdraw, GetStatement, DepositForeign, RateArrived, Hold, HoldExpired {}

        record Deposit(long amount, ActorRef<Receipt> replyTo) implements Command {}

        record Withdraw(long amount, ActorRef<Receipt> replyTo) implements Command {}
        // end::protocol[]

        // tag::statement-message[]
        record GetStatement(ActorRef<List<String>> replyTo) implements Command {}
        // end::statement-message[]

        // tag::foreign-messages[]
        record DepositForeign(long amount, String currency, ActorRef<Receipt> replyTo) implements Command {}

        /** Internal: the exchange rate for a {@link DepositForeign}, or why there is none. */
        private record RateArrived(DepositForeign request, Long centsPerUnit, Throwable failure)
                implements Command {}
        // end::foreign-messages[]

        // tag::hold-messages[]
        record Hold(long amount, Duration duration, ActorRef<Receipt> replyTo) implements Command {}

        /** Internal: the timer of the hold with this id went off. */
        private record HoldExpired(int holdId) implements Command {}
        // end::hold-messages[]

        private final String owner;
        private final ExchangeRates rates;
        private long balance;
        private ActorRef<AuditLog.Entry> audit;
        private int nextHoldId;
        private final Map<Integer, Hold> holds = new HashMap<>();

        Account(String owner, ExchangeRates rates) {
            this.owner = owner;
            this.rates = rates;
        }

        // tag::spawn-child[]
        @Override
        public void preStart(ActorContext<Command> ctx) {
            audit = ctx.spawn("audit", AuditLog::new);          // a child: /user/alice/audit
        }
        // end::spawn-child[]

        @Override
        public void receive(Command command, ActorContext<Command> ctx) {
            switch (command) {
                // tag::guards[]
                case Deposit(long amount, var replyTo) when amount <= 0 ->
                        replyTo.tell(new Rejected("a deposit must be positive: " + amount));
                case Deposit(long amount, var replyTo) -> {
                    balance += amount;
                    audit.tell(new AuditLog.Record("deposit " + amount));
                    replyTo.tell(new Accepted(balance));
                }
                case Withdraw(long amount, var replyTo) when amount > balance ->
                        replyTo.tell(new Rejected("insufficient funds: " + balance + " < " + amount));
                case Withdraw(long amount, var replyTo) -> {
                    balance -= amount;
                    audit.tell(new AuditLog.Record("withdrawal " + amount));
                    replyTo.tell(new Accepted(balance));
                }
                // end::guards[]
                // tag::forward[]
                case GetStatement(var replyTo) -> audit.tell(new AuditLog.Report(replyTo));
                // end::forward[]
                // tag::pipe[]
                case DepositForeign request -> ctx.pipeToSelf(rates.centsPerUnit(request.currency()),
                        (rate, failure) -> new RateArrived(request, rate, failure));
                case RateArrived(var request, var rate, var failure) when failure != null ->
                        request.replyTo().tell(new Rejected("no rate for " + request.currency()));
                case RateArrived(var request, var rate, var failure) -> {
                    long converted = request.amount() * rate / 100;
                    ctx.self().tell(new Deposit(converted, request.replyTo()));
                }
                // end::pipe[]
                // tag::timer[]
                case Hold hold when hold.amount() > balance ->
                        hold.replyTo().tell(new Rejected("insufficient funds for a hold"));
                case Hold hold -> {
                    int id = ++nextHoldId;
                    holds.put(id, hold);
                    balance -= hold.amount();
                    System.out.println(owner + ": holding " + hold.amount() + ", balance " + balance);
                    ctx.timers().startSingleTimer("hold-" + id, new HoldExpired(id), hold.duration());
                }
                case HoldExpired(int id) -> {
                    Hold hold = holds.remove(id);
                    balance += hold.amount();
                    System.out.println(owner + ": hold of " + hold.amount() + " expired, balance " + balance);
                    hold.replyTo().tell(new Accepted(balance));
                }
                // end::timer[]
            }
        }
    }

    // tag::audit[]
    /** Keeps a line per transaction and hands out the list. */
    static final class AuditLog implements Actor<AuditLog.Entry> {
        sealed interface Entry permits Record, Report {}

        record Record(String line) implements Entry {}

        record Report(ActorRef<List<String>> replyTo) implements Entry {}

        private final List<String> lines = new ArrayList<>();

        @Override
        public void receive(Entry entry, ActorContext<Entry> ctx) {
            switch (entry) {
                case Record(String line) -> lines.add(line);
                case Report(var replyTo) -> replyTo.tell(List.copyOf(lines));
            }
        }
    }
    // end::audit[]

    // tag::rates[]
    /** A slow, asynchronous service, such as an HTTP client: it answers with a CompletableFuture. */
    static final class ExchangeRates {
        private final Map<String, Long> centsPerUnit = Map.of("EUR", 100L, "USD", 92L);

        CompletionStage<Long> centsPerUnit(String currency) {
            return CompletableFuture.supplyAsync(() -> {
                Long rate = centsPerUnit.get(currency);
                if (rate == null) {
                    throw new IllegalArgumentException("unknown currency " + currency);
                }
                return rate;
            });
        }
    }
    // end::rates[]

    /**
     * Walks through replies, guards, a child, asynchronous work and a timer, printing each outcome.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("bank")) {
            ActorRef<Account.Command> alice =
                    system.spawn("alice", () -> new Account("alice", new ExchangeRates()));

            // tag::ask-replies[]
            show("deposit 100", ask(alice, replyTo -> new Account.Deposit(100, replyTo)));
            show("deposit -5", ask(alice, replyTo -> new Account.Deposit(-5, replyTo)));
            show("withdraw 500", ask(alice, replyTo -> new Account.Withdraw(500, replyTo)));
            show("withdraw 30", ask(alice, replyTo -> new Account.Withdraw(30, replyTo)));
            // end::ask-replies[]

            // tag::ask-statement[]
            List<String> statement = alice.ask(Account.GetStatement::new, TIMEOUT).toCompletableFuture().join();
            System.out.println("main: statement " + statement);
            // end::ask-statement[]

            // tag::ask-foreign[]
            show("deposit 10 USD", ask(alice, replyTo -> new Account.DepositForeign(10, "USD", replyTo)));
            show("deposit 10 XYZ", ask(alice, replyTo -> new Account.DepositForeign(10, "XYZ", replyTo)));
            // end::ask-foreign[]

            // tag::ask-hold[]
            Receipt afterHold = ask(alice, replyTo -> new Account.Hold(50, Duration.ofMillis(200), replyTo));
            show("hold 50 for 200 ms", afterHold);
            // end::ask-hold[]
        }
    }

    // tag::show[]
    /** Sends a request that carries a reply address and waits for the receipt. */
    static Receipt ask(ActorRef<Account.Command> account, Function<ActorRef<Receipt>, Account.Command> request) {
        return account.ask(request, TIMEOUT).toCompletableFuture().join();
    }

    static void show(String what, Receipt receipt) {
        String outcome = switch (receipt) {
            case Accepted(long balance) -> "accepted, balance " + balance;
            case Rejected(String reason) -> "rejected: " + reason;
        };
        System.out.println("main: " + what + " -> " + outcome);
    }
    // end::show[]

    private MessageHandling() {}
}

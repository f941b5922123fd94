package io.otp4j.examples.tutorial;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;

/**
 * Tutorial "Your first actor" ({@code docs/tutorials/first-actor.md}): a bank account as an actor. It
 * defines a message protocol, keeps a balance that only its own {@code receive} touches, and is told,
 * asked and stopped from {@code main}.
 */
public final class FirstActor {

    /** A bank account: its balance changes only in {@code receive}, one message at a time. */
    static final class Account implements Actor<Account.Command> {

        // tag::protocol[]
        sealed interface Command permits Deposit, Withdraw, GetBalance {}

        record Deposit(long amount) implements Command {}

        record Withdraw(long amount) implements Command {}

        record GetBalance(ActorRef<Long> replyTo) implements Command {}
        // end::protocol[]

        // tag::receive[]
        private final String owner;
        private long balance;

        Account(String owner) {
            this.owner = owner;
        }

        @Override
        public void receive(Command command, ActorContext<Command> ctx) {
            switch (command) {
                case Deposit(long amount) -> balance += amount;
                case Withdraw(long amount) -> balance -= amount;
                case GetBalance(var replyTo) -> replyTo.tell(balance);
            }
        }
        // end::receive[]

        // tag::lifecycle[]
        @Override
        public void preStart(ActorContext<Command> ctx) {
            System.out.println(owner + ": account opened at " + ctx.self().path());
        }

        @Override
        public void postStop(ActorContext<Command> ctx) {
            System.out.println(owner + ": account closed with a balance of " + balance);
        }
        // end::lifecycle[]
    }

    /**
     * Opens an account, deposits, withdraws, asks for the balance, then closes the system.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // tag::main[]
        try (ActorSystem system = ActorSystem.create("bank")) {
            ActorRef<Account.Command> alice = system.spawn("alice", () -> new Account("alice"));

            alice.tell(new Account.Deposit(100));
            alice.tell(new Account.Withdraw(30));

            long balance = alice.ask(Account.GetBalance::new, Duration.ofSeconds(1))
                    .toCompletableFuture().join();
            System.out.println("main: alice has " + balance);
            System.out.println("main: closing the system");
        }
        System.out.println("main: done");
        // end::main[]
    }

    private FirstActor() {}
}

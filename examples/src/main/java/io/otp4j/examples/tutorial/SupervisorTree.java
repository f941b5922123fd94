package io.otp4j.examples.tutorial;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.supervisor.SupervisorRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Tutorial "Your first supervision tree" ({@code docs/tutorials/supervisor-tree.md}): two accounts under a
 * supervisor. One crashes and is restarted in place; when it crashes again too soon, the supervisor gives
 * up and takes the whole tree down. An event log prints every decision the supervisor takes.
 */
public final class SupervisorTree {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    // tag::account[]
    /** An account with a bug: a deposit that overflows the balance throws. */
    static final class Account implements Actor<Account.Command> {
        sealed interface Command permits Deposit, GetBalance {}

        record Deposit(long amount) implements Command {}

        record GetBalance(ActorRef<Long> replyTo) implements Command {}

        private final String owner;
        private long balance;

        Account(String owner) {
            this.owner = owner;
        }

        @Override
        public void preStart(ActorContext<Command> ctx) {
            System.out.println(owner + ": started with a balance of " + balance);
        }

        @Override
        public void receive(Command command, ActorContext<Command> ctx) {
            switch (command) {
                case Deposit(long amount) -> balance = Math.addExact(balance, amount); // throws on overflow
                case GetBalance(var replyTo) -> replyTo.tell(balance);
            }
        }

        @Override
        public void postStop(ActorContext<Command> ctx) {
            System.out.println(owner + ": stopped with a balance of " + balance);
        }
    }
    // end::account[]

    // tag::event-log[]
    /** Keeps the supervisor events published on the event stream, for {@code main} to print. */
    static final class EventLog implements Actor<Object> {

        /** Reply with the events kept so far, up to and including the first one of type {@code until}. */
        record Await(Class<? extends SupervisorEvent> until, ActorRef<List<SupervisorEvent>> replyTo) {}

        private final List<SupervisorEvent> events = new ArrayList<>();
        private Await waiting;

        @Override
        public void receive(Object message, ActorContext<Object> ctx) {
            switch (message) {
                case SupervisorEvent event -> events.add(event);
                case Await await -> waiting = await;
                default -> throw new IllegalArgumentException("unexpected " + message);
            }
            for (int i = 0; waiting != null && i < events.size(); i++) {
                if (waiting.until().isInstance(events.get(i))) {
                    List<SupervisorEvent> batch = new ArrayList<>(events.subList(0, i + 1));
                    events.subList(0, i + 1).clear();
                    waiting.replyTo().tell(batch);
                    waiting = null;
                }
            }
        }
    }
    // end::event-log[]

    /**
     * Starts the tree, crashes alice twice, and prints what the supervisor did each time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("bank")) {
            // tag::subscribe[]
            ActorRef<Object> log = system.spawn("event-log", EventLog::new);
            system.eventStream().subscribe(SupervisorEvent.class, log);
            // end::subscribe[]

            System.out.println("-- the supervisor starts with two accounts");
            // tag::start[]
            SupervisorRef accounts = Supervisor.start(system, "accounts", Supervisor.builder()
                    .strategy(Strategy.ONE_FOR_ONE)
                    .intensity(1, Duration.ofMinutes(1))    // more than 1 restart a minute: give up
                    .build());

            ActorRef<Account.Command> alice = accounts
                    .startChild(ChildSpec.worker("alice", () -> new Account("alice")))
                    .toCompletableFuture().join().orElseThrow();   // an account never ignores its start
            ActorRef<Account.Command> bob = accounts
                    .startChild(ChildSpec.worker("bob", () -> new Account("bob")))
                    .toCompletableFuture().join().orElseThrow();
            // end::start[]
            printEvents(log, SupervisorEvent.ChildStarted.class);
            printEvents(log, SupervisorEvent.ChildStarted.class);

            System.out.println("-- alice crashes and is restarted; bob is not touched");
            // tag::crash[]
            alice.tell(new Account.Deposit(100));
            bob.tell(new Account.Deposit(20));
            alice.tell(new Account.Deposit(Long.MAX_VALUE));      // overflows: alice throws
            alice.tell(new Account.Deposit(7));                   // waits in the mailbox meanwhile

            long aliceBalance = balanceOf(alice);                 // the same ref, a new instance
            long bobBalance = balanceOf(bob);
            // end::crash[]
            printEvents(log, SupervisorEvent.ChildStarted.class);
            System.out.println("main: alice has " + aliceBalance + ", bob has " + bobBalance);
            // tag::which-children[]
            for (ChildInfo child : accounts.whichChildren().toCompletableFuture().join()) {
                System.out.println("main: " + child.id() + " is " + child.status()
                        + " after " + child.restarts() + " restart(s)");
            }
            // end::which-children[]

            System.out.println("-- alice crashes again within the minute: the supervisor gives up");
            // tag::give-up[]
            alice.tell(new Account.Deposit(Long.MAX_VALUE));
            printEvents(log, SupervisorEvent.RootTerminated.class);
            try {
                balanceOf(bob);
            } catch (CompletionException e) {
                System.out.println("main: bob is gone too: " + e.getCause().getClass().getSimpleName());
            }
            // end::give-up[]
        }
    }

    private static long balanceOf(ActorRef<Account.Command> account) {
        return account.ask(Account.GetBalance::new, TIMEOUT).toCompletableFuture().join();
    }

    /** Waits until the log has an event of type {@code until}, then prints the events up to it. */
    private static void printEvents(ActorRef<Object> log, Class<? extends SupervisorEvent> until) {
        List<SupervisorEvent> events = log
                .<List<SupervisorEvent>>ask(replyTo -> new EventLog.Await(until, replyTo), TIMEOUT)
                .toCompletableFuture().join();
        for (SupervisorEvent event : events) {
            System.out.println("supervisor: " + describe(event));
        }
    }

    // tag::describe[]
    private static String describe(SupervisorEvent event) {
        return switch (event) {
            case SupervisorEvent.ChildStarted e ->
                    "ChildStarted " + e.childId() + (e.restart() ? " (a restart)" : "");
            case SupervisorEvent.ChildExited e -> "ChildExited " + e.childId() + ", " + e.reason();
            case SupervisorEvent.StrategyApplied e -> "StrategyApplied " + e.strategy() + ", restarting " + e.restarting();
            case SupervisorEvent.ChildTerminated e -> "ChildTerminated " + e.childId() + ", " + e.reason();
            case SupervisorEvent.IntensityExceeded e ->
                    "IntensityExceeded, more than " + e.maxRestarts() + " restart(s) in " + e.period();
            case SupervisorEvent.Escalated e -> "Escalated, " + e.reason();
            case SupervisorEvent.RootTerminated e -> "RootTerminated, " + e.reason();
            default -> event.getClass().getSimpleName();
        };
    }
    // end::describe[]

    private SupervisorTree() {}
}

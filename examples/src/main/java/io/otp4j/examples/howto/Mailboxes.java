package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Prioritized;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): bounded mailboxes and their overflow policies,
 * priorities (set per send, or declared by a message type), messages that expire, and dead letters. To make messages queue up, the demo keeps the
 * printer busy with a {@link Printer.Pause} until it has sent them.
 */
public final class Mailboxes {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Records the lines it is told to print, and hands them out on {@link Printer.Flush}. */
    static final class Printer implements Actor<Printer.Job> {
        sealed interface Job permits Print, Flush, Pause, Alarm {}

        record Print(String line) implements Job {}

        // tag::declared-priority[]
        /** An alarm overtakes every job waiting: its type declares CRITICAL, so every send of it is. */
        record Alarm(String text) implements Job, Prioritized {
            @Override
            public Priority priority() {
                return Priority.CRITICAL;
            }
        }
        // end::declared-priority[]

        record Flush(ActorRef<List<String>> replyTo) implements Job {}

        /** Demo only: block until {@code resume} opens, so that messages queue up meanwhile. */
        record Pause(CountDownLatch paused, CountDownLatch resume) implements Job {}

        private final List<String> printed = new ArrayList<>();

        @Override
        public void receive(Job job, ActorContext<Job> ctx) throws InterruptedException {
            switch (job) {
                case Print(String line) -> printed.add(line);
                case Alarm(String text) -> printed.add("ALARM " + text);
                case Flush(var replyTo) -> replyTo.tell(List.copyOf(printed));
                case Pause(var paused, var resume) -> {
                    paused.countDown();
                    resume.await();
                }
            }
        }
    }

    /** Keeps the dead letters of the system and reports them on request. */
    static final class DeadLetterLog implements Actor<Object> {
        record Report(ActorRef<List<String>> replyTo) {}

        private final List<String> seen = new ArrayList<>();

        @Override
        public void receive(Object message, ActorContext<Object> ctx) {
            switch (message) {
                case DeadLetter(var letter, var recipient, var reason) ->
                        seen.add(reason + ": " + letter + " to " + recipient.path());
                case Report(var replyTo) -> replyTo.tell(List.copyOf(seen));
                default -> throw new IllegalArgumentException("unexpected " + message);
            }
        }
    }

    // tag::block-config[]
    /** Senders wait up to one second for space, then get a MailboxFullException. */
    static final MailboxConfig WAIT_FOR_SPACE =
            MailboxConfig.bounded(1_000, Overflow.BLOCK).withBlockTimeout(Duration.ofSeconds(1));
    // end::block-config[]

    // tag::ttl[]
    /** A price is worth showing only for half a second; after that it becomes an EXPIRED dead letter. */
    static void showPrice(ActorRef<Printer.Job> printer, long cents) {
        printer.tell(new Printer.Print("price " + cents), SendOptions.ttl(Duration.ofMillis(500)));
    }
    // end::ttl[]

    /**
     * Fills a bounded mailbox, reorders by priority, and drops a message to dead letters.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the printer to pause
     */
    public static void main(String[] args) throws InterruptedException {
        try (ActorSystem system = ActorSystem.create("mailboxes")) {
            System.out.println("-- a bounded mailbox that rejects");
            // tag::bounded[]
            ActorRef<Printer.Job> printer = system.spawn("printer", Printer::new,
                    Props.defaults().withMailbox(MailboxConfig.bounded(2, Overflow.REJECT)));
            // end::bounded[]
            CountDownLatch resume = pause(printer);
            for (String line : List.of("a", "b", "c")) {
                // tag::offer[]
                Delivery delivery = printer.offer(new Printer.Print(line), SendOptions.DEFAULT);
                switch (delivery) {
                    case ENQUEUED -> System.out.println(line + ": queued");
                    case REJECTED -> System.out.println(line + ": the printer is full, try later");
                    case DROPPED, DEAD_LETTER -> System.out.println(line + ": gone to dead letters");
                }
                // end::offer[]
            }
            resume.countDown();

            System.out.println("-- priorities, in the default mailbox");
            ActorRef<Printer.Job> urgent = system.spawn("urgent-printer", Printer::new); // default mailbox
            resume = pause(urgent);
            // tag::priority-send[]
            urgent.tell(new Printer.Print("low"), SendOptions.priority(Priority.LOW));
            urgent.tell(new Printer.Print("normal"));                              // NORMAL
            urgent.tell(new Printer.Print("high"), SendOptions.priority(Priority.HIGH));
            urgent.tell(new Printer.Alarm("paper jam"));                           // CRITICAL, declared
            // end::priority-send[]
            CompletionStage<List<String>> printed = urgent.ask(Printer.Flush::new, TIMEOUT);   // NORMAL, FIFO after "normal"
            resume.countDown();
            System.out.println("printed before the flush: " + printed.toCompletableFuture().join());

            // tag::priority[]
            ActorRef<Printer.Job> boundedUrgent = system.spawn("bounded-urgent-printer", Printer::new,
                    Props.defaults().withMailbox(MailboxConfig.priority(100, Overflow.REJECT)));
            // end::priority[]
            resume = pause(boundedUrgent);
            boundedUrgent.tell(new Printer.Print("normal"));
            boundedUrgent.tell(new Printer.Alarm("toner low"));
            printed = boundedUrgent.ask(Printer.Flush::new, TIMEOUT);
            resume.countDown();
            System.out.println("a bounded priority mailbox printed: " + printed.toCompletableFuture().join());

            System.out.println("-- a mailbox that drops, and the dead letters");
            // tag::dead-letters[]
            ActorRef<Object> deadLetters = system.spawn("dead-letter-log", DeadLetterLog::new);
            system.eventStream().subscribe(DeadLetter.class, deadLetters);
            // end::dead-letters[]
            ActorRef<Printer.Job> lossy = system.spawn("lossy-printer", Printer::new,
                    Props.defaults().withMailbox(MailboxConfig.bounded(1, Overflow.DROP)));
            resume = pause(lossy);
            lossy.tell(new Printer.Print("kept"));
            lossy.tell(new Printer.Print("dropped"));                    // returns normally: DROP is silent
            resume.countDown();
            List<String> seen = deadLetters.<List<String>>ask(DeadLetterLog.Report::new, TIMEOUT)
                    .toCompletableFuture().join();
            seen.forEach(letter -> System.out.println("dead letter " + letter));
            System.out.println("dead letters counted: " + system.eventStream().deadLetterCount());
        }
    }

    /** Keeps {@code printer} busy until the returned latch is opened. */
    private static CountDownLatch pause(ActorRef<Printer.Job> printer) throws InterruptedException {
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        printer.tell(new Printer.Pause(paused, resume));
        paused.await();
        return resume;
    }

    private Mailboxes() {}
}

package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ErrorAction;
import java.time.Duration;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): decide inside the actor what a failure means. Bad input
 * is dropped and the state kept ({@code RESUME}); anything else is left to the parent ({@code ESCALATE}).
 */
public final class LocalFailures {

    /** Sums numbers sent as text. */
    static final class Summer implements Actor<Summer.Msg> {
        sealed interface Msg permits Add, Total {}

        record Add(String number) implements Msg {}

        record Total(ActorRef<Long> replyTo) implements Msg {}

        private long total;

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Add(String number) -> total += Long.parseLong(number);   // "x" throws
                case Total(var replyTo) -> replyTo.tell(total);
            }
        }

        // tag::on-failure[]
        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
            return switch (cause) {
                case NumberFormatException e -> {
                    ctx.log().info("ignoring bad input: {}", e.getMessage());
                    yield ErrorAction.RESUME;           // drop the message, keep the state
                }
                default -> ErrorAction.ESCALATE;        // anything else: let the parent decide
            };
        }
        // end::on-failure[]
    }

    /**
     * Adds 1, "x" and 2, then asks for the total.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("failures")) {
            ActorRef<Summer.Msg> summer = system.spawn("summer", Summer::new);
            summer.tell(new Summer.Add("1"));
            summer.tell(new Summer.Add("x"));
            summer.tell(new Summer.Add("2"));
            long total = summer.ask(Summer.Total::new, Duration.ofSeconds(1)).toCompletableFuture().join();
            System.out.println("total: " + total + " (the bad input was dropped, the state kept)");
        }
    }

    private LocalFailures() {}
}

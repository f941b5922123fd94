package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): timers are messages an actor sends itself later. A
 * session expires after a quiet period (a single timer, replaced by every message); a poller polls at a
 * fixed delay and cancels its timer when done.
 */
public final class Timers {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A session that ends itself after {@code idle} without a {@code Touch}. */
    static final class Session implements Actor<Session.Msg> {
        // tag::idle-timeout[]
        sealed interface Msg permits Open, Touch, IdleTimeout {}

        record Open(ActorRef<String> onExpiry) implements Msg {}

        record Touch() implements Msg {}

        private record IdleTimeout() implements Msg {}

        private static final String IDLE = "idle";                      // the timer's key
        private final Duration idle;
        private int touches;
        private ActorRef<String> onExpiry;

        Session(Duration idle) {
            this.idle = idle;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Open(var replyTo) -> {
                    onExpiry = replyTo;
                    ctx.timers().startSingleTimer(IDLE, new IdleTimeout(), idle);
                }
                case Touch t -> {
                    touches++;
                    ctx.timers().startSingleTimer(IDLE, new IdleTimeout(), idle);   // same key: replaces it
                }
                case IdleTimeout t -> {
                    onExpiry.tell("session expired after " + touches + " touches");
                    ctx.stop();
                }
            }
        }
        // end::idle-timeout[]
    }

    /** Polls something every {@code delay}, three times, then stops polling. */
    static final class Poller implements Actor<Poller.Msg> {
        // tag::fixed-delay[]
        sealed interface Msg permits Start, Poll {}

        record Start(ActorRef<String> replyTo) implements Msg {}

        private record Poll() implements Msg {}

        private int polls;
        private ActorRef<String> replyTo;

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Start(var requester) -> {
                    replyTo = requester;
                    ctx.timers().startTimerWithFixedDelay("poll", new Poll(), Duration.ofMillis(20));
                }
                case Poll p -> {
                    polls++;                                    // poll the outside world here
                    if (polls == 3) {
                        ctx.timers().cancel("poll");
                        replyTo.tell("polled " + polls + " times; timer active: " + ctx.timers().isTimerActive("poll"));
                    }
                }
            }
        }
        // end::fixed-delay[]
    }

    /**
     * Opens a session, touches it twice and waits for it to expire, then runs the poller.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("timers")) {
            ActorRef<Session.Msg> session = system.spawn("session", () -> new Session(Duration.ofMillis(100)));
            CompletionStage<String> expired = session.ask(Session.Open::new, TIMEOUT);
            session.tell(new Session.Touch());
            session.tell(new Session.Touch());
            System.out.println(expired.toCompletableFuture().join());

            ActorRef<Poller.Msg> poller = system.spawn("poller", Poller::new);
            System.out.println(poller.ask(Poller.Start::new, TIMEOUT).toCompletableFuture().join());
        }
    }

    private Timers() {}
}

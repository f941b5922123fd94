package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ExitReason;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): build an actor from its context, so that what needs
 * {@code self} is a final field, and stop an actor from outside and wait until it has terminated.
 */
public final class StartAndStop {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    // tag::setup[]
    /** Does jobs and signs each result with its own ref. */
    static final class Worker implements Actor<Worker.Msg> {
        sealed interface Msg permits Job {}

        record Job(String what, ActorRef<Done> replyTo) implements Msg {}

        record Done(String what, ActorRef<Msg> by) {}

        private final ActorRef<Msg> self;           // final: setup hands the context to the constructor

        Worker(ActorContext<Msg> ctx) {
            this.self = ctx.self();
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Job(var what, var replyTo) -> replyTo.tell(new Done(what, self));
            }
        }
    }
    // end::setup[]

    /**
     * Spawns a worker with {@code Actor.setup}, has it do one job, then stops it and waits.
     *
     * @param args ignored
     * @throws TimeoutException if the stop is not over within the timeout
     * @throws ExecutionException never: a stop's stage does not fail
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws ExecutionException, InterruptedException, TimeoutException {
        try (ActorSystem system = ActorSystem.create("start-and-stop")) {
            // tag::spawn-setup[]
            ActorRef<Worker.Msg> worker = system.spawn("worker", () -> Actor.setup(Worker::new));
            // end::spawn-setup[]
            Worker.Done done = worker.<Worker.Done>ask(replyTo -> new Worker.Job("report", replyTo), TIMEOUT)
                    .toCompletableFuture().join();
            System.out.println("done: " + done.what() + " by " + done.by().path().name());

            // tag::stop-and-wait[]
            ExitReason reason = system.stop(worker).toCompletableFuture().get(5, TimeUnit.SECONDS);
            System.out.println("worker stopped: " + reason);   // its postStop has run
            // end::stop-and-wait[]
            System.out.println("stopping it again: " + system.stop(worker).toCompletableFuture().join());
        }
    }

    private StartAndStop() {}
}

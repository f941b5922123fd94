package io.otp4j.examples.howto;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ShutdownReport;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How-to ({@code docs/how-to/actor-patterns.md}): shut a system down within a time limit and read the
 * report. One actor is stuck in a message past the limit, so the report names it as abandoned.
 */
public final class ShuttingDown {

    /** Handles a job by waiting until the job may finish: a stand-in for a call that takes too long. */
    static final class Stuck implements Actor<Stuck.Job> {
        record Job(CountDownLatch started, CountDownLatch finish) {}

        @Override
        public void receive(Job job, ActorContext<Job> ctx) throws InterruptedException {
            job.started().countDown();
            job.finish().await();
        }
    }

    /**
     * Starts a job that outlasts the shutdown's time limit, shuts down, prints the report, then lets the
     * job finish.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the job to start
     */
    public static void main(String[] args) throws InterruptedException {
        ActorSystem system = ActorSystem.create("shutting-down");
        ActorRef<Stuck.Job> stuck = system.spawn("stuck", Stuck::new);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        stuck.tell(new Stuck.Job(started, finish));
        if (!started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the job did not start");
        }

        // tag::shutdown[]
        ShutdownReport report = system.shutdown(Duration.ofSeconds(1));
        switch (report.outcome()) {
            case CLEAN -> System.out.println("every actor stopped");
            case TIMED_OUT, REFUSED -> report.abandoned().forEach(a ->
                    System.out.println("abandoned " + a.path() + ": " + a.reason()));
            case IN_PROGRESS -> System.out.println("called from an actor: see whenTerminated()");
        }
        // end::shutdown[]

        finish.countDown(); // the abandoned actor returns from its message and runs nothing more
        System.out.println("a send after shutdown: "
                + stuck.offer(new Stuck.Job(started, finish), SendOptions.DEFAULT));
    }

    private ShuttingDown() {}
}

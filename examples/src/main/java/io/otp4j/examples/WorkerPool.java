package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ErrorAction;
import io.otp4j.router.Routers;
import io.otp4j.supervisor.SupervisorEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * A pool of three workers behind one router ({@link Routers#pool}): jobs are spread round-robin, the
 * results collected with {@code ask}. One job crashes its worker mid-way; the pool's supervisor restarts
 * that worker in place, the jobs queued behind the crash are still done, the failed job is retried, and
 * every job is accounted for.
 *
 * <pre>
 *   /user/pool               the router: tell it jobs
 *   +-- routees              its supervisor (ONE_FOR_ONE)
 *       +-- routee-1 .. 3    the workers
 * </pre>
 */
public final class WorkerPool {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int JOBS = 12;

    private WorkerPool() {}

    /** Squares a number given as text; text that is not a number crashes it. */
    static final class Worker implements Actor<Worker.Msg> {

        /** What a worker understands. */
        sealed interface Msg permits Job {}

        /** Square {@code input}; the outcome goes to {@code replyTo}. */
        record Job(int id, String input, ActorRef<Outcome> replyTo) implements Msg {}

        /** How a job ended. */
        sealed interface Outcome permits Done, Failed {
            /** @return the job's id */
            int job();

            /** @return the name of the worker that ran it */
            String worker();
        }

        /** The job's result, and how many jobs the worker's current instance has done, this one included. */
        record Done(int job, long square, String worker, int nthOfInstance) implements Outcome {}

        /** The job crashed its worker. */
        record Failed(int job, String why, String worker) implements Outcome {}

        private Job current; // the job in hand, so that onFailure can tell its sender
        private int done;    // state of this instance: a restart starts again from zero

        // tag::worker[]
        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Job job -> {
                    current = job;
                    long n = Long.parseLong(job.input()); // not a number: let it crash
                    job.replyTo().tell(new Done(job.id(), n * n, ctx.self().path().name(), ++done));
                    current = null;
                }
            }
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
            if (current != null) {
                current.replyTo().tell(new Failed(current.id(), cause.toString(), ctx.self().path().name()));
            }
            return ErrorAction.ESCALATE; // the pool's supervisor restarts this worker
        }
        // end::worker[]
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("WorkerPool: " + JOBS + " jobs over 3 supervised workers; one job crashes its worker");
        try (ActorSystem system = ActorSystem.create("pool")) {
            Inbox<SupervisorEvent> events = Inbox.create(system, "supervisor-events");
            system.eventStream().subscribe(SupervisorEvent.class, events.ref());

            // tag::pool[]
            ActorRef<Worker.Msg> pool = system.spawn("pool", Routers.pool(3, Worker::new));
            List<CompletionStage<Worker.Outcome>> pending = new ArrayList<>();
            for (int id = 1; id <= JOBS; id++) {
                int job = id;
                String input = job == 5 ? "five" : Integer.toString(job); // job 5 crashes its worker
                pending.add(pool.ask(r -> new Worker.Job(job, input, r), TIMEOUT));
            }
            List<Worker.Outcome> outcomes = new ArrayList<>();
            pending.forEach(outcome -> outcomes.add(outcome.toCompletableFuture().join()));
            // end::pool[]
            outcomes.forEach(outcome -> System.out.println("  " + describe(outcome)));

            System.out.println("-- the pool's supervisor restarts the worker that crashed");
            events.until(e -> e instanceof SupervisorEvent.ChildStarted s && s.restart()).stream()
                    .filter(e -> !(e instanceof SupervisorEvent.ChildStarted s) || s.restart())
                    .forEach(e -> System.out.println("  " + SupervisorEventText.of(e)));
            showTheRestartedWorkerCarriedOn(outcomes);

            System.out.println("-- the failed job is retried");
            List<Worker.Outcome> retried = new ArrayList<>();
            for (Worker.Outcome outcome : outcomes) {
                if (outcome instanceof Worker.Failed failed) {
                    Worker.Outcome retry = pool.<Worker.Outcome>ask(
                            r -> new Worker.Job(failed.job(), Integer.toString(failed.job()), r), TIMEOUT)
                            .toCompletableFuture().join();
                    System.out.println("  " + describe(retry));
                    retried.add(retry);
                }
            }
            account(outcomes, retried);
        }
        System.out.println("system closed");
    }

    /** Prints which job the crashed worker did next: the first of a fresh instance, from its kept mailbox. */
    private static void showTheRestartedWorkerCarriedOn(List<Worker.Outcome> outcomes) {
        for (Worker.Outcome outcome : outcomes) {
            if (outcome instanceof Worker.Failed failed) {
                outcomes.stream()
                        .filter(o -> o instanceof Worker.Done d && d.worker().equals(failed.worker())
                                && d.job() > failed.job())
                        .map(o -> (Worker.Done) o)
                        .findFirst()
                        .ifPresent(next -> System.out.println("  " + next.worker() + " then did job " + next.job()
                                + " as job #" + next.nthOfInstance() + " of a fresh instance (the queued jobs were kept)"));
            }
        }
    }

    /** Prints how many jobs ended which way, and checks that every job is done exactly once in the end. */
    private static void account(List<Worker.Outcome> firstTries, List<Worker.Outcome> retries) {
        long failed = firstTries.stream().filter(o -> o instanceof Worker.Failed).count();
        System.out.println("-- accounting");
        System.out.println("first tries: " + firstTries.size() + " jobs, " + (firstTries.size() - failed)
                + " done, " + failed + " failed");
        Map<Integer, Worker.Done> done = new TreeMap<>();
        for (Worker.Outcome outcome : concat(firstTries, retries)) {
            if (outcome instanceof Worker.Done d && done.put(d.job(), d) != null) {
                throw new IllegalStateException("job " + d.job() + " done twice");
            }
        }
        long sum = done.values().stream().mapToLong(Worker.Done::square).sum();
        System.out.println("done in the end: " + done.size() + " of " + JOBS + " jobs " + done.keySet()
                + ", sum of squares " + sum);
        Map<String, Long> perWorker = done.values().stream()
                .collect(Collectors.groupingBy(Worker.Done::worker, TreeMap::new, Collectors.counting()));
        System.out.println("jobs done per worker: " + perWorker);
    }

    private static List<Worker.Outcome> concat(List<Worker.Outcome> a, List<Worker.Outcome> b) {
        List<Worker.Outcome> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String describe(Worker.Outcome outcome) {
        return switch (outcome) {
            case Worker.Done(int job, long square, String worker, int nth) ->
                    "job " + job + " done by " + worker + ": " + square + "   (job #" + nth + " of this instance)";
            case Worker.Failed(int job, String why, String worker) -> "job " + job + " FAILED on " + worker + ": " + why;
        };
    }
}

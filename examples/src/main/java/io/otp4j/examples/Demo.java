package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.actor.Signal;
import io.otp4j.dispatch.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The main demo ({@code ./otp4j demo}): a small tree of actors at work, a crash and a restart, a watched
 * actor stopping, request-response with {@code ask}, and an orderly shutdown. Every line says when (time
 * since start), on which thread and in which actor it happened.
 *
 * <pre>
 *   /user
 *   +-- pool          routes jobs to its workers, round-robin
 *   |   +-- worker-1
 *   |   +-- worker-2  onFailure: RESTART
 *   |   +-- worker-3  stopped by the pool in step 3
 *   +-- monitor       watches worker-3; runs on virtual threads
 * </pre>
 *
 * <p>The demo waits only for replies ({@code ask} + {@code join}), never for time. The runtime's own
 * warning for a restart (with a stack trace) is turned off in {@code simplelogger.properties}: the demo
 * prints the crash itself.
 */
public final class Demo {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static volatile long startNanos = System.nanoTime();
    private static volatile Thread mainThread;

    private Demo() {}

    /** Squares numbers given as text. A bad number throws, and {@link #onFailure} decides what follows. */
    static final class Worker implements Actor<Worker.Msg> {
        sealed interface Msg permits Square {}

        /** Square {@code input} and send the result to {@code replyTo}. */
        record Square(int job, String input, ActorRef<Squared> replyTo) implements Msg {}

        /** The reply; it carries the worker's ref, so whoever asked can talk to the worker directly. */
        record Squared(int job, long value, ActorRef<Msg> worker) {}

        private final ErrorAction onCrash;
        private int handled; // the actor's state: a restart starts again from zero

        Worker(ErrorAction onCrash) {
            this.onCrash = onCrash;
        }

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            say(ctx, "preStart");
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Square(int job, String input, var replyTo) -> {
                    long n = Long.parseLong(input); // "x" throws: let it crash
                    handled++;
                    say(ctx, "job " + job + ": " + n + " x " + n + " = " + n * n
                            + "   (job #" + handled + " of this instance)");
                    replyTo.tell(new Squared(job, n * n, ctx.self()));
                }
            }
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
            say(ctx, "CRASH " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + " -> onFailure: " + onCrash);
            return onCrash;
        }

        @Override
        public void postStop(ActorContext<Msg> ctx) {
            say(ctx, "postStop   (this instance handled " + handled + " job" + (handled == 1 ? ")" : "s)"));
        }
    }

    /** Owns three workers and routes each job to the next one, round-robin. */
    static final class Pool implements Actor<Pool.Msg> {
        sealed interface Msg permits Submit, StopWorker {}

        /** Route a job to a worker; the worker replies to {@code replyTo} directly. */
        record Submit(int job, String input, ActorRef<Worker.Squared> replyTo) implements Msg {}

        /** Scale down: stop the worker with that name. */
        record StopWorker(String name) implements Msg {}

        private final List<ActorRef<Worker.Msg>> workers = new ArrayList<>();
        private int next;

        @Override
        public void preStart(ActorContext<Msg> ctx) {
            say(ctx, "preStart: spawning worker-1, worker-2, worker-3");
            workers.add(ctx.spawn("worker-1", () -> new Worker(ErrorAction.ESCALATE))); // the default
            workers.add(ctx.spawn("worker-2", () -> new Worker(ErrorAction.RESTART)));
            workers.add(ctx.spawn("worker-3", () -> new Worker(ErrorAction.ESCALATE)));
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Submit(int job, String input, var replyTo) -> {
                    ActorRef<Worker.Msg> worker = workers.get(next++ % workers.size());
                    say(ctx, "job " + job + " (\"" + input + "\") -> " + worker.path().name()
                            + ", reply to " + replyTo.path());
                    worker.tell(new Worker.Square(job, input, replyTo));
                }
                case StopWorker(String name) -> ctx.child(name).ifPresent(child -> {
                    say(ctx, "stopping " + name);
                    workers.remove(child);
                    ctx.stop(child);
                });
            }
        }

        @Override
        public void postStop(ActorContext<Msg> ctx) {
            say(ctx, "postStop   (its children have all stopped)");
        }
    }

    /** Watches actors and tells whoever asked why they terminated. */
    static final class Monitor implements Actor<Monitor.Msg> {
        sealed interface Msg permits Watch {}

        /** Watch {@code target}; when it terminates, send its exit reason to {@code replyTo}. */
        record Watch(ActorRef<?> target, ActorRef<ExitReason> replyTo) implements Msg {}

        private final Map<ActorRef<?>, ActorRef<ExitReason>> waiting = new HashMap<>();

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Watch(var target, var replyTo) -> {
                    say(ctx, "watching " + target.path());
                    waiting.put(target, replyTo);
                    ctx.watch(target);
                }
            }
        }

        @Override
        public void onSignal(Signal signal, ActorContext<Msg> ctx) {
            switch (signal) {
                case Signal.Terminated(var ref, var reason) -> {
                    say(ctx, "Terminated: " + ref.path() + ", reason: " + reason);
                    ActorRef<ExitReason> replyTo = waiting.remove(ref);
                    if (replyTo != null) {
                        replyTo.tell(reason);
                    }
                }
                case Signal.Exit exit -> { } // only arrives when trapping exits, which this actor does not
            }
        }

        @Override
        public void postStop(ActorContext<Msg> ctx) {
            say(ctx, "postStop");
        }
    }

    /**
     * Runs the demo: about half a second, then exits.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        startNanos = System.nanoTime();
        mainThread = Thread.currentThread();
        System.out.println("""

                otp4j demo: an actor tree, messages, a crash and a restart, a watch, an ask, a clean shutdown

                  /user
                  +-- pool          routes jobs to its workers, round-robin
                  |   +-- worker-1
                  |   +-- worker-2  onFailure: RESTART
                  |   +-- worker-3  stopped by the pool in step 3
                  +-- monitor       watches worker-3; runs on virtual threads
                """);
        System.out.printf("%7s  %-19s  %-19s  %s%n", "time", "thread", "actor", "event");

        try (ActorSystem system = ActorSystem.create("demo")) {
            step("1. Spawn, then ask: each job goes main -> pool -> worker, and the worker replies to main");
            ActorRef<Pool.Msg> pool = system.spawn("pool", Pool::new);
            ActorRef<Monitor.Msg> monitor = system.spawn("monitor", Monitor::new,
                    Props.defaults().withDispatcher(Dispatcher.virtualThreads()));

            String[] inputs = {"6", "7", "8"};
            List<CompletionStage<Worker.Squared>> replies = new ArrayList<>();
            for (int i = 0; i < inputs.length; i++) {
                int job = i + 1;
                String input = inputs[i];
                CompletionStage<Worker.Squared> reply = pool.ask(r -> new Pool.Submit(job, input, r), TIMEOUT);
                replies.add(reply); // all three are in flight at once
            }
            List<ActorRef<Worker.Msg>> workers = new ArrayList<>(); // refs are values: the replies carry them
            for (CompletionStage<Worker.Squared> reply : replies) {
                Worker.Squared squared = reply.toCompletableFuture().join();
                say("reply: job " + squared.job() + " = " + squared.value()
                        + " from " + squared.worker().path());
                workers.add(squared.worker());
            }

            step("2. Let it crash: worker-2 gets \"x\", throws, and its onFailure says RESTART");
            ActorRef<Worker.Msg> worker2 = workers.get(1); // straight to worker-2: job 5 queues behind job 4
            CompletionStage<Worker.Squared> lost =
                    worker2.ask(r -> new Worker.Square(4, "x", r), Duration.ofMillis(300));
            CompletionStage<Worker.Squared> after = worker2.ask(r -> new Worker.Square(5, "9", r), TIMEOUT);
            say("reply: job 5 = " + after.toCompletableFuture().join().value()
                    + " from the new worker-2 instance (mailbox kept)");
            Throwable noReply = lost.toCompletableFuture().handle((value, failure) -> failure).join();
            say("job 4 got no reply: " + noReply.getClass().getSimpleName()
                    + " (the message that crashed is dropped)");

            step("3. Watch: the monitor watches worker-3, then the pool stops it");
            ActorRef<Worker.Msg> worker3 = workers.get(2);
            CompletionStage<ExitReason> down = monitor.ask(r -> new Monitor.Watch(worker3, r), TIMEOUT);
            pool.tell(new Pool.StopWorker("worker-3")); // fire and forget; the monitor's reply tells us it is done
            say("the monitor reports worker-3's exit reason: " + down.toCompletableFuture().join());

            step("4. Shutdown: system.close() stops children before parents, youngest first");
        }
        say("all actors stopped, threads released: bye");
    }

    private static void step(String title) {
        System.out.println();
        System.out.println("-- " + title);
    }

    private static void say(ActorContext<?> ctx, String event) {
        say(ctx.self().path().toString(), event);
    }

    /** Prints a line for the main thread, which is not an actor. */
    private static void say(String event) {
        say("", event);
    }

    private static void say(String who, String event) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        Thread thread = Thread.currentThread();
        String threadName = thread == mainThread ? "main" : thread.getName();
        System.out.printf("%7s  %-19s  %-19s  %s%n", "+" + millis + "ms", threadName, who, event);
    }
}

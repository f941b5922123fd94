package io.otp4j.internal;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.DeadLetter;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One real {@link ActorCell}, driven by the jcstress actor threads instead of a pool, for the tests of the
 * scheduling state machine ({@code IDLE -> SCHEDULED -> running -> IDLE | SCHEDULED}) and the system
 * channel.
 *
 * <p>The cell's dispatcher is an {@link InlineDispatcher}: while the harness is being set up it only keeps
 * the run it is handed ({@link #pending}), so a test can start with the cell SCHEDULED and let one of its
 * actor threads be the worker; from then on it runs every run it is handed at once, on the thread that
 * scheduled it. A message that some run will handle is therefore handled before the actor threads return,
 * and the arbiter sees exactly what a pool would eventually do: a message handled zero times was stranded,
 * twice was duplicated. Two runs at once show as {@link Recorder#overlaps}, since {@code receive} of one
 * cell is then entered on two threads.
 *
 * <p>The cell has no parent (it lives outside any tree), so nothing outside the harness keeps it; the
 * runtimes are shared by all harnesses, and never shut down.
 */
final class CellHarness {

    /** Runtimes that run one message per run, and a batch of 64: the two shapes of the end of a run. */
    private static final SystemRuntime ONE_PER_RUN = runtime("jcstress-one", 1);
    private static final SystemRuntime BATCH = runtime("jcstress-batch", 64);

    /** A message with its own count of deliveries. */
    static final class Letter {
        final AtomicInteger handled = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
    }

    /** Counts each letter it handles; counts the times {@code receive} is entered while already inside. */
    static final class Recorder implements Actor<Letter> {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();

        @Override
        public void receive(Letter letter, ActorContext<Letter> ctx) {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            letter.handled.incrementAndGet();
            inside.decrementAndGet();
        }
    }

    /**
     * Keeps the runs it is handed until {@link #goInline}, then runs each at once on the caller; a run
     * handed to it during a run on the same thread runs right after that run returns (a trampoline), so
     * runs never nest. Nesting overflowed the stack: a run that finds a message claimed and not yet
     * published ends, and schedules itself again at once, until the sending thread publishes it, which
     * takes a time slice when that thread is preempted between the two steps (jcstress's
     * {@code TwoSendersToIdleCell} failed so in CI). Counts every run it was handed after going inline.
     */
    static final class InlineDispatcher implements Dispatcher {
        private volatile boolean inline;
        Runnable kept;
        final AtomicInteger executions = new AtomicInteger();
        private final ThreadLocal<ArrayDeque<Runnable>> pending = new ThreadLocal<>();

        @Override
        public void execute(Runnable actorRun) {
            if (!inline) {
                kept = actorRun;
                return;
            }
            executions.incrementAndGet();
            ArrayDeque<Runnable> queue = pending.get();
            if (queue != null) {
                queue.add(actorRun); // inside a run on this thread: after it returns
                return;
            }
            queue = new ArrayDeque<>();
            pending.set(queue);
            try {
                for (Runnable r = actorRun; r != null; r = queue.poll()) {
                    r.run();
                }
            } finally {
                pending.remove();
            }
        }

        void goInline() {
            inline = true;
        }

        @Override
        public void close() {}
    }

    final InlineDispatcher dispatcher = new InlineDispatcher();
    final Recorder recorder = new Recorder();
    final ActorCell<Letter> cell;

    /** @param batched true: 64 messages per run; false: one */
    CellHarness(boolean batched) {
        SystemRuntime runtime = batched ? BATCH : ONE_PER_RUN;
        cell = new ActorCell<>(runtime, null, "cell", runtime.nextId(), () -> recorder, MailboxConfig.unbounded(),
                dispatcher, null);
        cell.sendStart();
        takeKept().run(); // the first run: builds the actor; the cell is IDLE again
    }

    /** @return the run the dispatcher was handed during the set-up, which the caller now owns */
    Runnable takeKept() {
        Runnable run = dispatcher.kept;
        if (run == null) {
            throw new IllegalStateException("the cell was not scheduled");
        }
        dispatcher.kept = null;
        return run;
    }

    /** Ends the set-up: every later run happens inline, on the thread that schedules it. */
    void goInline() {
        dispatcher.goInline();
    }

    int overlaps() {
        return recorder.overlaps.get();
    }

    int executions() {
        return dispatcher.executions.get();
    }

    private static SystemRuntime runtime(String name, int throughput) {
        ActorSystem system = ActorSystem.create(name, ActorSystemSettings.defaults()
                .withThroughput(throughput).withDispatcher(new CallerRuns()));
        ActorRef<Object> anchor = system.spawn("anchor", () -> (message, ctx) -> { });
        SystemRuntime runtime = LocalActors.of(system, anchor).runtime();
        runtime.eventStream().subscribe(DeadLetter.class, new DeadLetterCounter(runtime));
        return runtime;
    }

    /** The shared systems' own dispatcher: they run nothing but their guardian and an anchor actor. */
    private static final class CallerRuns implements Dispatcher {
        @Override
        public void execute(Runnable actorRun) {
            actorRun.run();
        }

        @Override
        public void close() {}
    }

    /** Counts each dead-lettered {@link Letter} on the letter itself, on the thread that dead-letters it. */
    private record DeadLetterCounter(SystemRuntime runtime) implements ActorRef<DeadLetter> {
        @Override
        public void tell(DeadLetter letter) {
            if (letter.message() instanceof Letter l) {
                l.deadLettered.incrementAndGet();
            }
        }

        @Override
        public void tell(DeadLetter letter, SendOptions options) {
            tell(letter);
        }

        @Override
        public Delivery offer(DeadLetter letter, SendOptions options) {
            tell(letter);
            return Delivery.ENQUEUED;
        }

        @Override
        public <R> CompletionStage<R> ask(Function<ActorRef<R>, ? extends DeadLetter> request, Duration timeout,
                                          SendOptions options) {
            throw new UnsupportedOperationException("a dead-letter counter answers nothing");
        }

        @Override
        public ActorPath path() {
            return ActorPath.root(runtime.name()).child("deadLetterCounter");
        }

        @Override
        public long id() {
            return 0;
        }
    }
}

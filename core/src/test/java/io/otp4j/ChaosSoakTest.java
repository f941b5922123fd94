package io.otp4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.Props;
import io.otp4j.actor.ShutdownReport;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.MailboxFullException;
import io.otp4j.mailbox.Overflow;
import io.otp4j.monitor.BrokerEvent;
import io.otp4j.monitor.Monitor;
import io.otp4j.monitor.MonitorEvent;
import io.otp4j.supervisor.ChildInfo;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chaos and soak: a tree of supervised workers (10,000 by default) under load from several sender
 * threads while a chaos thread crashes, kills and stops random workers; some workers are slow, have small
 * BLOCK mailboxes, or block in an ask to another worker. At the end the system is shut down and these
 * invariants are checked:
 * <ul>
 *   <li>per sender, each worker sees that sender's messages in increasing order (gaps are messages lost
 *   to a kill or a crash, and are accounted as dead letters or handled);</li>
 *   <li>every message sent is handled, dead-lettered, or handed back to its sender: nothing is lost;</li>
 *   <li>no instance runs {@code postStop} twice or handles a message after its {@code postStop};</li>
 *   <li>the shutdown is clean, the system's threads end, and the system can be garbage-collected.</li>
 * </ul>
 * Each dispatcher runs {@code otp4j.chaos.seconds} seconds (default 30, so 60 s for the test); the long run
 * documented in docs/reliability.md sets it to 300. {@code otp4j.chaos.actors} sets the tree's size.
 */
class ChaosSoakTest {

    private static final long SECONDS = Long.getLong("otp4j.chaos.seconds", 30);
    private static final int SUPERVISORS = 50;
    private static final int WORKERS = Integer.getInteger("otp4j.chaos.actors", 10_000) / SUPERVISORS;
    private static final int SENDERS = 4;
    private static final Duration HANG = Duration.ofSeconds(120);

    sealed interface Msg permits Work, Ping, Crash {}

    record Work(int sender, long seq) implements Msg {}

    record Ping(ActorRef<String> replyTo) implements Msg {}

    record Crash() implements Msg {}

    /** Everything the test counts, shared by all instances. */
    static final class Ledger {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong handled = new AtomicLong();
        final AtomicLong returned = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();
        final AtomicLong crashes = new AtomicLong();
        final AtomicLong kills = new AtomicLong();
        final AtomicLong stops = new AtomicLong();
        final AtomicLong asks = new AtomicLong();
        final AtomicLongArray lastSeq = new AtomicLongArray(SUPERVISORS * WORKERS * SENDERS);
        final List<String> violations = new CopyOnWriteArrayList<>();
        volatile ActorRef<Msg>[] workers;
    }

    /** A worker: checks order, sometimes works slowly, blocks in an ask, or crashes on demand. */
    static final class Worker implements Actor<Msg> {
        private final int index;
        private final Ledger ledger;
        private final int kind; // 0 plain, 1 slow, 2 asks another worker and blocks on the answer
        private boolean stopped;

        Worker(int index, Ledger ledger) {
            this.index = index;
            this.ledger = ledger;
            this.kind = index % 10 == 1 ? 1 : index % 10 == 2 ? 2 : 0;
        }

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            if (stopped) {
                ledger.violations.add(ctx.self().path() + " handled " + msg + " after its postStop");
            }
            switch (msg) {
                case Work(int sender, long seq) -> {
                    ledger.handled.incrementAndGet();
                    int slot = index * SENDERS + sender;
                    long last = ledger.lastSeq.get(slot);
                    if (seq <= last) {
                        ledger.violations.add(ctx.self().path() + " got " + seq + " from sender " + sender
                                + " after " + last);
                    }
                    ledger.lastSeq.set(slot, seq);
                    if (kind == 1) {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200)); // a slow consumer
                    } else if (kind == 2 && seq % 50 == 0) {
                        ActorRef<Msg> other = ledger.workers[(index + 7) % ledger.workers.length];
                        ledger.asks.incrementAndGet();
                        other.<String>ask(Ping::new, Duration.ofSeconds(1)).toCompletableFuture()
                                .exceptionally(e -> "no answer").join(); // a blocking call inside receive
                    }
                }
                case Ping(var replyTo) -> replyTo.tell("pong");
                case Crash c -> throw new IllegalStateException("chaos");
            }
        }

        @Override
        public ErrorAction onFailure(Throwable cause, ActorContext<Msg> ctx) {
            return ErrorAction.ESCALATE; // the supervisor restarts it
        }

        @Override
        public void postStop(ActorContext<Msg> ctx) {
            if (stopped) {
                ledger.violations.add(ctx.self().path() + " ran postStop twice");
            }
            stopped = true;
        }
    }

    /** Counts dead letters of {@link Work}, synchronously, wherever they arise. */
    record DeadWorkCounter(Ledger ledger) implements Monitor {
        @Override
        public void onEvent(MonitorEvent event) {
            if (event instanceof BrokerEvent.DeadLettered d && d.message() instanceof Work) {
                ledger.deadLettered.incrementAndGet();
            }
        }
    }

    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    void aTreeUnderLoadAndFaultsLosesNothingAndShutsDownClean(boolean virtual) throws Exception {
        WeakReference<ActorSystem> collectable = soak(virtual);
        Awaitility.await().atMost(HANG).until(() -> {
            System.gc();
            return collectable.get() == null;
        });
    }

    /** Runs the soak and checks the invariants; returns the system, weakly, for the leak check. */
    private static WeakReference<ActorSystem> soak(boolean virtual) throws Exception {
        Ledger ledger = new Ledger();
        String name = "chaos-" + (virtual ? "vt" : "pool");
        ActorSystem system = ActorSystem.create(name, ActorSystemSettings.defaults()
                .with(new DeadWorkCounter(ledger)).withShutdownTimeout(HANG));
        Props workerProps = virtual ? Props.defaults().withDispatcher(Dispatcher.virtualThreads()) : Props.defaults();
        @SuppressWarnings("unchecked")
        ActorRef<Msg>[] workers = new ActorRef[SUPERVISORS * WORKERS];
        for (int s = 0; s < SUPERVISORS; s++) {
            var spec = Supervisor.builder().intensity(1_000_000, Duration.ofSeconds(1));
            for (int w = 0; w < WORKERS; w++) {
                int index = s * WORKERS + w;
                Props props = index % 10 == 3
                        ? workerProps.withMailbox(MailboxConfig.bounded(16, Overflow.BLOCK)
                                .withBlockTimeout(Duration.ofMillis(50)))
                        : workerProps;
                spec.child(ChildSpec.worker("w" + w, () -> new Worker(index, ledger)).withProps(props));
            }
            SupervisorRef sup = Supervisor.start(system, "sup-" + s, spec.build(), HANG);
            List<ChildInfo> children = sup.whichChildren().toCompletableFuture().get(HANG.toSeconds(), TimeUnit.SECONDS);
            for (int w = 0; w < WORKERS; w++) {
                @SuppressWarnings("unchecked")
                ActorRef<Msg> ref = (ActorRef<Msg>) children.get(w).ref().orElseThrow();
                workers[s * WORKERS + w] = ref;
            }
        }
        ledger.workers = workers;

        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int sender = 0; sender < SENDERS; sender++) {
            int id = sender;
            threads.add(Thread.ofPlatform().name(name + "-sender-" + id).start(() -> {
                SplittableRandom random = new SplittableRandom(id);
                long[] seq = new long[workers.length];
                while (running.get()) {
                    int target = random.nextInt(workers.length);
                    Work work = new Work(id, ++seq[target]);
                    ledger.sent.incrementAndGet();
                    try {
                        workers[target].tell(work);
                    } catch (MailboxFullException e) {
                        ledger.returned.incrementAndGet();
                    }
                }
            }));
        }
        threads.add(Thread.ofPlatform().name(name + "-chaos").start(() -> {
            SplittableRandom random = new SplittableRandom(42);
            while (running.get()) {
                ActorRef<Msg> target = workers[random.nextInt(workers.length)];
                switch (random.nextInt(3)) {
                    case 0 -> {
                        ledger.crashes.incrementAndGet();
                        target.offer(new Crash(), io.otp4j.mailbox.SendOptions.DEFAULT); // a full mailbox refuses it
                    }
                    case 1 -> {
                        ledger.kills.incrementAndGet();
                        system.kill(target);
                    }
                    default -> {
                        ledger.stops.incrementAndGet();
                        system.stop(target);
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // pacing of the faults, not a wait
            }
        }));

        boolean ranItsLength = false;
        try {
            Awaitility.await().pollDelay(Duration.ofSeconds(SECONDS)).atMost(Duration.ofSeconds(SECONDS + 5))
                    .until(() -> true); // let it run for the soak's length
            ranItsLength = true;
        } finally { // whatever happened, no load or system outlives the test
            running.set(false);
            for (Thread t : threads) {
                t.join(HANG.toMillis());
            }
            if (!ranItsLength) {
                system.shutdown(Duration.ofSeconds(10));
            }
        }

        ShutdownReport report = system.shutdown(HANG);

        assertThat(report.outcome()).isEqualTo(ShutdownReport.Outcome.CLEAN);
        assertThat(ledger.violations).isEmpty();
        assertThat(ledger.handled.get() + ledger.deadLettered.get() + ledger.returned.get())
                .as("handled + dead-lettered + returned = sent (%d crashes, %d kills, %d stops, %d asks)",
                        ledger.crashes.get(), ledger.kills.get(), ledger.stops.get(), ledger.asks.get())
                .isEqualTo(ledger.sent.get());
        assertThat(ledger.sent.get()).isPositive();
        System.out.printf("chaos %s: %ds, %d actors, sent %d, handled %d, dead letters %d, returned %d, "
                        + "crashes %d, kills %d, stops %d, blocking asks %d%n", name, SECONDS, workers.length,
                ledger.sent.get(), ledger.handled.get(), ledger.deadLettered.get(), ledger.returned.get(),
                ledger.crashes.get(), ledger.kills.get(), ledger.stops.get(), ledger.asks.get());

        Awaitility.await().atMost(HANG).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().contains("otp4j-" + name)));
        return new WeakReference<>(system);
    }
}

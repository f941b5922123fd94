package io.otp4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ErrorAction;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import io.otp4j.timer.Cancellable;
import io.otp4j.timer.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a monitor may rely on, and what the runtime does when a monitor misbehaves. */
class MonitorContractTest {

    private static final ActorPath SOME_PATH = ActorPath.root("t").child("user").child("x");

    @Test
    void theDefaultIsTheNoopMonitor() {
        assertThat(ActorSystemSettings.defaults().setting(Monitor.class)).isEmpty();
        assertThat(Monitor.noop().tracesMessages()).isFalse();
        assertThatThrownBy(() -> ActorSystemSettings.defaults().with(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("setting must not be null");
    }

    @Test
    void aMonitorThatThrowsNeverReachesTheActors() {
        AtomicInteger calls = new AtomicInteger();
        Monitor hostile = event -> {
            calls.incrementAndGet();
            throw new IllegalStateException("monitor bug");
        };
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(hostile))) {
            TestProbe<String> probe = kit.createTestProbe();
            ActorRef<Subject.Cmd> ref = kit.spawn(() -> new Subject(ErrorAction.RESTART));
            ref.tell(new Subject.Crash("real failure"));
            ref.tell(new Subject.Ping(probe.ref()));
            probe.expectMessage("pong");
        }
        assertThat(calls.get()).isPositive();
    }

    @Test
    void aMonitorThatDoesNotTraceGetsNoPerMessageEvents() {
        List<MonitorEvent> seen = new CopyOnWriteArrayList<>();
        Monitor lifecycleOnly = seen::add; // tracesMessages() defaults to false
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(lifecycleOnly))) {
            TestProbe<String> probe = kit.createTestProbe();
            ActorRef<Subject.Cmd> ref = kit.spawn(() -> new Subject(ErrorAction.RESUME));
            for (int i = 0; i < 100; i++) {
                ref.tell(new Subject.Work(i));
            }
            ref.tell(new Subject.Ping(probe.ref()));
            probe.expectMessage("pong");
        }
        assertThat(seen).isNotEmpty().noneMatch(e -> e.kind().isPerMessage());
        assertThat(seen).anyMatch(e -> e.kind() == EventKind.ACTOR_STARTED);
    }

    @Test
    void aCompositeFeedsEachMonitorWhatItAskedFor() {
        InMemoryMonitor tracing = InMemoryMonitor.create(16, Severity.TRACE, true);
        InMemoryMonitor quiet = InMemoryMonitor.create(16, Severity.TRACE, false);
        Monitor throwing = event -> {
            throw new IllegalStateException("ignored");
        };
        Monitor both = Monitor.of(throwing, tracing, quiet);
        assertThat(both.tracesMessages()).isTrue();
        both.onEvent(new ActorEvent.Spawned(Instant.now(), SOME_PATH));
        both.onEvent(new MailboxEvent.Dequeued(Instant.now(), SOME_PATH, java.util.OptionalInt.empty()));
        assertThat(tracing.count(EventKind.ACTOR_SPAWNED)).isEqualTo(1);
        assertThat(tracing.count(EventKind.MAILBOX_DEQUEUED)).isEqualTo(1);
        assertThat(quiet.count(EventKind.ACTOR_SPAWNED)).isEqualTo(1);
        assertThat(quiet.count(EventKind.MAILBOX_DEQUEUED)).isZero();
        assertThat(Monitor.of()).isSameAs(Monitor.noop());
        assertThat(Monitor.of(tracing)).isSameAs(tracing);
    }

    @Test
    void inMemoryMonitorFiltersCountsKeepsTheLatestAndResets() {
        InMemoryMonitor monitor = InMemoryMonitor.create(3, Severity.INFO, true);
        monitor.onEvent(new ActorEvent.Spawned(Instant.now(), SOME_PATH)); // DEBUG: filtered out
        for (int i = 1; i <= 5; i++) {
            monitor.onEvent(new ActorEvent.Started(Instant.now(), SOME_PATH, Subject.class, i));
        }
        monitor.onEvent(new ActorEvent.Failed(Instant.now(), SOME_PATH, Optional.of(Subject.class), new RuntimeException(),
                ErrorAction.STOP));

        assertThat(monitor.count(EventKind.ACTOR_SPAWNED)).isZero();
        assertThat(monitor.count(EventKind.ACTOR_STARTED)).isEqualTo(5);
        assertThat(monitor.count(Severity.INFO)).isEqualTo(5);
        assertThat(monitor.count(Severity.ERROR)).isEqualTo(1);
        assertThat(monitor.history()).hasSize(3).last().isInstanceOf(ActorEvent.Failed.class);
        assertThat(monitor.history(ActorEvent.Started.class)).extracting(ActorEvent.Started::incarnation)
                .containsExactly(4, 5);

        InMemoryMonitor.Snapshot snapshot = monitor.snapshot();
        assertThat(snapshot.countsByKind()).containsOnlyKeys(EventKind.ACTOR_STARTED, EventKind.ACTOR_FAILED);
        assertThat(snapshot.total()).isEqualTo(6);
        assertThat(snapshot.history()).hasSize(3);

        monitor.reset();
        assertThat(monitor.history()).isEmpty();
        assertThat(monitor.snapshot().total()).isZero();
        monitor.onEvent(new ActorEvent.Started(Instant.now(), SOME_PATH, Subject.class, 9));
        assertThat(monitor.history()).singleElement();
    }

    @Test
    void everyKindBelongsToTheFamilyOfItsRecord() {
        assertThat(EventKind.ACTOR_FAILED.family()).isEqualTo(EventFamily.ACTOR);
        assertThat(EventKind.MAILBOX_EXPIRED.family()).isEqualTo(EventFamily.MAILBOX);
        assertThat(EventKind.values()).filteredOn(EventKind::isPerMessage).containsExactlyInAnyOrder(
                EventKind.ACTOR_MESSAGE_RECEIVED, EventKind.ACTOR_MESSAGE_PROCESSED, EventKind.MAILBOX_ENQUEUED,
                EventKind.MAILBOX_DEQUEUED, EventKind.BROKER_PUBLISHED, EventKind.BROKER_ROUTED);
        assertThat(EventKind.values()).filteredOn(EventKind::isPerMessage)
                .allSatisfy(k -> assertThat(k.severity()).isEqualTo(Severity.TRACE));
    }

    @Test
    void aTracingMonitorThatThrowsNeverReachesTheActorsEither() {
        AtomicInteger calls = new AtomicInteger();
        Monitor hostile = new Monitor() {
            @Override
            public void onEvent(MonitorEvent event) {
                calls.incrementAndGet();
                throw new AssertionError("monitor bug on " + event.kind()); // an Error, not an exception
            }

            @Override
            public boolean tracesMessages() {
                return true;
            }
        };
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(hostile))) {
            TestProbe<String> probe = kit.createTestProbe();
            ActorRef<Subject.Cmd> ref = kit.spawn(() -> new Subject(ErrorAction.RESTART));
            ref.tell(new Subject.Work(1));
            ref.tell(new Subject.Crash("real failure"));
            ref.tell(new Subject.Ping(probe.ref()));
            probe.expectMessage("pong");
        }
        assertThat(calls.get()).isGreaterThan(10); // per-message events too
    }

    @Test
    void aCompositeGoesOnAfterAMonitorThrowsAnError() {
        InMemoryMonitor after = InMemoryMonitor.create();
        Monitor both = Monitor.of(event -> {
            throw new AssertionError("first monitor broken");
        }, after);
        both.onEvent(new ActorEvent.Spawned(Instant.now(), SOME_PATH));
        assertThat(after.count(EventKind.ACTOR_SPAWNED)).isEqualTo(1);
    }

    @Test
    void closingTwiceReportsOneShutdown() {
        InMemoryMonitor monitor = InMemoryMonitor.create();
        io.otp4j.actor.ActorSystem system = io.otp4j.actor.ActorSystem.create("twice",
                ActorSystemSettings.defaults().with(monitor));
        system.close();
        system.close();
        assertThat(monitor.count(EventKind.SYSTEM_SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void aMonitorThatThrowsFromTracesMessagesFailsCreateAndLeavesNothingRunning() {
        RuntimeException bug = new IllegalStateException("tracesMessages bug");
        Monitor broken = new Monitor() {
            @Override
            public void onEvent(MonitorEvent event) {}

            @Override
            public boolean tracesMessages() {
                throw bug;
            }
        };
        List<ClosingScheduler> schedulers = new CopyOnWriteArrayList<>();
        ActorSystemSettings settings = ActorSystemSettings.defaults().with(broken)
                .withScheduler(() -> {
                    ClosingScheduler s = new ClosingScheduler(Scheduler.system());
                    schedulers.add(s);
                    return s;
                });

        assertThatThrownBy(() -> io.otp4j.actor.ActorSystem.create("broken-monitor", settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tracesMessages")
                .hasCause(bug);

        // either no scheduler was built, or the one built (with its thread) was closed again
        assertThat(schedulers).allMatch(ClosingScheduler::closed);
    }

    /** A scheduler that remembers whether it was closed. */
    private static final class ClosingScheduler implements Scheduler {
        private final Scheduler delegate;
        private final AtomicBoolean closed = new AtomicBoolean();

        ClosingScheduler(Scheduler delegate) {
            this.delegate = delegate;
        }

        boolean closed() {
            return closed.get();
        }

        @Override
        public long nanoTime() {
            return delegate.nanoTime();
        }

        @Override
        public Cancellable scheduleOnce(Duration delay, Runnable task) {
            return delegate.scheduleOnce(delay, task);
        }

        @Override
        public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
            return delegate.scheduleAtFixedRate(initialDelay, period, task);
        }

        @Override
        public void close() {
            closed.set(true);
            delegate.close();
        }
    }
}

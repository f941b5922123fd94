package io.otp4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ActorPath;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ErrorAction;
import io.otp4j.actor.ExitReason;
import io.otp4j.actor.Props;
import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.MailboxFullException;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The actor and mailbox event families, each observed on a real run rather than built by hand. */
class ActorAndMailboxEventsTest {

    private final InMemoryMonitor monitor = InMemoryMonitor.create(InMemoryMonitor.DEFAULT_HISTORY, Severity.TRACE, true); // with messages
    private ActorTestKit kit;

    @AfterEach
    void close() {
        if (kit != null) {
            kit.close();
        }
    }

    private ActorTestKit kit() {
        kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
        return kit;
    }

    private static <T extends MonitorEvent> List<T> about(InMemoryMonitor monitor, Class<T> type, ActorPath path) {
        return monitor.history(type).stream().filter(e -> path.equals(e.path())).toList();
    }

    @Test
    void anActorsLifeIsReportedInOrder() {
        ActorTestKit kit = kit();
        ActorRef<Subject.Cmd> ref = kit.spawn("subject", () -> new Subject(ErrorAction.RESTART));
        TestProbe<String> probe = kit.createTestProbe();
        ref.tell(new Subject.Work(1));
        ref.tell(new Subject.Crash("boom"));
        ref.tell(new Subject.Ping(probe.ref()));
        probe.expectMessage("pong");
        kit.system().stop(ref);
        await().until(() -> !about(monitor, ActorEvent.Stopped.class, ref.path()).isEmpty());

        List<ActorEvent> life = about(monitor, ActorEvent.class, ref.path());
        assertThat(life).map(MonitorEvent::kind).containsExactly(
                EventKind.ACTOR_SPAWNED,
                EventKind.ACTOR_STARTED,
                EventKind.ACTOR_MESSAGE_RECEIVED, EventKind.ACTOR_MESSAGE_PROCESSED, // Work
                EventKind.ACTOR_MESSAGE_RECEIVED, EventKind.ACTOR_MESSAGE_PROCESSED, // Crash
                EventKind.ACTOR_FAILED,
                EventKind.ACTOR_STARTED, // the restart: a fresh instance
                EventKind.ACTOR_MESSAGE_RECEIVED, EventKind.ACTOR_MESSAGE_PROCESSED, // Ping
                EventKind.ACTOR_STOPPED);

        List<ActorEvent.Started> starts = about(monitor, ActorEvent.Started.class, ref.path());
        assertThat(starts).extracting(ActorEvent.Started::incarnation).containsExactly(1, 2);
        assertThat(starts).allSatisfy(s -> assertThat(s.actorClass()).isEqualTo(Subject.class));

        ActorEvent.Failed failed = about(monitor, ActorEvent.Failed.class, ref.path()).getFirst();
        assertThat(failed.decision()).isEqualTo(ErrorAction.RESTART);
        assertThat(failed.cause()).hasMessage("boom");
        assertThat(failed.severity()).isEqualTo(Severity.ERROR);

        assertThat(about(monitor, ActorEvent.MessageProcessed.class, ref.path()))
                .extracting(ActorEvent.MessageProcessed::messageType, ActorEvent.MessageProcessed::failed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Subject.Work.class, false),
                        org.assertj.core.groups.Tuple.tuple(Subject.Crash.class, true),
                        org.assertj.core.groups.Tuple.tuple(Subject.Ping.class, false));
        assertThat(about(monitor, ActorEvent.MessageReceived.class, ref.path()).getFirst().message())
                .isEqualTo(new Subject.Work(1));

        ActorEvent.Stopped stopped = about(monitor, ActorEvent.Stopped.class, ref.path()).getFirst();
        assertThat(stopped.reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(stopped.severity()).isEqualTo(Severity.INFO);

        // every message was enqueued and dequeued once
        assertThat(about(monitor, MailboxEvent.Enqueued.class, ref.path())).hasSize(3);
        assertThat(about(monitor, MailboxEvent.Dequeued.class, ref.path())).hasSize(3);
        assertThat(monitor.count(EventKind.ACTOR_FAILED)).isEqualTo(1);
    }

    @Test
    void anAbnormalStopIsAWarning() {
        ActorTestKit kit = kit();
        ActorRef<Subject.Cmd> ref = kit.spawn("stopper", () -> new Subject(ErrorAction.STOP));
        ref.tell(new Subject.Crash("fatal"));
        await().until(() -> !about(monitor, ActorEvent.Stopped.class, ref.path()).isEmpty());
        ActorEvent.Stopped stopped = about(monitor, ActorEvent.Stopped.class, ref.path()).getFirst();
        assertThat(stopped.reason()).isInstanceOf(ExitReason.Failed.class);
        assertThat(stopped.severity()).isEqualTo(Severity.WARN);
        assertThat(about(monitor, ActorEvent.Failed.class, ref.path()).getFirst().decision())
                .isEqualTo(ErrorAction.STOP);
    }

    @Test
    void overflowPoliciesAreReported() throws Exception {
        ActorTestKit kit = kit();
        // three actors block at once: virtual threads, so they do not hold the pool's two threads
        Props onVirtualThreads = Props.defaults().withDispatcher(Dispatcher.virtualThreads());
        CountDownLatch entered = new CountDownLatch(3);
        CountDownLatch gate = new CountDownLatch(1);
        ActorRef<Subject.Cmd> dropping = kit.spawn("dropping", () -> new Subject(ErrorAction.RESUME),
                onVirtualThreads.withMailbox(MailboxConfig.bounded(1, Overflow.DROP)));
        ActorRef<Subject.Cmd> rejecting = kit.spawn("rejecting", () -> new Subject(ErrorAction.RESUME),
                onVirtualThreads.withMailbox(MailboxConfig.bounded(1, Overflow.REJECT)));
        ActorRef<Subject.Cmd> blocking = kit.spawn("blocking", () -> new Subject(ErrorAction.RESUME),
                onVirtualThreads.withMailbox(MailboxConfig.bounded(1, Overflow.BLOCK)
                        .withBlockTimeout(Duration.ofMillis(1))));
        for (ActorRef<Subject.Cmd> ref : List.of(dropping, rejecting, blocking)) {
            ref.tell(new Subject.Hold(entered, gate)); // busy now
        }
        entered.await();
        for (ActorRef<Subject.Cmd> ref : List.of(dropping, rejecting, blocking)) {
            ref.tell(new Subject.Work(1)); // fills the one slot
        }

        assertThat(dropping.offer(new Subject.Work(2), SendOptions.DEFAULT)).isEqualTo(Delivery.DROPPED);
        assertThatThrownBy(() -> rejecting.tell(new Subject.Work(2))).isInstanceOf(MailboxFullException.class);
        assertThat(blocking.offer(new Subject.Work(2), SendOptions.DEFAULT)).isEqualTo(Delivery.REJECTED);
        gate.countDown();

        MailboxEvent.Dropped dropped = about(monitor, MailboxEvent.Dropped.class, dropping.path()).getFirst();
        assertThat(dropped.message()).isEqualTo(new Subject.Work(2));
        assertThat(about(monitor, MailboxEvent.BackpressureApplied.class, rejecting.path()))
                .singleElement().satisfies(e -> {
                    assertThat(e.policy()).isEqualTo(Overflow.REJECT);
                    assertThat(e.outcome()).isEqualTo(Delivery.REJECTED);
                });
        assertThat(about(monitor, MailboxEvent.BackpressureApplied.class, blocking.path()))
                .singleElement().satisfies(e -> {
                    assertThat(e.policy()).isEqualTo(Overflow.BLOCK);
                    assertThat(e.outcome()).isEqualTo(Delivery.REJECTED);
                });
        // a drop is a dead letter too
        assertThat(monitor.history(BrokerEvent.DeadLettered.class))
                .anySatisfy(e -> {
                    assertThat(e.path()).isEqualTo(dropping.path());
                    assertThat(e.reason()).isEqualTo(DeadLetter.Reason.MAILBOX_FULL);
                });
    }

    /**
     * Full once per crossing: the send that takes the last place reports it; sends that find it full do not
     * report it again; once the actor has taken a message below capacity, the next filling is reported.
     */
    @Test
    void aBoundedMailboxBecomingFullIsReportedOncePerCrossing() throws Exception {
        ActorTestKit kit = kit();
        TestProbe<String> probe = kit.createTestProbe();
        ActorRef<Subject.Cmd> ref = kit.spawn("filling", () -> new Subject(ErrorAction.RESUME),
                Props.defaults().withDispatcher(Dispatcher.virtualThreads())
                        .withMailbox(MailboxConfig.bounded(2, Overflow.REJECT)));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        ref.tell(new Subject.Hold(entered, gate));
        entered.await();

        ref.tell(new Subject.Work(1));
        assertThat(about(monitor, MailboxEvent.CapacityReached.class, ref.path())).isEmpty(); // one place left
        ref.tell(new Subject.Work(2)); // takes the last place
        assertThat(about(monitor, MailboxEvent.CapacityReached.class, ref.path())).singleElement().satisfies(e -> {
            assertThat(e.capacity()).isEqualTo(2);
            assertThat(e.severity()).isEqualTo(Severity.WARN);
        });
        for (int i = 0; i < 3; i++) { // still the same crossing
            assertThat(ref.offer(new Subject.Work(3), SendOptions.DEFAULT)).isEqualTo(Delivery.REJECTED);
        }
        assertThat(about(monitor, MailboxEvent.CapacityReached.class, ref.path())).hasSize(1);
        assertThat(about(monitor, MailboxEvent.BackpressureApplied.class, ref.path())).hasSize(3);

        gate.countDown();
        await().until(() -> about(monitor, MailboxEvent.Dequeued.class, ref.path()).size() == 3); // hold, 1, 2
        ref.tell(new Subject.Ping(probe.ref()));
        probe.expectMessage("pong"); // drained: the next filling is a new crossing
        CountDownLatch enteredAgain = new CountDownLatch(1);
        CountDownLatch gateAgain = new CountDownLatch(1);
        ref.tell(new Subject.Hold(enteredAgain, gateAgain));
        enteredAgain.await();
        ref.tell(new Subject.Work(4));
        ref.tell(new Subject.Work(5));
        assertThat(about(monitor, MailboxEvent.CapacityReached.class, ref.path())).hasSize(2);
        gateAgain.countDown();
    }

    @Test
    void enqueueAndDequeueEventsCarryTheQueueLengthWhereTheMailboxKeepsACount() throws Exception {
        ActorTestKit kit = kit();
        TestProbe<String> probe = kit.createTestProbe();
        Props onVirtualThreads = Props.defaults().withDispatcher(Dispatcher.virtualThreads());
        ActorRef<Subject.Cmd> bounded = kit.spawn("counted", () -> new Subject(ErrorAction.RESUME),
                onVirtualThreads.withMailbox(MailboxConfig.bounded(10, Overflow.REJECT)));
        ActorRef<Subject.Cmd> unbounded = kit.spawn("uncounted", () -> new Subject(ErrorAction.RESUME),
                onVirtualThreads);
        for (ActorRef<Subject.Cmd> ref : List.of(bounded, unbounded)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch gate = new CountDownLatch(1);
            ref.tell(new Subject.Hold(entered, gate));
            entered.await(); // taken: the mailbox is empty, and stays so until the sends below
            ref.tell(new Subject.Work(1));
            ref.tell(new Subject.Work(2));
            ref.tell(new Subject.Work(3));
            ref.tell(new Subject.Ping(probe.ref()));
            gate.countDown();
            probe.expectMessage("pong");
        }

        List<MailboxEvent.Enqueued> in = about(monitor, MailboxEvent.Enqueued.class, bounded.path());
        assertThat(in.subList(1, 5)).extracting(MailboxEvent.Enqueued::queueLength) // after the hold was taken
                .containsExactly(OptionalInt.of(1), OptionalInt.of(2), OptionalInt.of(3), OptionalInt.of(4));
        List<MailboxEvent.Dequeued> out = about(monitor, MailboxEvent.Dequeued.class, bounded.path());
        assertThat(out).extracting(MailboxEvent.Dequeued::queueLength) // the hold, the work, the ping
                .containsExactly(OptionalInt.of(0), OptionalInt.of(3), OptionalInt.of(2), OptionalInt.of(1),
                        OptionalInt.of(0));

        // the default mailbox keeps no count: it does not walk its queue to tell
        assertThat(about(monitor, MailboxEvent.Enqueued.class, unbounded.path()))
                .hasSize(5).allSatisfy(e -> assertThat(e.queueLength()).isEmpty());
        assertThat(about(monitor, MailboxEvent.Dequeued.class, unbounded.path()))
                .hasSize(5).allSatisfy(e -> assertThat(e.queueLength()).isEmpty());
    }

    /**
     * A bounded priority mailbox counts across its levels: the lengths and the filling count every priority,
     * and messages leave by priority. The default mailbox, made a priority one by a HIGH send, still keeps no
     * count and never fills.
     */
    @Test
    void priorityMailboxesReportLengthsAndFillingAcrossLevels() throws Exception {
        ActorTestKit kit = kit();
        TestProbe<String> probe = kit.createTestProbe();
        Props onVirtualThreads = Props.defaults().withDispatcher(Dispatcher.virtualThreads());
        ActorRef<Subject.Cmd> bounded = kit.spawn("levels", () -> new Subject(ErrorAction.RESUME),
                onVirtualThreads.withMailbox(MailboxConfig.priority(4, Overflow.REJECT)));
        ActorRef<Subject.Cmd> swapped = kit.spawn("swapped", () -> new Subject(ErrorAction.RESUME),
                onVirtualThreads);
        for (ActorRef<Subject.Cmd> ref : List.of(bounded, swapped)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch gate = new CountDownLatch(1);
            ref.tell(new Subject.Hold(entered, gate));
            entered.await(); // taken: the mailbox is empty until the sends below
            ref.tell(new Subject.Work(1), SendOptions.priority(Priority.LOW));
            ref.tell(new Subject.Work(2));
            ref.tell(new Subject.Ping(probe.ref()), SendOptions.priority(Priority.LOW)); // after Work(1)
            ref.tell(new Subject.Work(3), SendOptions.priority(Priority.HIGH)); // the bounded one's last place
            gate.countDown();
            probe.expectMessage("pong");
        }

        assertThat(about(monitor, MailboxEvent.Enqueued.class, bounded.path()).subList(1, 5))
                .extracting(MailboxEvent.Enqueued::priority, MailboxEvent.Enqueued::queueLength)
                .containsExactly(tuple(Priority.LOW, OptionalInt.of(1)), tuple(Priority.NORMAL, OptionalInt.of(2)),
                        tuple(Priority.LOW, OptionalInt.of(3)), tuple(Priority.HIGH, OptionalInt.of(4)));
        assertThat(about(monitor, MailboxEvent.CapacityReached.class, bounded.path()))
                .singleElement().extracting(MailboxEvent.CapacityReached::capacity).isEqualTo(4);
        assertThat(about(monitor, ActorEvent.MessageReceived.class, bounded.path()))
                .extracting(ActorEvent.MessageReceived::message).containsSubsequence(
                        new Subject.Work(3), new Subject.Work(2), new Subject.Work(1));
        assertThat(about(monitor, MailboxEvent.Dequeued.class, bounded.path())) // the hold, then by priority
                .extracting(MailboxEvent.Dequeued::queueLength).containsExactly(OptionalInt.of(0),
                        OptionalInt.of(3), OptionalInt.of(2), OptionalInt.of(1), OptionalInt.of(0));

        assertThat(about(monitor, MailboxEvent.Enqueued.class, swapped.path()))
                .extracting(MailboxEvent.Enqueued::priority).contains(Priority.HIGH, Priority.LOW);
        assertThat(about(monitor, MailboxEvent.Enqueued.class, swapped.path()))
                .allSatisfy(e -> assertThat(e.queueLength()).isEmpty());
        assertThat(about(monitor, MailboxEvent.CapacityReached.class, swapped.path())).isEmpty();
        assertThat(about(monitor, ActorEvent.MessageReceived.class, swapped.path()))
                .extracting(ActorEvent.MessageReceived::message).containsSubsequence(
                        new Subject.Work(3), new Subject.Work(2), new Subject.Work(1));
    }

    @Test
    void expiryAndPriorityAreReported() throws Exception {
        kit = ActorTestKit.withManualTime(ActorSystemSettings.defaults().with(monitor));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        TestProbe<String> probe = kit.createTestProbe();
        ActorRef<Subject.Cmd> ref = kit.spawn("expiring", () -> new Subject(ErrorAction.RESUME));
        ref.tell(new Subject.Hold(entered, gate));
        entered.await();
        ref.tell(new Subject.Work(7), SendOptions.ttl(Duration.ofSeconds(1)));
        ref.tell(new Subject.Work(8), SendOptions.priority(Priority.HIGH));
        kit.manualTime().advance(Duration.ofSeconds(2));
        gate.countDown();
        ref.tell(new Subject.Ping(probe.ref()));
        probe.expectMessage("pong");

        assertThat(about(monitor, MailboxEvent.Expired.class, ref.path()))
                .singleElement().extracting(MailboxEvent.Expired::message).isEqualTo(new Subject.Work(7));
        assertThat(about(monitor, MailboxEvent.Enqueued.class, ref.path()))
                .extracting(MailboxEvent.Enqueued::priority).contains(Priority.HIGH);
        // the expired message was dequeued but never received
        assertThat(about(monitor, ActorEvent.MessageReceived.class, ref.path()))
                .extracting(ActorEvent.MessageReceived::message).doesNotContain(new Subject.Work(7));
    }

    @Test
    void sendingToADeadActorIsADeadLetterEvent() {
        ActorTestKit kit = kit();
        ActorRef<Subject.Cmd> ref = kit.spawn("short-lived", () -> new Subject(ErrorAction.RESUME));
        TestProbe<Object> watcher = kit.createTestProbe();
        watcher.watch(ref);
        kit.system().stop(ref);
        watcher.expectTerminated(ref);
        ref.tell(new Subject.Work(9));
        await().until(() -> !monitor.history(BrokerEvent.DeadLettered.class).isEmpty());
        assertThat(monitor.history(BrokerEvent.DeadLettered.class)).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo(ref.path());
            assertThat(e.reason()).isEqualTo(DeadLetter.Reason.RECIPIENT_TERMINATED);
            assertThat(e.message()).isEqualTo(new Subject.Work(9));
        });
    }
}

package io.otp4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Overflow, expiry, dead letters and the mailbox-depth gauges, on real mailboxes. */
class MailboxMetersTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final Readings read = new Readings(registry);
    private final MicrometerMonitor monitor = MicrometerMonitor.create(registry);
    private ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));

    @AfterEach
    void close() {
        kit.close();
    }

    private ActorRef<Worker.Cmd> bounded(String name, int capacity, Overflow overflow) {
        return kit.spawn(name, Worker::new, Props.defaults().withMailbox(MailboxConfig.bounded(capacity, overflow)));
    }

    @Test
    void aFullDropMailboxCountsOverflowAndDeadLetters() throws InterruptedException {
        ActorRef<Worker.Cmd> worker = bounded("dropping", 2, Overflow.DROP);
        Worker.Hold hold = new Worker.Hold();
        worker.tell(hold);
        hold.awaitEntered();
        worker.tell(new Worker.Work());
        worker.tell(new Worker.Work()); // the mailbox is full
        for (int i = 0; i < 3; i++) {
            worker.tell(new Worker.Work());
        }
        hold.release();

        // reported on the sender's thread: counted by now
        assertThat(read.count(MeterNames.MAILBOX_OVERFLOW, "class", Worker.CLASS, "outcome", "dropped")).isEqualTo(3);
        assertThat(read.count(MeterNames.DEAD_LETTERS, "system", kit.system().name(), "reason", "mailbox_full"))
                .isEqualTo(3);
        assertThat(read.count(MeterNames.MAILBOX_OVERFLOW, "outcome", "rejected")).isZero();
    }

    @Test
    void aFullRejectMailboxCountsRefusedSenders() throws InterruptedException {
        ActorRef<Worker.Cmd> worker = bounded("rejecting", 1, Overflow.REJECT);
        Worker.Hold hold = new Worker.Hold();
        worker.tell(hold);
        hold.awaitEntered();
        assertThat(worker.offer(new Worker.Work(), SendOptions.DEFAULT)).isEqualTo(Delivery.ENQUEUED);
        assertThat(worker.offer(new Worker.Work(), SendOptions.DEFAULT)).isEqualTo(Delivery.REJECTED);
        assertThat(worker.offer(new Worker.Work(), SendOptions.DEFAULT)).isEqualTo(Delivery.REJECTED);
        hold.release();

        assertThat(read.count(MeterNames.MAILBOX_OVERFLOW, "class", Worker.CLASS, "outcome", "rejected")).isEqualTo(2);
        assertThat(read.count(MeterNames.DEAD_LETTERS)).as("the sender was told; no dead letter").isZero();
    }

    @Test
    void aMessageToAStoppedActorIsADeadLetter() {
        TestProbe<String> probe = kit.createTestProbe();
        ActorRef<Worker.Cmd> worker = kit.spawn("short-lived", Worker::new);
        kit.system().stop(worker);
        probe.expectTerminated(worker);

        worker.tell(new Worker.Work());

        await().until(() -> read.count(MeterNames.DEAD_LETTERS, "reason", "recipient_terminated") == 1);
    }

    @Test
    void anExpiredMessageIsCountedAndDeadLettered() throws InterruptedException {
        kit.close();
        kit = ActorTestKit.withManualTime(ActorSystemSettings.defaults().with(monitor));
        ActorRef<Worker.Cmd> worker = kit.spawn("slow", Worker::new);
        Worker.Hold hold = new Worker.Hold();
        worker.tell(hold);
        hold.awaitEntered();
        worker.tell(new Worker.Work(), SendOptions.ttl(Duration.ofSeconds(1)));
        kit.manualTime().advance(Duration.ofSeconds(2));
        hold.release();

        await().until(() -> read.count(MeterNames.MAILBOX_EXPIRED, "class", Worker.CLASS) == 1);
        await().until(() -> read.count(MeterNames.DEAD_LETTERS, "reason", "expired") == 1);
    }

    @Test
    void mailboxDepthIsSummedPerClassFromASnapshotAtMostOncePerMaxAge() throws InterruptedException {
        monitor.bindTo(kit.system());
        TestProbe<String> probe = kit.createTestProbe();
        ActorRef<Worker.Cmd> busy = kit.spawn("busy", Worker::new);
        ActorRef<Worker.Cmd> quiet = kit.spawn("quiet", Worker::new);
        Worker.Hold busyHold = new Worker.Hold();
        Worker.Hold quietHold = new Worker.Hold();
        busy.tell(busyHold);
        quiet.tell(quietHold);
        busyHold.awaitEntered();
        quietHold.awaitEntered();
        for (int i = 0; i < 3; i++) {
            busy.tell(new Worker.Work());
        }
        quiet.tell(new Worker.Work());

        assertThat(read.gauge(MeterNames.MAILBOX_DEPTH, "system", kit.system().name(), "class", Worker.CLASS))
                .hasValue(4);
        assertThat(read.gauge(MeterNames.MAILBOX_DEPTH_MAX, "class", Worker.CLASS)).hasValue(3);

        busyHold.release();
        quietHold.release();
        busy.tell(new Worker.Ping(probe.ref()));
        quiet.tell(new Worker.Ping(probe.ref()));
        probe.receiveMessages(2);
        assertThat(read.gauge(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS)).as("still the cached reading")
                .hasValue(4);

        clock.add(Duration.ofSeconds(1));
        assertThat(read.gauge(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS)).hasValue(0);
        assertThat(read.gauge(MeterNames.MAILBOX_DEPTH_MAX, "class", Worker.CLASS)).hasValue(0);
    }
}

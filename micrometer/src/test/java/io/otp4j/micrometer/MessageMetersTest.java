package io.otp4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import org.junit.jupiter.api.Test;

/** The per-message counter and timer: there when asked for, absent (and free) by default. */
class MessageMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Readings read = new Readings(registry);

    @Test
    void withMessageMetricsEveryHandledMessageIsCountedAndTimed() {
        MicrometerMonitor monitor = MicrometerMonitor.builder(registry).messageMetrics(true).build();
        assertThat(monitor.tracesMessages()).isTrue();
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor))) {
            TestProbe<String> probe = kit.createTestProbe();
            ActorRef<Worker.Cmd> worker = kit.spawn("worker", Worker::new);
            for (int i = 0; i < 5; i++) {
                worker.tell(new Worker.Work());
            }
            worker.tell(new Worker.Crash("resumed"));
            worker.tell(new Worker.Ping(probe.ref()));
            probe.expectMessage("pong");

            // the Ping's own event follows its reply: wait for it
            await().until(() -> read.timerCount(MeterNames.MESSAGE_HANDLING, "class", Worker.CLASS) == 7);
            assertThat(read.count(MeterNames.MESSAGES_PROCESSED, "system", kit.system().name(), "class", Worker.CLASS,
                    "outcome", "success")).isEqualTo(6);
            assertThat(read.count(MeterNames.MESSAGES_PROCESSED, "class", Worker.CLASS, "outcome", "failure"))
                    .isEqualTo(1);
        }
    }

    @Test
    void byDefaultMessagesAreNeitherTracedNorMetered() {
        MicrometerMonitor monitor = MicrometerMonitor.create(registry);
        assertThat(monitor.tracesMessages()).isFalse();
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor))) {
            TestProbe<String> probe = kit.createTestProbe();
            ActorRef<Worker.Cmd> worker = kit.spawn("worker", Worker::new);
            worker.tell(new Worker.Work());
            worker.tell(new Worker.Ping(probe.ref()));
            probe.expectMessage("pong");

            assertThat(read.series(MeterNames.ACTORS_SPAWNED)).isEqualTo(1);
            assertThat(read.series(MeterNames.MESSAGE_HANDLING)).isZero();
            assertThat(read.series(MeterNames.MESSAGES_PROCESSED)).isZero();
        }
    }
}

package io.otp4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.monitor.InMemoryMonitor;
import io.otp4j.monitor.Monitor;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import org.junit.jupiter.api.Test;

/** Binding a system for its gauges, a system's shutdown, and one monitor shared by systems and monitors. */
class BindingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Readings read = new Readings(registry);
    private final MicrometerMonitor monitor = MicrometerMonitor.create(registry);

    @Test
    void bindingASystemThatDoesNotReportToTheMonitorIsRefused() {
        try (ActorSystem unmonitored = ActorSystem.create("unmonitored")) {
            assertThatThrownBy(() -> monitor.bindTo(unmonitored))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("with(monitor)");
        }
    }

    @Test
    void depthGaugesAppearOnBindingForClassesAlreadySeenAndBindingTwiceIsHarmless() {
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor))) {
            TestProbe<String> probe = kit.createTestProbe();
            ActorRef<Worker.Cmd> worker = kit.spawn("worker", Worker::new);
            worker.tell(new Worker.Ping(probe.ref()));
            probe.expectMessage("pong");
            assertThat(read.gauge(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS)).as("not bound yet").isEmpty();

            monitor.bindTo(kit.system());
            monitor.bindTo(kit.system());

            assertThat(read.gauge(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS)).hasValue(0);
            assertThat(read.series(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS)).isEqualTo(1);
        }
    }

    @Test
    void shutdownRemovesTheGaugesAndKeepsTheCounters() {
        ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
        String system = kit.system().name();
        monitor.bindTo(kit.system());
        kit.spawn("worker", Worker::new);
        await().until(() -> read.gauge(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS).isPresent());

        kit.close();

        assertThat(read.gauge(MeterNames.ACTORS_LIVE, "system", system)).isEmpty();
        assertThat(read.series(MeterNames.MAILBOX_DEPTH)).isZero();
        assertThat(read.series(MeterNames.MAILBOX_DEPTH_MAX)).isZero();
        assertThat(read.count(MeterNames.ACTORS_SPAWNED, "system", system)).isEqualTo(1);
        assertThat(read.count(MeterNames.ACTORS_STOPPED, "system", system, "reason", "shutdown")).isEqualTo(1);
        assertThatThrownBy(() -> monitor.bindTo(kit.system())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSystemCreatedAgainUnderTheSameNameStartsAfresh() {
        ActorSystemSettings settings = ActorSystemSettings.defaults().with(monitor);
        try (ActorSystem first = ActorSystem.create("again", settings)) {
            monitor.bindTo(first);
            first.spawn("a", Worker::new);
            first.spawn("b", Worker::new);
        }
        try (ActorSystem second = ActorSystem.create("again", settings)) {
            monitor.bindTo(second);
            second.spawn("c", Worker::new);

            assertThat(read.gauge(MeterNames.ACTORS_LIVE, "system", "again")).hasValue(1);
            assertThat(read.count(MeterNames.ACTORS_SPAWNED, "system", "again")).as("counters go on").isEqualTo(3);
            await().until(() -> read.gauge(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS).isPresent());
        }
    }

    @Test
    void oneMonitorServesTwoSystemsUnderTheirOwnTags() {
        try (ActorTestKit one = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
             ActorTestKit two = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor))) {
            one.spawn("a", Worker::new);
            two.spawn("a", Worker::new);
            two.spawn("b", Worker::new);

            assertThat(read.gauge(MeterNames.ACTORS_LIVE, "system", one.system().name())).hasValue(1);
            assertThat(read.gauge(MeterNames.ACTORS_LIVE, "system", two.system().name())).hasValue(2);
        }
    }

    @Test
    void itWorksAlongsideAnotherMonitor() {
        InMemoryMonitor inMemory = InMemoryMonitor.create();
        MicrometerMonitor timing = MicrometerMonitor.builder(registry).messageMetrics(true).build();
        Monitor both = Monitor.of(inMemory, timing);
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().with(both))) {
            timing.bindTo(kit.system());
            TestProbe<String> probe = kit.createTestProbe();
            ActorRef<Worker.Cmd> worker = kit.spawn("worker", Worker::new);
            worker.tell(new Worker.Work());
            worker.tell(new Worker.Ping(probe.ref()));
            probe.expectMessage("pong");

            await().until(() -> read.timerCount(MeterNames.MESSAGE_HANDLING, "class", Worker.CLASS) == 2);
            assertThat(read.gauge(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS)).isPresent();
        }
    }
}

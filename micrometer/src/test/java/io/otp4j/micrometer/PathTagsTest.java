package io.otp4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ErrorAction;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Path tags for a few actors, {@code path=other} beyond the limit, and no meters left by stopped actors. */
class PathTagsTest {

    private static final String PROBE_CLASS = "io.otp4j.testkit.TestProbe$ProbeActor";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Readings read = new Readings(registry);
    private ActorTestKit kit;

    @AfterEach
    void close() {
        kit.close();
    }

    private void start(MicrometerMonitor monitor) {
        kit = ActorTestKit.create(ActorSystemSettings.defaults().with(monitor));
        monitor.bindTo(kit.system());
    }

    /** Waits until the actor has started, which is when it joins its group and gets its depth gauge. */
    private void awaitStarted(String path, String pathTag) {
        await().until(() -> read.gauge(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS, "path", pathTag).isPresent()
                && kit.system().snapshot().find(path).flatMap(a -> a.actorClass()).isPresent());
    }

    @Test
    void theFirstActorsGetTheirOwnSeriesAndTheRestSharePathOther() {
        start(MicrometerMonitor.builder(registry).actorPathTags(2).build());
        ActorRef<Worker.Cmd> first = kit.spawn("first", Worker::new);
        awaitStarted("/user/first", "/user/first");
        ActorRef<Worker.Cmd> second = kit.spawn("second", Worker::new);
        awaitStarted("/user/second", "/user/second");
        ActorRef<Worker.Cmd> third = kit.spawn("third", Worker::new);
        ActorRef<Worker.Cmd> fourth = kit.spawn("fourth", Worker::new);
        awaitStarted("/user/third", MeterNames.OTHER_ACTORS);
        awaitStarted("/user/fourth", MeterNames.OTHER_ACTORS);

        first.tell(new Worker.Crash("1"));
        third.tell(new Worker.Crash("3"));
        fourth.tell(new Worker.Crash("4"));
        await().until(() -> read.count(MeterNames.ACTOR_FAILURES, "class", Worker.CLASS) == 3);

        assertThat(read.count(MeterNames.ACTOR_FAILURES, "path", "/user/first")).isEqualTo(1);
        assertThat(read.count(MeterNames.ACTOR_FAILURES, "path", "/user/second")).isZero();
        assertThat(read.count(MeterNames.ACTOR_FAILURES, "path", MeterNames.OTHER_ACTORS)).isEqualTo(2);
        assertThat(read.gauge(MeterNames.MAILBOX_DEPTH_MAX, "path", "/user/first"))
                .as("a single actor's depth is its max").isEmpty();
        assertThat(read.gauge(MeterNames.MAILBOX_DEPTH_MAX, "path", MeterNames.OTHER_ACTORS)).isPresent();
        assertThat(second.path().toString()).isEqualTo("/user/second");
    }

    @Test
    void aStoppedActorsMetersAreRemovedAndItsSlotFreed() {
        start(MicrometerMonitor.builder(registry).actorPathTags(2).messageMetrics(true).build());
        TestProbe<String> probe = kit.createTestProbe(); // takes the first slot
        ActorRef<Worker.Cmd> doomed = kit.spawn("doomed", Worker::new);
        awaitStarted("/user/doomed", "/user/doomed");
        doomed.tell(new Worker.Crash("resumed"));
        doomed.tell(new Worker.Ping(probe.ref()));
        probe.expectMessage("pong");
        await().until(() -> read.timerCount(MeterNames.MESSAGE_HANDLING, "path", "/user/doomed") == 2);
        assertThat(read.taggedWithPath("/user/doomed")).extracting(m -> m.getId().getName()).contains(
                MeterNames.MAILBOX_DEPTH, MeterNames.ACTOR_FAILURES, MeterNames.MESSAGES_PROCESSED,
                MeterNames.MESSAGE_HANDLING);

        kit.system().stop(doomed);
        probe.expectTerminated(doomed);

        assertThat(read.taggedWithPath("/user/doomed")).isEmpty();
        kit.spawn("successor", Worker::new);
        awaitStarted("/user/successor", "/user/successor");
    }

    @Test
    void dynamicActorsLeaveNoMetersBehindWithClassTags() {
        start(MicrometerMonitor.create(registry));
        TestProbe<String> probe = startedProbe();
        assertThat(metersAfterSpawningAndStopping(probe, 3)).isEqualTo(metersAfterSpawningAndStopping(probe, 30));
    }

    @Test
    void dynamicActorsLeaveNoMetersBehindWithPathTags() {
        start(MicrometerMonitor.builder(registry).actorPathTags(10).messageMetrics(true).build());
        TestProbe<String> probe = startedProbe(); // holds one of the 10 slots throughout
        // both rounds go past the limit, so both have the shared path=other series, which stay
        assertThat(metersAfterSpawningAndStopping(probe, 12))
                .isEqualTo(metersAfterSpawningAndStopping(probe, 30));
    }

    /** @return a probe that has started, so it holds its group (and, with path tags, its slot) */
    private TestProbe<String> startedProbe() {
        TestProbe<String> probe = kit.createTestProbe();
        await().until(() -> registry.find(MeterNames.MAILBOX_DEPTH).tag("class", PROBE_CLASS).gauge() != null);
        return probe;
    }

    /** Spawns anonymous workers, has each crash (resumed) and answer, stops them: the registry's size after. */
    private int metersAfterSpawningAndStopping(TestProbe<String> probe, int actors) {
        List<ActorRef<Worker.Cmd>> workers = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            ActorRef<Worker.Cmd> w = kit.spawn(() -> new Worker(ErrorAction.RESUME));
            w.tell(new Worker.Crash("resumed"));
            w.tell(new Worker.Ping(probe.ref()));
            workers.add(w);
        }
        probe.receiveMessages(actors);
        read.gauge(MeterNames.MAILBOX_DEPTH, "class", Worker.CLASS); // a reading while they are alive
        for (ActorRef<Worker.Cmd> w : workers) {
            kit.system().stop(w);
            probe.expectTerminated(w);
        }
        assertThat(kit.system().snapshot().actorCount()).as("only the probe is left").isEqualTo(1);
        return registry.getMeters().size();
    }
}

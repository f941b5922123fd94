package io.otp4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ErrorAction;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * otp4j's Flight Recorder events, read back from a real recording: no monitor is installed, a recording
 * alone turns them on.
 */
class FlightRecorderEventsTest {

    @TempDir
    Path dir;

    @Test
    void spawnCrashRestartEscalationAndOverflowAreRecorded() throws Exception {
        Path file = dir.resolve("otp4j.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.otp4j.ActorSpawned"); // off by default: frequent
            recording.enable("io.otp4j.ActorCrashed");
            recording.enable("io.otp4j.ActorRestarted");
            recording.enable("io.otp4j.SupervisorEscalated");
            recording.enable("io.otp4j.MailboxOverflow");
            recording.enable("io.otp4j.SlowMessage").withThreshold(Duration.ZERO);
            recording.start();
            try (ActorTestKit kit = ActorTestKit.create()) {
                TestProbe<String> probe = kit.createTestProbe();
                ActorRef<Subject.Cmd> restarting = kit.spawn("jfr-restart", () -> new Subject(ErrorAction.RESTART));
                restarting.tell(new Subject.Crash("jfr boom"));
                restarting.tell(new Subject.Ping(probe.ref()));
                probe.expectMessage("pong");

                SupervisorRef sup = Supervisor.start(kit.system(), "jfr-sup", Supervisor.builder()
                        .intensity(0, Duration.ofSeconds(5))
                        .child(ChildSpec.worker("w", () -> new Subject(ErrorAction.ESCALATE))).build());
                TestProbe<Object> watcher = kit.createTestProbe();
                watcher.watch(sup.ref());
                @SuppressWarnings("unchecked")
                ActorRef<Subject.Cmd> w = (ActorRef<Subject.Cmd>) sup.whichChildren().toCompletableFuture().join()
                        .getFirst().ref().orElseThrow();
                w.tell(new Subject.Crash("too many"));
                watcher.expectTerminated(sup.ref());

                CountDownLatch entered = new CountDownLatch(1);
                CountDownLatch gate = new CountDownLatch(1);
                ActorRef<Subject.Cmd> full = kit.spawn("jfr-full", () -> new Subject(ErrorAction.RESUME),
                        Props.defaults().withMailbox(MailboxConfig.bounded(1, Overflow.DROP)));
                full.tell(new Subject.Hold(entered, gate));
                entered.await();
                full.tell(new Subject.Work(1));
                assertThat(full.offer(new Subject.Work(2), SendOptions.DEFAULT)).isEqualTo(Delivery.DROPPED);
                gate.countDown();
            }
            recording.stop();
            recording.dump(file);
        }
        assertThat(Files.size(file)).isPositive();
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("io.otp4j.")).toList();

        assertThat(named(events, "io.otp4j.ActorSpawned")).extracting(e -> e.getString("path"))
                .contains("/user/jfr-restart", "/user/jfr-sup", "/user/jfr-sup/w", "/user/jfr-full");
        assertThat(named(events, "io.otp4j.ActorCrashed")).anySatisfy(e -> {
            assertThat(e.getString("path")).isEqualTo("/user/jfr-restart");
            assertThat(e.getString("message")).isEqualTo("jfr boom");
            assertThat(e.getString("decision")).isEqualTo("RESTART");
            assertThat(e.getClass("exception").getName()).isEqualTo(IllegalStateException.class.getName());
        });
        assertThat(named(events, "io.otp4j.ActorRestarted")).anySatisfy(e -> {
            assertThat(e.getString("path")).isEqualTo("/user/jfr-restart");
            assertThat(e.getInt("incarnation")).isEqualTo(2);
        });
        assertThat(named(events, "io.otp4j.SupervisorEscalated")).anySatisfy(e -> {
            assertThat(e.getString("path")).isEqualTo("/user/jfr-sup");
            assertThat(e.getString("reason")).isEqualTo("shutdown");
        });
        assertThat(named(events, "io.otp4j.MailboxOverflow")).singleElement().satisfies(e -> {
            assertThat(e.getString("path")).isEqualTo("/user/jfr-full");
            assertThat(e.getString("policy")).isEqualTo("DROP");
            assertThat(e.getString("outcome")).isEqualTo("DROPPED");
            assertThat(e.getInt("capacity")).isEqualTo(1);
        });
        // threshold zero: every handled message is "slow", with its type and duration
        assertThat(named(events, "io.otp4j.SlowMessage")).anySatisfy(e -> {
            assertThat(e.getString("path")).isEqualTo("/user/jfr-full");
            assertThat(e.getClass("messageType").getName()).isEqualTo(Subject.Hold.class.getName());
            assertThat(e.getDuration()).isPositive();
        });
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}

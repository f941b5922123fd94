package io.otp4j.examples;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.SystemSnapshot;
import io.otp4j.monitor.EventKind;
import io.otp4j.monitor.InMemoryMonitor;
import io.otp4j.monitor.Monitor;
import io.otp4j.monitor.Severity;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.supervisor.Supervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Watching a running system three ways: a {@link Monitor} (here {@link InMemoryMonitor}, plus a lambda
 * that waits for the restart), the live tree from {@code ActorSystem.snapshot()}, and Java Flight Recorder
 * events read back from a recording. A parser under a supervisor crashes on bad input and is restarted.
 *
 * <p>Run: {@code ./otp4j run Observe}; pass a file name to keep the recording
 * ({@code ./otp4j run Observe -Dexec.args=crash.jfr}, then {@code jfr print --events 'io.otp4j.*' crash.jfr}).
 */
public final class Observe {

    private Observe() {}

    /** Parses numbers; a bad one crashes it. */
    static final class Parser implements Actor<Parser.Msg> {

        /** What a parser understands. */
        sealed interface Msg permits Parse {}

        /** Parse {@code text} and reply with the number. */
        record Parse(String text, ActorRef<Integer> replyTo) implements Msg {}

        @Override
        public void receive(Msg msg, ActorContext<Msg> ctx) {
            switch (msg) {
                case Parse(String text, var replyTo) -> replyTo.tell(Integer.parseInt(text)); // "x" throws
            }
        }
    }

    /**
     * Runs the story.
     *
     * @param args optionally, a file to keep the Flight Recorder recording in
     * @throws Exception if the recording cannot be written or read
     */
    public static void main(String[] args) throws Exception {
        Path jfrFile = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("otp4j-observe", ".jfr");
        CountDownLatch restarted = new CountDownLatch(1);
        // tag::monitor[]
        InMemoryMonitor monitor = InMemoryMonitor.create(1024, Severity.TRACE, true); // with per-message events
        Monitor waitForRestart = event -> {
            if (event instanceof SupervisorEvent.ChildStarted s && s.restart()) {
                restarted.countDown();
            }
        };
        ActorSystemSettings settings = ActorSystemSettings.defaults()
                .with(Monitor.of(monitor, waitForRestart));
        // end::monitor[]

        try (Recording recording = new Recording()) {
            // tag::jfr[]
            recording.enable("io.otp4j.ActorCrashed");
            recording.enable("io.otp4j.ActorRestarted");
            recording.enable("io.otp4j.SupervisorEscalated");
            recording.enable("io.otp4j.MailboxOverflow");
            recording.enable("io.otp4j.SlowMessage").withThreshold(Duration.ofMillis(20));
            recording.start();
            // end::jfr[]
            try (ActorSystem system = ActorSystem.create("observed", settings)) {
                var orders = Supervisor.start(system, "orders", Supervisor.builder()
                        .child(ChildSpec.worker("parser", Parser::new)).build());
                @SuppressWarnings("unchecked") // the child "parser" was declared with Parser's protocol
                ActorRef<Parser.Msg> parser = (ActorRef<Parser.Msg>) orders.whichChildren()
                        .toCompletableFuture().join().getFirst().ref().orElseThrow();

                int a = parser.<Integer>ask(r -> new Parser.Parse("40", r), Duration.ofSeconds(5))
                        .toCompletableFuture().join();
                System.out.println("parsed 40 -> " + a);
                var lost = parser.<Integer>ask(r -> new Parser.Parse("x", r), Duration.ofSeconds(1));
                if (!restarted.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the parser was not restarted");
                }
                String outcome = lost.handle((n, failure) -> failure == null ? "" + n
                        : "no reply (" + failure.getClass().getSimpleName() + ")").toCompletableFuture().join();
                int b = parser.<Integer>ask(r -> new Parser.Parse("2", r), Duration.ofSeconds(5))
                        .toCompletableFuture().join();
                System.out.println("parsed \"x\" -> " + outcome + "; the supervisor restarted the parser");
                System.out.println("parsed 2 -> " + b + " (same ref, new instance)");

                System.out.println();
                System.out.println("== the live tree (ActorSystem.snapshot()) ==");
                // tag::snapshot[]
                SystemSnapshot snapshot = system.snapshot();
                snapshot.actors().forEach(actor -> System.out.printf("%-22s %-8s restarts=%d handled=%d queued=%d%n",
                        actor.path(), actor.state(), actor.restartCount(), actor.processedCount(),
                        actor.mailboxDepth()));
                // end::snapshot[]
            }
            recording.stop();
            recording.dump(jfrFile);
        }

        System.out.println();
        System.out.println("== what the monitor counted ==");
        // tag::counts[]
        for (EventKind kind : new EventKind[] {EventKind.ACTOR_STARTED, EventKind.ACTOR_FAILED,
                EventKind.SUPERVISOR_CHILD_RESTARTED, EventKind.ACTOR_MESSAGE_PROCESSED}) {
            System.out.printf("%-28s %d%n", kind, monitor.count(kind));
        }
        // end::counts[]
        monitor.history(SupervisorEvent.class).forEach(e -> System.out.println("  " + e.kind() + " "
                + e.path() + describe(e)));

        System.out.println();
        System.out.println("== Flight Recorder events ==");
        for (RecordedEvent e : RecordingFile.readAllEvents(jfrFile)) {
            String name = e.getEventType().getName();
            if (name.startsWith("io.otp4j.")) {
                System.out.println("  " + name + " path=" + e.getString("path")
                        + (e.hasField("decision") ? " exception=" + e.getClass("exception").getName()
                                + " decision=" + e.getString("decision") : "")
                        + (e.hasField("incarnation") ? " incarnation=" + e.getInt("incarnation") : ""));
            }
        }
        if (args.length == 0) {
            Files.delete(jfrFile);
        } else {
            System.out.println("recording kept in " + jfrFile);
        }
    }

    private static String describe(SupervisorEvent event) {
        return switch (event) {
            case SupervisorEvent.ChildStarted e -> " child=" + e.childId();
            case SupervisorEvent.ChildStartFailed e -> " child=" + e.childId() + " reason=" + e.reason();
            case SupervisorEvent.ChildExited e -> " child=" + e.childId() + " reason=" + e.reason();
            case SupervisorEvent.ChildTerminated e -> " child=" + e.childId() + " reason=" + e.reason();
            case SupervisorEvent.StrategyApplied e -> " " + e.strategy() + " restarting " + e.restarting();
            case SupervisorEvent.BackoffScheduled e -> " delay=" + e.delay();
            case SupervisorEvent.HealthChanged e -> " child=" + e.childId() + " health=" + e.health();
            case SupervisorEvent.HealthCheckFailed e -> " child=" + e.childId() + " failures=" + e.failures();
            case SupervisorEvent.IntensityExceeded e -> " max=" + e.maxRestarts() + " in " + e.period();
            case SupervisorEvent.Escalated e -> " reason=" + e.reason();
            case SupervisorEvent.AutoShutdownTriggered e -> " child=" + e.childId();
            case SupervisorEvent.RootTerminated e -> " reason=" + e.reason();
            case SupervisorEvent.ConfigurationChanged e -> " " + e.change() + " " + e.childId();
        };
    }
}

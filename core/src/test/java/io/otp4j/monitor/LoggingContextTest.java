package io.otp4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.ErrorAction;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The SLF4J MDC (Logback here) names the running actor and its system when it logs; crash logs say what was decided. */
class LoggingContextTest {

    /** What an actor saw: its own path, and the MDC's actorPath and actorSystem (null if absent). */
    record Seen(String self, String mdcPath, String mdcSystem) {}

    /** Asks to report the MDC, after logging through {@code ctx.log()} first if {@code logFirst}. */
    record Report(boolean logFirst, ActorRef<Seen> replyTo) {}

    /** Replies with the MDC it sees while handling the message. */
    private static final class MdcReporter implements Actor<Report> {
        @Override
        public void receive(Report report, ActorContext<Report> ctx) {
            if (report.logFirst()) {
                ctx.log().debug("handling {}", report);
            }
            report.replyTo().tell(new Seen(ctx.self().path().toString(), MDC.get("actorPath"), MDC.get("actorSystem")));
        }
    }

    @Test
    void loggingThroughTheContextPutsTheActorInTheMdc() {
        try (ActorTestKit kit = ActorTestKit.create()) {
            TestProbe<Seen> probe = kit.createTestProbe();
            ActorRef<Report> parent = kit.spawn("parent", MdcReporter::new);
            parent.tell(new Report(true, probe.ref()));
            assertThat(probe.receiveMessage()).isEqualTo(new Seen("/user/parent", "/user/parent", kit.system().name()));
        }
    }

    @Test
    void byDefaultAnActorThatDoesNotLogPaysNothingAndSeesNoContext() {
        try (ActorTestKit kit = ActorTestKit.create()) {
            TestProbe<Seen> probe = kit.createTestProbe();
            ActorRef<Report> quiet = kit.spawn("quiet", MdcReporter::new);
            quiet.tell(new Report(false, probe.ref()));
            assertThat(probe.receiveMessage()).isEqualTo(new Seen("/user/quiet", null, null));
        }
    }

    @Test
    void theEagerSettingPutsEveryRunningActorInTheMdc() {
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().withLoggingContext(true))) {
            TestProbe<Seen> probe = kit.createTestProbe();
            ActorRef<Report> eager = kit.spawn("eager", MdcReporter::new);
            eager.tell(new Report(false, probe.ref()));
            assertThat(probe.receiveMessage()).isEqualTo(new Seen("/user/eager", "/user/eager", kit.system().name()));
        }
    }

    @Test
    void theContextEndsWithTheRunSoTheNextActorOnTheThreadDoesNotInheritIt() {
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().withThroughput(1))) {
            TestProbe<Seen> probe = kit.createTestProbe();
            ActorRef<Report> logging = kit.spawn("logging", MdcReporter::new);
            ActorRef<Report> silent = kit.spawn("silent", MdcReporter::new);
            for (int i = 0; i < 50; i++) { // runs of the two interleave on the pool's threads
                logging.tell(new Report(true, probe.ref()));
                silent.tell(new Report(false, probe.ref()));
            }
            assertThat(probe.receiveMessages(100)).allSatisfy(seen -> {
                if (seen.self().equals("/user/logging")) {
                    assertThat(seen.mdcPath()).isEqualTo("/user/logging");
                } else {
                    assertThat(seen.mdcPath()).as("left over from another actor's run").isNull();
                }
            });
        }
    }

    @Test
    void aCrashLogCarriesTheSupervisorsDecisionAndTheActorsContext() {
        Logger supervisorLog = (Logger) LoggerFactory.getLogger("io.otp4j.supervisor.SupervisorActor");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        supervisorLog.addAppender(logged);
        try (ActorTestKit kit = ActorTestKit.create()) {
            SupervisorRef sup = Supervisor.start(kit.system(), "logged", Supervisor.builder()
                    .strategy(Strategy.ONE_FOR_ALL)
                    .child(ChildSpec.worker("a", () -> new Subject(ErrorAction.ESCALATE)))
                    .child(ChildSpec.worker("b", () -> new Subject(ErrorAction.ESCALATE))).build());
            @SuppressWarnings("unchecked")
            ActorRef<Subject.Cmd> b = (ActorRef<Subject.Cmd>) sup.whichChildren().toCompletableFuture().join()
                    .get(1).ref().orElseThrow();
            b.tell(new Subject.Crash("disk on fire"));
            await().until(() -> logged.list.stream().anyMatch(e -> e.getLevel() == Level.WARN));
        } finally {
            supervisorLog.detachAppender(logged);
        }
        ILoggingEvent crash = logged.list.stream().filter(e -> e.getLevel() == Level.WARN).findFirst().orElseThrow();
        assertThat(crash.getFormattedMessage())
                .contains("/user/logged", "child 'b'", "disk on fire", "decision: ONE_FOR_ALL restarts [a, b]");
        assertThat(crash.getThrowableProxy().getMessage()).isEqualTo("disk on fire");
        assertThat(crash.getMDCPropertyMap()).containsEntry("actorPath", "/user/logged");
    }
}

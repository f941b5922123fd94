package io.otp4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.otp4j.actor.ErrorAction;
import io.otp4j.supervisor.ChildSpec;
import io.otp4j.supervisor.Strategy;
import io.otp4j.supervisor.Supervisor;
import io.otp4j.supervisor.SupervisorRef;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** While an actor handles a message, the SLF4J MDC (Logback here) names it and its system; crash logs say what was decided. */
class LoggingContextTest {

    /** Replies with the MDC it sees while handling the message. */
    private static final class MdcReporter implements Actor<ActorRef<Map<String, String>>> {
        @Override
        public void receive(ActorRef<Map<String, String>> replyTo, ActorContext<ActorRef<Map<String, String>>> ctx) {
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            replyTo.tell(mdc == null ? Map.of() : Map.copyOf(mdc));
        }
    }

    @Test
    void theMdcHoldsTheActorPathAndSystemName() {
        try (ActorTestKit kit = ActorTestKit.create()) {
            TestProbe<Map<String, String>> probe = kit.createTestProbe();
            ActorRef<ActorRef<Map<String, String>>> parent = kit.spawn("parent", MdcReporter::new);
            parent.tell(probe.ref());
            Map<String, String> mdc = probe.receiveMessage();
            assertThat(mdc).containsEntry("actorPath", "/user/parent")
                    .containsEntry("actorSystem", kit.system().name());
        }
    }

    @Test
    void theContextCanBeSwitchedOff() {
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().withLoggingContext(false))) {
            TestProbe<Map<String, String>> probe = kit.createTestProbe();
            ActorRef<ActorRef<Map<String, String>>> quiet = kit.spawn("quiet", MdcReporter::new);
            quiet.tell(probe.ref());
            assertThat(probe.receiveMessage()).doesNotContainKeys("actorPath", "actorSystem");
        }
    }

    @Test
    void theContextIsClearedAfterTheRun() {
        try (ActorTestKit kit = ActorTestKit.create(ActorSystemSettings.defaults().withThroughput(1))) {
            TestProbe<Map<String, String>> probe = kit.createTestProbe();
            ActorRef<ActorRef<Map<String, String>>> a = kit.spawn("a", MdcReporter::new);
            ActorRef<ActorRef<Map<String, String>>> b = kit.spawn("b", MdcReporter::new);
            for (int i = 0; i < 20; i++) { // runs interleave on the pool's threads
                a.tell(probe.ref());
                b.tell(probe.ref());
            }
            assertThat(probe.receiveMessages(40)).extracting(m -> m.get("actorPath"))
                    .containsOnly("/user/a", "/user/b").hasSize(40);
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

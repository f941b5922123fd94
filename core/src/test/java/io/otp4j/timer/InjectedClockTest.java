package io.otp4j.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.ActorSystemSettings;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.monitor.ActorEvent;
import io.otp4j.monitor.InMemoryMonitor;
import io.otp4j.testkit.ManualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The runtime reads time from the system's scheduler, never from the machine's clocks directly: a manual
 * scheduler moves monitor timestamps and BLOCK deadlines as the test advances it.
 */
class InjectedClockTest {

    @Test
    void monitorTimestampsFollowTheInjectedClock() {
        ManualScheduler clock = new ManualScheduler();
        InMemoryMonitor monitor = InMemoryMonitor.create();
        try (ActorSystem system = ActorSystem.create("clock",
                ActorSystemSettings.defaults().withScheduler(() -> clock).with(monitor))) {
            clock.advance(Duration.ofDays(3));
            ActorRef<String> actor = system.spawn("stamped", () -> (message, ctx) -> { });

            await().until(() -> monitor.history(ActorEvent.Spawned.class).stream()
                    .anyMatch(e -> e.path().equals(actor.path())));
            ActorEvent.Spawned spawned = monitor.history(ActorEvent.Spawned.class).stream()
                    .filter(e -> e.path().equals(actor.path())).findFirst().orElseThrow();
            assertThat(spawned.timestamp()).isEqualTo(ManualScheduler.ORIGIN.plus(Duration.ofDays(3)));
            assertThat(system.snapshot().takenAt()).isEqualTo(ManualScheduler.ORIGIN.plus(Duration.ofDays(3)));
        }
    }

    @Test
    void aBlockedSendTimesOutWhenTheInjectedClockPassesItsDeadline() throws Exception {
        ManualScheduler clock = new ManualScheduler();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        try (ActorSystem system = ActorSystem.create("block-clock",
                ActorSystemSettings.defaults().withScheduler(() -> clock))) {
            // an hour of real time would outlast any test run: only the manual clock can end the wait
            Props props = Props.defaults().withMailbox(MailboxConfig.bounded(1, Overflow.BLOCK)
                    .withBlockTimeout(Duration.ofHours(1)));
            ActorRef<String> stuck = system.spawn("stuck", () -> (Actor<String>) (message, ctx) -> {
                busy.countDown();
                release.await();
            }, props);
            stuck.tell("taken");
            busy.await();
            stuck.tell("queued"); // fills the mailbox of one

            CompletableFuture<Delivery> blocked = new CompletableFuture<>();
            Thread sender = Thread.ofPlatform().name("blocked-sender").start(
                    () -> blocked.complete(stuck.offer("waiting", SendOptions.DEFAULT)));
            await().until(() -> sender.getState() == Thread.State.TIMED_WAITING); // parked for space
            assertThat(blocked).isNotDone();

            clock.advance(Duration.ofHours(1));

            assertThat(blocked).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(Delivery.REJECTED);
            release.countDown();
        } finally {
            release.countDown();
        }
    }
}

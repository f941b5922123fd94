package io.otp4j.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystem;
import io.otp4j.actor.Props;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.Overflow;
import io.otp4j.registry.GroupKey;
import io.otp4j.registry.Registry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime's own sends (event-stream deliveries, registry group events) never block, never throw and
 * never hold a lock, whatever the recipient's mailbox policy: a full BLOCK mailbox makes the event a dead
 * letter at once. Each recipient here has a full BLOCK mailbox with an hour-long block timeout, so a send
 * that blocked would hang the test (detected by the generous timeouts), not merely slow it.
 */
class RuntimeSendsTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    private ActorSystem system;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        system = ActorSystem.create("runtime-sends");
    }

    @AfterEach
    void stop() {
        release.countDown();
        system.close();
    }

    /** An actor stuck in its first message, with a one-slot BLOCK mailbox that is then full. */
    private ActorRef<Object> stuckWithAFullMailbox() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        Props props = Props.defaults().withMailbox(
                MailboxConfig.bounded(1, Overflow.BLOCK).withBlockTimeout(Duration.ofHours(1)));
        ActorRef<Object> stuck = system.spawn("stuck", () -> new Actor<Object>() {
            @Override
            public void receive(Object message, ActorContext<Object> ctx) throws InterruptedException {
                entered.countDown();
                release.await();
            }
        }, props);
        stuck.tell("first"); // taken, and the actor blocks in it
        assertThat(entered.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        stuck.tell("second"); // fills the one slot
        return stuck;
    }

    @Test
    void anEventForAFullBlockMailboxIsADeadLetterAtOnce() throws Exception {
        ActorRef<Object> stuck = stuckWithAFullMailbox();
        system.eventStream().subscribe(String.class, stuck);
        long before = system.eventStream().deadLetterCount();

        CompletableFuture<Void> published = CompletableFuture.runAsync(() -> system.eventStream().publish("event"));

        published.get(HANG.toSeconds(), TimeUnit.SECONDS);
        assertThat(system.eventStream().deadLetterCount()).isEqualTo(before + 1);
    }

    @Test
    void aGroupEventForAFullBlockMailboxIsADeadLetterAtOnce() throws Exception {
        ActorRef<Object> stuck = stuckWithAFullMailbox();
        GroupKey<String> key = GroupKey.of("workers", String.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        ActorRef<io.otp4j.registry.GroupEvent<String>> subscriber = (ActorRef) stuck;
        long before = system.eventStream().deadLetterCount();
        // the snapshot on subscribe is a runtime send too
        CompletableFuture<Void> subscribed = CompletableFuture.runAsync(() -> Registry.of(system).subscribe(key, subscriber));
        subscribed.get(HANG.toSeconds(), TimeUnit.SECONDS);

        ActorRef<String> member = system.spawn("member", () -> (message, ctx) -> { });
        CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> Registry.of(system).join(key, member));

        joined.get(HANG.toSeconds(), TimeUnit.SECONDS);
        assertThat(Registry.of(system).members(key)).containsExactly(member);
        assertThat(system.eventStream().deadLetterCount()).isEqualTo(before + 2);
    }
}

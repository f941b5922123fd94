package io.otp4j.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.otp4j.dispatch.Dispatcher;
import io.otp4j.mailbox.Delivery;
import io.otp4j.mailbox.MailboxConfig;
import io.otp4j.mailbox.MailboxFullException;
import io.otp4j.mailbox.Overflow;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import io.otp4j.monitor.EventKind;
import io.otp4j.monitor.InMemoryMonitor;
import io.otp4j.monitor.MailboxEvent;
import io.otp4j.monitor.Severity;
import io.otp4j.monitor.SystemEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The system-wide settings: a limit on live actors, exact and freed as actors terminate, and a default
 * mailbox for actors whose props name none.
 */
class SystemWideSettingsTest {

    private static final class Idle implements Actor<String> {
        @Override
        public void receive(String message, ActorContext<String> ctx) {}
    }

    /** Waits at a latch on its first message, so that what is sent meanwhile stays in its mailbox. */
    private static final class Held implements Actor<String> {
        private final CountDownLatch entered;
        private final CountDownLatch gate;

        Held(CountDownLatch entered, CountDownLatch gate) {
            this.entered = entered;
            this.gate = gate;
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) throws InterruptedException {
            if (message.equals("hold")) {
                entered.countDown();
                if (!gate.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            }
        }
    }

    @Test
    void aSpawnPastTheLimitIsRefusedWithATypedErrorAndACriticalEvent() {
        InMemoryMonitor monitor = InMemoryMonitor.create();
        try (ActorSystem system = ActorSystem.create("limited",
                ActorSystemSettings.defaults().withMaxActors(3).with(monitor))) {
            ActorRef<String> parent = system.spawn("a", Idle::new);
            system.spawn("b", Idle::new);
            system.spawn("c", Idle::new);

            assertThatThrownBy(() -> system.spawn("d", Idle::new))
                    .isInstanceOf(ActorLimitExceededException.class)
                    .hasMessageContaining("3")
                    .satisfies(e -> assertThat(((ActorLimitExceededException) e).limit()).isEqualTo(3));
            assertThat(system.snapshot().actorCount()).as("nothing was spawned").isEqualTo(3);

            assertThat(monitor.history(SystemEvent.ActorLimitReached.class)).singleElement().satisfies(e -> {
                assertThat(e.limit()).isEqualTo(3);
                assertThat(parent.path().parent()).contains(e.path());
                assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
                assertThat(e.kind()).isEqualTo(EventKind.SYSTEM_ACTOR_LIMIT_REACHED);
            });
        }
    }

    @Test
    void theLimitCountsChildrenAndFreesAsActorsTerminate() throws Exception {
        try (ActorSystem system = ActorSystem.create("freed", ActorSystemSettings.defaults().withMaxActors(2))) {
            CountDownLatch childRefused = new CountDownLatch(1);
            ActorRef<String> parent = system.spawn("parent", () -> new Actor<String>() {
                @Override
                public void receive(String message, ActorContext<String> ctx) {
                    ctx.spawn("child-" + message, Idle::new);
                    try {
                        ctx.spawn("second-" + message, Idle::new);
                    } catch (ActorLimitExceededException expected) {
                        childRefused.countDown();
                    }
                }
            });
            parent.tell("1"); // the parent and its first child fill the system
            assertThat(childRefused.await(20, TimeUnit.SECONDS)).as("a child past the limit refused").isTrue();
            assertThatThrownBy(() -> system.spawn("other", Idle::new)).isInstanceOf(ActorLimitExceededException.class);

            // stopping the parent stops its child too: both slots free, exactly
            system.stop(parent).toCompletableFuture().get(20, TimeUnit.SECONDS);
            ActorRef<String> first = system.spawn("first", Idle::new);
            system.spawn("second", Idle::new);
            assertThatThrownBy(() -> system.spawn("third", Idle::new)).isInstanceOf(ActorLimitExceededException.class);
            system.stop(first).toCompletableFuture().get(20, TimeUnit.SECONDS);
            system.spawn("third", Idle::new);
        }
    }

    @Test
    void aSpawnRefusedForItsNameTakesNoSlot() {
        try (ActorSystem system = ActorSystem.create("names", ActorSystemSettings.defaults().withMaxActors(2))) {
            system.spawn("taken", Idle::new);
            assertThatThrownBy(() -> system.spawn("taken", Idle::new)).isInstanceOf(InvalidActorNameException.class);
            system.spawn("other", Idle::new); // the refused spawn gave its slot back
        }
    }

    @Test
    void theDefaultMailboxAppliesToActorsWhosePropsNameNoneAndPropsOverrideIt() throws Exception {
        // virtual threads: two actors wait at once without holding the pool's threads
        Props onVirtualThreads = Props.defaults().withDispatcher(Dispatcher.virtualThreads());
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch gate = new CountDownLatch(1);
        try (ActorSystem system = ActorSystem.create("mailboxes",
                ActorSystemSettings.defaults().withDefaultMailbox(MailboxConfig.bounded(1, Overflow.REJECT)))) {
            ActorRef<String> byDefault = system.spawn("by-default", () -> new Held(entered, gate), onVirtualThreads);
            ActorRef<String> own = system.spawn("own", () -> new Held(entered, gate),
                    onVirtualThreads.withMailbox(MailboxConfig.unbounded()));
            byDefault.tell("hold");
            own.tell("hold");
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

            byDefault.tell("fills the one place");
            assertThatThrownBy(() -> byDefault.tell("one too many")).isInstanceOf(MailboxFullException.class);
            for (int i = 0; i < 10; i++) {
                assertThat(own.offer("m" + i, SendOptions.DEFAULT)).isEqualTo(Delivery.ENQUEUED);
            }
            gate.countDown();
        }
    }

    /**
     * The default mailbox from the settings meets priorities as one named in props would: an unbounded one
     * grows priority levels at its first HIGH message, a bounded FIFO one keeps arrival order and reports it.
     */
    @Test
    void theSettingsDefaultMailboxMeetsPrioritiesAsAPropsMailboxWould() throws Exception {
        Props onVirtualThreads = Props.defaults().withDispatcher(Dispatcher.virtualThreads());
        for (MailboxConfig byDefault : List.of(MailboxConfig.unbounded(), MailboxConfig.bounded(10, Overflow.REJECT))) {
            InMemoryMonitor monitor = InMemoryMonitor.create(InMemoryMonitor.DEFAULT_HISTORY, Severity.DEBUG, false);
            List<String> handled = new CopyOnWriteArrayList<>();
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(3);
            try (ActorSystem system = ActorSystem.create("priorities", ActorSystemSettings.defaults()
                    .withDefaultMailbox(byDefault).with(monitor))) {
                ActorRef<String> ref = system.spawn("recorder", () -> (message, ctx) -> {
                    if (message.equals("hold")) {
                        entered.countDown();
                        if (!gate.await(20, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("gate never opened");
                        }
                    } else {
                        handled.add(message);
                        done.countDown();
                    }
                }, onVirtualThreads);
                ref.tell("hold");
                assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
                ref.tell("normal");
                ref.tell("high", SendOptions.priority(Priority.HIGH));
                ref.tell("critical", SendOptions.priority(Priority.CRITICAL));
                gate.countDown();
                assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
                boolean honoured = !byDefault.isBounded();
                assertThat(handled).containsExactlyElementsOf(honoured
                        ? List.of("critical", "high", "normal") : List.of("normal", "high", "critical"));
                assertThat(monitor.history(MailboxEvent.PriorityNotHonoured.class).stream()
                        .filter(e -> e.path().equals(ref.path()))).hasSize(honoured ? 0 : 1);
            }
        }
    }

    @Test
    void theSettingsRefuseAnImpossibleLimitAndKeepWhatTheyWereGiven() {
        assertThatThrownBy(() -> ActorSystemSettings.defaults().withMaxActors(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxActors");
        assertThatThrownBy(() -> ActorSystemSettings.defaults().withDefaultMailbox(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("defaultMailbox");
        ActorSystemSettings s = ActorSystemSettings.defaults().withMaxActors(7)
                .withDefaultMailbox(MailboxConfig.bounded(5, Overflow.DROP)).withParallelism(2);
        assertThat(s.maxActors()).hasValue(7);
        assertThat(s.defaultMailbox()).isEqualTo(MailboxConfig.bounded(5, Overflow.DROP));
        assertThat(ActorSystemSettings.defaults().maxActors()).isEmpty();
        assertThat(ActorSystemSettings.defaults().defaultMailbox()).isEqualTo(MailboxConfig.unbounded());
        assertThat(Props.defaults().mailbox()).isEmpty();
    }
}

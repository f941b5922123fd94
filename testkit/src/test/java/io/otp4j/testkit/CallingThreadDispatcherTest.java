package io.otp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.Actor;
import io.otp4j.actor.ActorContext;
import io.otp4j.actor.ActorRef;
import io.otp4j.actor.ActorSystemSettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The testkit's {@link CallingThreadDispatcher}: every effect of a {@code tell} is visible when it returns. */
class CallingThreadDispatcherTest {

    private ActorTestKit kit;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create(ActorSystemSettings.defaults().withDispatcher(new CallingThreadDispatcher()));
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    record Handling(String actor, String message, Thread thread) {}

    /** Notes each message with the thread that handled it, and passes it on to {@code next} if any. */
    static final class Notary implements Actor<String> {
        private final String name;
        private final List<Handling> log;
        private final ActorRef<String> next;

        Notary(String name, List<Handling> log, ActorRef<String> next) {
            this.name = name;
            this.log = log;
            this.next = next;
        }

        @Override
        public void receive(String message, ActorContext<String> ctx) {
            log.add(new Handling(name, message, Thread.currentThread()));
            if (next != null) {
                next.tell(message);
            }
        }
    }

    @Test
    void tellReturnsOnlyAfterTheActorHasHandledTheMessageOnTheSendersThread() {
        List<Handling> log = new CopyOnWriteArrayList<>();
        ActorRef<String> notary = kit.spawn(() -> new Notary("a", log, null));

        notary.tell("first");
        assertThat(log).containsExactly(new Handling("a", "first", Thread.currentThread()));

        notary.tell("second");
        assertThat(log).containsExactly(new Handling("a", "first", Thread.currentThread()),
                new Handling("a", "second", Thread.currentThread()));
    }

    @Test
    void messageAnActorSendsOnIsHandledAfterItsOwnRunAndBeforeTheOuterTellReturns() {
        List<Handling> log = new CopyOnWriteArrayList<>();
        ActorRef<String> last = kit.spawn(() -> new Notary("b", log, null));
        ActorRef<String> first = kit.spawn(() -> new Notary("a", log, last));

        first.tell("relay");

        assertThat(log).containsExactly(new Handling("a", "relay", Thread.currentThread()),
                new Handling("b", "relay", Thread.currentThread()));
    }
}

package io.otp4j.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.otp4j.actor.ActorRef;
import io.otp4j.actor.DeadLetter;
import io.otp4j.actor.ExitReason;
import io.otp4j.dispatch.DispatcherUnderTest;
import io.otp4j.dispatch.OnEveryDispatcher;
import io.otp4j.mailbox.Gate;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import io.otp4j.timer.Ticker.Active;
import io.otp4j.timer.Ticker.Cancel;
import io.otp4j.timer.Ticker.Cmd;
import io.otp4j.timer.Ticker.Crash;
import io.otp4j.timer.Ticker.Done;
import io.otp4j.timer.Ticker.Event;
import io.otp4j.timer.Ticker.Hold;
import io.otp4j.timer.Ticker.IsActive;
import io.otp4j.timer.Ticker.Ping;
import io.otp4j.timer.Ticker.Ponged;
import io.otp4j.timer.Ticker.StartAtFixedRate;
import io.otp4j.timer.Ticker.StartSingle;
import io.otp4j.timer.Ticker.StartWithFixedDelay;
import io.otp4j.timer.Ticker.Started;
import io.otp4j.timer.Ticker.Ticked;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An actor's timers ({@code ctx.timers()}) under manual time.
 *
 * <p>Timers fire on the thread that advances the clock, which enqueues their messages at once. So after
 * an {@code advance}, a {@link Ping} from the test thread queues behind any message that fired, and seeing
 * its {@link Ponged} next proves that nothing fired: no waiting for an absence.
 */
@OnEveryDispatcher
class TimerSchedulerTest {

    private final DispatcherUnderTest on;

    TimerSchedulerTest(DispatcherUnderTest on) {
        this.on = on;
    }

    private ActorTestKit kit;
    private TestProbe<Event> events;
    private ActorRef<Cmd> ticker;
    private int pings;

    @BeforeEach
    void start() {
        kit = on.manualTimeTestKit();
        events = kit.createTestProbe();
        AtomicInteger instances = new AtomicInteger();
        ticker = kit.spawn(() -> new Ticker(events.ref(), instances.incrementAndGet()));
        events.expectMessage(new Started(1));
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private void advance(Duration by) {
        kit.manualTime().advance(by);
    }

    /** Carries out a command and waits until the actor confirms it. */
    private void command(Cmd cmd) {
        ticker.tell(cmd);
        events.expectMessage(new Done(cmd));
    }

    /** Asserts that no timer message is queued or on its way (see the class comment). */
    private void expectNoTick() {
        Ping ping = new Ping("flush-" + ++pings);
        ticker.tell(ping);
        events.expectMessage(new Ponged(ping.label()));
    }

    private boolean isActive(String key) {
        ticker.tell(new IsActive(key));
        return events.expectMessageClass(Active.class).active();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    // ------------------------------------------------------------------ kinds of timers

    @Test
    void singleTimerDeliversOnceAfterItsDelayAndNotBefore() {
        command(new StartSingle("t", "once", ms(1_000)));

        advance(ms(999));
        expectNoTick();
        advance(ms(1));
        events.expectMessage(new Ticked("once"));
        advance(Duration.ofSeconds(10));
        expectNoTick();
    }

    @Test
    void singleTimerIsActiveUntilItsMessageIsDelivered() {
        command(new StartSingle("t", "once", ms(1_000)));
        assertThat(isActive("t")).isTrue();

        advance(ms(1_000));
        events.expectMessage(new Ticked("once"));

        assertThat(isActive("t")).isFalse();
    }

    @Test
    void fixedRateTimerDeliversOncePerPeriodAsTimeAdvances() {
        command(new StartAtFixedRate("t", "beat", ms(500), ms(1_000)));

        advance(ms(499));
        expectNoTick();
        advance(ms(1));
        events.expectMessage(new Ticked("beat"));
        advance(ms(999));
        expectNoTick();
        advance(ms(1));
        events.expectMessage(new Ticked("beat"));

        advance(ms(3_000)); // three more periods in one step
        events.expectMessage(new Ticked("beat"));
        events.expectMessage(new Ticked("beat"));
        events.expectMessage(new Ticked("beat"));
        expectNoTick();
        assertThat(isActive("t")).isTrue();
    }

    @Test
    void fixedDelayTimerDeliversAgainOneDelayAfterEachMessageIsHandled() {
        command(new StartWithFixedDelay("t", "again", ms(1_000)));

        advance(ms(999));
        expectNoTick();
        advance(ms(1));
        events.expectMessage(new Ticked("again"));
        advance(ms(999));
        expectNoTick();
        advance(ms(1));
        events.expectMessage(new Ticked("again"));
        assertThat(isActive("t")).isTrue();
    }

    @Test
    void fixedDelayTimerDoesNotFloodABusyActor() throws Exception {
        command(new StartWithFixedDelay("t", "again", ms(1_000)));
        try (Gate gate = new Gate()) {
            gate.sendAndAwaitArrival(() -> ticker.tell(new Hold(gate, new Ping("released"))));

            advance(ms(5_000)); // five delays pass while the actor is busy
            gate.open();

            events.expectMessage(new Ponged("released"));
            events.expectMessage(new Ticked("again"));
            expectNoTick();
            // the next one is due a delay after the first was handled, at 6 s
            advance(ms(999));
            expectNoTick();
            advance(ms(1));
            events.expectMessage(new Ticked("again"));
        }
    }

    @Test
    void fixedRateTimerKeepsItsRateForABusyActor() throws Exception {
        command(new StartAtFixedRate("t", "beat", ms(1_000), ms(1_000)));
        try (Gate gate = new Gate()) {
            gate.sendAndAwaitArrival(() -> ticker.tell(new Hold(gate, new Ping("released"))));

            advance(ms(3_000));
            gate.open();

            events.expectMessage(new Ponged("released"));
            events.expectMessage(new Ticked("beat"));
            events.expectMessage(new Ticked("beat"));
            events.expectMessage(new Ticked("beat"));
            expectNoTick();
        }
    }

    // ------------------------------------------------------------------ cancel and replace

    @Test
    void cancelledTimerDeliversNothingAndIsNoLongerActive() {
        command(new StartSingle("t", "never", ms(1_000)));

        command(new Cancel("t"));

        assertThat(isActive("t")).isFalse();
        advance(Duration.ofSeconds(10));
        expectNoTick();
    }

    @Test
    void cancelPreventsDeliveryOfAMessageTheTimerAlreadyQueued() throws Exception {
        command(new StartSingle("t", "too late", ms(1_000)));
        try (Gate gate = new Gate()) {
            gate.sendAndAwaitArrival(() -> ticker.tell(new Hold(gate, new Cancel("t"))));

            advance(ms(1_000)); // fires: the tick is queued behind the Hold
            assertThat(kit.manualTime().pendingTasks()).as("the timer has fired").isZero();
            gate.open();

            events.expectMessage(new Done(new Cancel("t")));
            expectNoTick();
        }
    }

    @Test
    void cancelPreventsDeliveryOfEveryQueuedMessageOfAFixedRateTimer() throws Exception {
        command(new StartAtFixedRate("t", "beat", ms(1_000), ms(1_000)));
        try (Gate gate = new Gate()) {
            gate.sendAndAwaitArrival(() -> ticker.tell(new Hold(gate, new Cancel("t"))));

            advance(ms(3_000)); // three ticks queued behind the Hold
            gate.open();

            events.expectMessage(new Done(new Cancel("t")));
            expectNoTick();
            advance(ms(5_000));
            expectNoTick();
        }
    }

    @Test
    void startingATimerWithAKeyInUseReplacesItEvenIfTheOldOneAlreadyQueuedItsMessage() throws Exception {
        command(new StartSingle("t", "old", ms(1_000)));
        try (Gate gate = new Gate()) {
            StartSingle replacement = new StartSingle("t", "new", ms(1_000));
            gate.sendAndAwaitArrival(() -> ticker.tell(new Hold(gate, replacement)));

            advance(ms(1_000)); // the old timer fires: its tick is queued behind the Hold
            gate.open();

            events.expectMessage(new Done(replacement));
            expectNoTick();
            advance(ms(1_000));
            events.expectMessage(new Ticked("new"));
            expectNoTick();
        }
    }

    @Test
    void startingATimerWithAKeyInUseReplacesItBeforeItFires() {
        command(new StartAtFixedRate("t", "old", ms(1_000), ms(1_000)));

        command(new StartSingle("t", "new", ms(3_000)));

        advance(ms(2_999));
        expectNoTick();
        advance(ms(1));
        events.expectMessage(new Ticked("new"));
        advance(ms(5_000));
        expectNoTick();
    }

    @Test
    void timersWithDifferentKeysAreIndependent() {
        command(new StartSingle("a", "from a", ms(1_000)));
        command(new StartSingle("b", "from b", ms(2_000)));

        command(new Cancel("a"));
        advance(ms(2_000));

        events.expectMessage(new Ticked("from b"));
        expectNoTick();
    }

    // ------------------------------------------------------------------ delays too long for nanoseconds

    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
    private static final Duration CENTURY = ChronoUnit.CENTURIES.getDuration();

    @Test
    void aSingleTimerWithAnEndlessDelayIsActiveAndNeverFires() {
        command(new StartSingle("t", "never", FOREVER));
        command(new StartSingle("u", "in three centuries", CENTURY.multipliedBy(3)));

        advance(CENTURY.multipliedBy(2));
        expectNoTick();
        assertThat(isActive("t")).isTrue();
        assertThat(isActive("u")).isTrue();
    }

    @Test
    void fixedRateAndFixedDelayTimersWithAnEndlessPeriodFireOnceOnly() {
        command(new StartAtFixedRate("rate", "rate", ms(10), FOREVER));
        command(new StartWithFixedDelay("delay", "delay", CENTURY.multipliedBy(4)));
        command(new StartAtFixedRate("late", "late", FOREVER, ms(10)));

        advance(ms(10));
        events.expectMessage(new Ticked("rate"));
        advance(CENTURY);
        expectNoTick();
        assertThat(isActive("rate")).isTrue();
        assertThat(isActive("delay")).isTrue();
        assertThat(isActive("late")).isTrue();
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void timersAreCancelledWhenTheActorStops() {
        TestProbe<DeadLetter> deadLetters = kit.createTestProbe();
        kit.system().eventStream().subscribe(DeadLetter.class, deadLetters.ref());
        command(new StartAtFixedRate("t", "beat", ms(1_000), ms(1_000)));
        advance(ms(1_000));
        events.expectMessage(new Ticked("beat"));

        kit.system().stop(ticker);
        assertThat(events.expectTerminated(ticker).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(kit.manualTime().pendingTasks()).as("scheduled timer tasks").isZero();
        advance(ms(5_000));

        // a tick fired after the stop would be dead-lettered ahead of this later message
        Ping after = new Ping("after");
        ticker.tell(after);
        deadLetters.expectMessage(new DeadLetter(after, ticker, DeadLetter.Reason.RECIPIENT_TERMINATED));
    }

    @Test
    void timersAreCancelledWhenTheActorRestarts() {
        command(new StartAtFixedRate("t", "beat", ms(1_000), ms(1_000)));
        advance(ms(1_000));
        events.expectMessage(new Ticked("beat"));

        ticker.tell(new Crash());
        events.expectMessage(new Started(2));

        assertThat(isActive("t")).isFalse();
        advance(ms(5_000));
        expectNoTick();
    }

    @Test
    void timerMessagesQueuedBeforeARestartAreNotDeliveredToTheNewInstance() throws Exception {
        command(new StartAtFixedRate("t", "beat", ms(1_000), ms(1_000)));
        try (Gate gate = new Gate()) {
            gate.sendAndAwaitArrival(() -> ticker.tell(new Hold(gate, new Crash())));

            advance(ms(3_000)); // three ticks queued behind the Hold, which ends in a crash
            gate.open();

            events.expectMessage(new Started(2));
            expectNoTick();
        }
    }
}

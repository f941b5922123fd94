package io.otp4j.examples.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.otp4j.actor.ExitReason;
import io.otp4j.examples.MainRunner;
import io.otp4j.supervisor.SupervisorEvent;
import io.otp4j.testkit.ActorTestKit;
import io.otp4j.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SagaTest {

    /** Long enough never to run out for a step that answers. */
    private static final Duration PATIENT = Duration.ofSeconds(10);
    /** For the steps expected not to answer: the time the test waits for the timeout. */
    private static final Duration IMPATIENT = Duration.ofMillis(300);
    private static final Duration EVENTUALLY = Duration.ofSeconds(10);

    enum Script { SUCCEED, REFUSE, CRASH, HANG }

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch hangUntil = new CountDownLatch(1);
    private ActorTestKit kit;

    /** A step that does what its script says and records every call in {@code calls}. */
    private final class ScriptedStep implements SagaStep {
        private final String name;
        private final Script script;

        ScriptedStep(String name, Script script) {
            this.name = name;
            this.script = script;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String execute(String sagaId, Trip trip) throws StepRefusedException {
            calls.add(name + " execute");
            return switch (script) {
                case SUCCEED -> name + " done";
                case REFUSE -> throw new StepRefusedException(name + " says no");
                case CRASH -> throw new IllegalStateException(name + " blew up");
                case HANG -> {
                    awaitRelease();
                    yield name + " done late";
                }
            };
        }

        @Override
        public String compensate(String sagaId) {
            calls.add(name + " compensate");
            return name + " undone";
        }

        @Override
        public Duration timeout() {
            return script == Script.CRASH || script == Script.HANG ? IMPATIENT : PATIENT;
        }
    }

    /** Does the real step's work, then answers only once the test lets it: an answer that comes too late. */
    private final class LateStep implements SagaStep {
        private final SagaStep real;

        LateStep(SagaStep real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public String execute(String sagaId, Trip trip) throws StepRefusedException {
            String done = real.execute(sagaId, trip);
            awaitRelease();
            return done;
        }

        @Override
        public String compensate(String sagaId) {
            return real.compensate(sagaId);
        }

        @Override
        public Duration timeout() {
            return IMPATIENT;
        }
    }

    private static final Trip TRIP = new Trip("Alice", "LH100", "Adlon", 500);

    @BeforeEach
    void setUp() {
        kit = ActorTestKit.create();
    }

    @AfterEach
    void tearDown() {
        hangUntil.countDown(); // a hung step actor must finish for the system to stop
        kit.close();
    }

    @Test
    void everyStepDoneCommitsTheSaga() {
        SagaOutcome outcome = book(scripted(0, Script.SUCCEED));

        assertThat(outcome).isEqualTo(new SagaOutcome.Committed("trip", List.of(
                new SagaEvent.StepCompleted("step-1", "step-1 done"),
                new SagaEvent.StepCompleted("step-2", "step-2 done"),
                new SagaEvent.StepCompleted("step-3", "step-3 done"))));
        assertThat(calls).containsExactly("step-1 execute", "step-2 execute", "step-3 execute");
    }

    static Stream<Arguments> failures() {
        return IntStream.rangeClosed(1, 3).boxed().flatMap(position ->
                Stream.of(Script.REFUSE, Script.CRASH, Script.HANG).map(script -> Arguments.of(position, script)));
    }

    @ParameterizedTest(name = "step {0}: {1}")
    @MethodSource("failures")
    void aFailedStepRollsBackExactlyTheCompletedStepsLastFirst(int position, Script failure) {
        String failed = "step-" + position;

        SagaOutcome outcome = book(scripted(position, failure));

        List<SagaEvent> journal = new ArrayList<>();
        List<String> expectedCalls = new ArrayList<>();
        for (int i = 1; i < position; i++) {
            journal.add(new SagaEvent.StepCompleted("step-" + i, "step-" + i + " done"));
            expectedCalls.add("step-" + i + " execute");
        }
        journal.add(failure == Script.REFUSE ? new SagaEvent.StepRefused(failed, failed + " says no")
                : new SagaEvent.StepUnanswered(failed, "no answer within 300 ms"));
        // a step that answered (REFUSE) ran before the outcome; one that did not (CRASH, HANG) runs whenever its
        // actor gets to it, which on a busy machine may be after its timeout and the compensations: apart
        boolean answered = failure == Script.REFUSE;
        if (answered) {
            expectedCalls.add(failed + " execute");
        }
        for (int i = position - 1; i >= 1; i--) {
            journal.add(new SagaEvent.StepCompensated("step-" + i, "step-" + i + " undone"));
            expectedCalls.add("step-" + i + " compensate");
        }
        assertThat(outcome).isEqualTo(new SagaOutcome.RolledBack("trip", failed, journal));
        // the failed step's own abort runs on its actor whenever that actor gets to it: compare without it
        assertThat(calls).filteredOn(call -> answered ? !call.equals(failed + " compensate")
                : !call.startsWith(failed + " ")).isEqualTo(expectedCalls);

        switch (failure) {
            case REFUSE -> assertThat(calls).doesNotContain(failed + " compensate"); // it did nothing
            case CRASH -> await().atMost(EVENTUALLY).until(() -> calls.contains(failed + " compensate"));
            case HANG -> {
                assertThat(calls).doesNotContain(failed + " compensate"); // the abort waits behind the hung call
                hangUntil.countDown();
                await().atMost(EVENTUALLY).until(() -> calls.contains(failed + " compensate"));
            }
            case SUCCEED -> throw new AssertionError("not a failure");
        }
        assertThat(calls).as("the failed step's calls: its abort, if any, after the call")
                .filteredOn(call -> call.startsWith(failed + " ")).containsExactlyElementsOf(answered
                        ? List.of(failed + " execute") : List.of(failed + " execute", failed + " compensate"));
    }

    @Test
    void aCrashedStepActorIsRestartedByItsSupervisorAndAbortsTheSaga() {
        TestProbe<SupervisorEvent> events = kit.createTestProbe();
        kit.system().eventStream().subscribe(SupervisorEvent.class, events.ref());

        SagaOutcome outcome = book(scripted(2, Script.CRASH));

        assertThat(outcome).isInstanceOfSatisfying(SagaOutcome.RolledBack.class,
                rolledBack -> assertThat(rolledBack.failedStep()).isEqualTo("step-2"));
        SupervisorEvent.ChildExited exited = next(events, SupervisorEvent.ChildExited.class);
        assertThat(exited.childId()).isEqualTo("step-2");
        assertThat(exited.reason()).isInstanceOfSatisfying(ExitReason.Failed.class,
                reason -> assertThat(reason.cause()).hasMessage("step-2 blew up"));
        SupervisorEvent.ChildStarted restarted = next(events, SupervisorEvent.ChildStarted.class);
        assertThat(restarted.childId()).isEqualTo("step-2");
        assertThat(restarted.restart()).isTrue();
        // the new instance, at the same ref, handles the abort the coordinator sent
        await().atMost(EVENTUALLY).until(() -> calls.contains("step-2 compensate"));
    }

    @Test
    void aStepThatAnswersTooLateIsUndoneWhenItFinishes() {
        Inventory flights = Inventory.flightSeats(Map.of("LH100", 3));
        Inventory hotels = Inventory.hotelRooms(Map.of("Adlon", 2));
        TravelAgency agency = TravelAgency.open(kit.system(), List.of(flights, new LateStep(hotels)));

        SagaOutcome outcome = agency.book("late", TRIP).toCompletableFuture().join();

        assertThat(outcome).isInstanceOfSatisfying(SagaOutcome.RolledBack.class, rolledBack -> {
            assertThat(rolledBack.failedStep()).isEqualTo("reserve-hotel");
            assertThat(rolledBack.compensated()).containsExactly("reserve-flight");
        });
        assertThat(flights.left("LH100")).isEqualTo(3);
        // the late step holds the room from whenever its actor gets to it (on a busy machine, maybe after its
        // timeout) until its abort, which waits behind the call that has not answered yet
        await("the room held by the step that has not answered yet").atMost(EVENTUALLY)
                .until(() -> hotels.left("Adlon") == 1);
        hangUntil.countDown();
        await().atMost(EVENTUALLY).until(() -> hotels.left("Adlon") == 2);
    }

    @Test
    void aBookedTripHoldsASeatARoomAndThePrice() {
        Inventory flights = Inventory.flightSeats(Map.of("LH100", 3));
        Inventory hotels = Inventory.hotelRooms(Map.of("Adlon", 2));
        CardIssuer cards = new CardIssuer(Map.of("Alice", 2_000));
        TravelAgency agency = TravelAgency.open(kit.system(), List.of(flights, hotels, cards));

        SagaOutcome outcome = agency.book("trip-1", TRIP).toCompletableFuture().join();

        assertThat(outcome).isInstanceOf(SagaOutcome.Committed.class);
        assertThat(outcome.journal()).extracting(SagaEvent::step)
                .containsExactly("reserve-flight", "reserve-hotel", "charge-card");
        assertThat(flights.left("LH100")).isEqualTo(2);
        assertThat(hotels.left("Adlon")).isEqualTo(1);
        assertThat(cards.creditLeft("Alice")).isEqualTo(1_500);
    }

    @Test
    void aDeclinedCardReleasesTheRoomThenTheSeat() {
        Inventory flights = Inventory.flightSeats(Map.of("LH100", 3));
        Inventory hotels = Inventory.hotelRooms(Map.of("Adlon", 2));
        CardIssuer cards = new CardIssuer(Map.of("Alice", 300));
        TravelAgency agency = TravelAgency.open(kit.system(), List.of(flights, hotels, cards));

        SagaOutcome outcome = agency.book("trip-1", TRIP).toCompletableFuture().join();

        assertThat(outcome).isEqualTo(new SagaOutcome.RolledBack("trip-1", "charge-card", List.of(
                new SagaEvent.StepCompleted("reserve-flight", "seat on LH100 held for trip-1 (2 left)"),
                new SagaEvent.StepCompleted("reserve-hotel", "room at Adlon held for trip-1 (1 left)"),
                new SagaEvent.StepRefused("charge-card", "Alice's card declined: 500 EUR, credit left 300 EUR"),
                new SagaEvent.StepCompensated("reserve-hotel", "room at Adlon released (2 left)"),
                new SagaEvent.StepCompensated("reserve-flight", "seat on LH100 released (3 left)"))));
        assertThat(flights.left("LH100")).isEqualTo(3);
        assertThat(hotels.left("Adlon")).isEqualTo(2);
        assertThat(cards.creditLeft("Alice")).isEqualTo(300);
    }

    @Test
    void twoBookingsForTheLastSeatCommitOnceAndRollBackOnce() {
        Inventory flights = Inventory.flightSeats(Map.of("LH100", 1));
        Inventory hotels = Inventory.hotelRooms(Map.of("Adlon", 2));
        CardIssuer cards = new CardIssuer(Map.of("Alice", 2_000, "Bob", 2_000));
        TravelAgency agency = TravelAgency.open(kit.system(), List.of(flights, hotels, cards));

        CompletableFuture<SagaOutcome> alice = agency.book("trip-a", TRIP).toCompletableFuture();
        CompletableFuture<SagaOutcome> bob = agency.book("trip-b", new Trip("Bob", "LH100", "Adlon", 500))
                .toCompletableFuture();
        List<SagaOutcome> outcomes = List.of(alice.join(), bob.join());

        assertThat(outcomes).filteredOn(o -> o instanceof SagaOutcome.Committed).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof SagaOutcome.RolledBack).singleElement()
                .isInstanceOfSatisfying(SagaOutcome.RolledBack.class, rolledBack -> {
                    assertThat(rolledBack.failedStep()).isEqualTo("reserve-flight");
                    assertThat(rolledBack.compensated()).isEmpty();
                });
        assertThat(flights.left("LH100")).isZero();
        assertThat(hotels.left("Adlon")).isEqualTo(1);
        assertThat(cards.creditLeft("Alice") + cards.creditLeft("Bob")).isEqualTo(3_500);
    }

    @Test
    void mainCommitsOneTripAndRollsBackTheOther() {
        String out = MainRunner.run(SagaExample::main);

        assertThat(out).contains("trip-1 (Alice: flight LH100, hotel Adlon, 850 EUR)",
                "  => COMMITTED",
                "charge-card     REFUSED: Bob's card declined: 620 EUR, credit left 300 EUR",
                "  => ROLLED BACK (charge-card failed; 2 steps compensated)",
                "afterwards: LH100 has 2 of 3 seats left, Adlon 1 of 2 rooms, Alice 1150 EUR of credit, Bob 300 EUR");
        List<String> lines = out.lines().toList();
        int refused = indexOf(lines, "REFUSED");
        int hotelUndone = indexOf(lines, "reserve-hotel   compensated");
        int flightUndone = indexOf(lines, "reserve-flight  compensated");
        assertThat(List.of(refused, hotelUndone, flightUndone)).doesNotContain(-1).isSorted();
    }

    /** Steps 1 to 3: the one at {@code position} follows {@code script}, the others succeed. */
    private List<SagaStep> scripted(int position, Script script) {
        return IntStream.rangeClosed(1, 3)
                .<SagaStep>mapToObj(i -> new ScriptedStep("step-" + i, i == position ? script : Script.SUCCEED))
                .toList();
    }

    private SagaOutcome book(List<SagaStep> steps) {
        return TravelAgency.open(kit.system(), steps).book("trip", TRIP).toCompletableFuture().join();
    }

    private void awaitRelease() {
        try {
            hangUntil.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hanging", e);
        }
    }

    private static <E extends SupervisorEvent> E next(TestProbe<SupervisorEvent> events, Class<E> type) {
        while (true) {
            SupervisorEvent event = events.receiveMessage();
            if (type.isInstance(event) && !(event instanceof SupervisorEvent.ChildStarted started && !started.restart())) {
                return type.cast(event);
            }
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}

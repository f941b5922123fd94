package io.otp4j.examples.saga;

import io.otp4j.actor.ActorSystem;
import java.util.List;
import java.util.Map;

/**
 * The saga use case, end to end: a travel agency books two trips, each a saga of three steps (reserve a
 * flight seat, reserve a hotel room, charge the card). Alice's trip commits. Bob's card is declined at
 * the third step, so the hotel room and the flight seat he already holds are released, in that order.
 * The stock and the credit printed at the end show that nothing leaked.
 *
 * <p>Run it, after {@code ./otp4j mvn -q install -DskipTests}, with
 * {@code ./otp4j mvn -q -pl examples exec:exec -Dexec.executable=java
 * -Dexec.args="-cp %classpath io.otp4j.examples.saga.SagaExample"}.
 */
public final class SagaExample {

    private SagaExample() {}

    /**
     * Runs the example: well under a second, then exits.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Inventory flights = Inventory.flightSeats(Map.of("LH100", 3));
        Inventory hotels = Inventory.hotelRooms(Map.of("Adlon", 2));
        CardIssuer cards = new CardIssuer(Map.of("Alice", 2_000, "Bob", 300));
        System.out.println("""
                otp4j saga: book a trip in three steps, undo the done ones when a step fails

                  /user
                  +-- steps               supervisor, ONE_FOR_ONE
                  |   +-- reserve-flight  StepActor (LH100: 3 seats)
                  |   +-- reserve-hotel   StepActor (Adlon: 2 rooms)
                  |   +-- charge-card     StepActor (credit: Alice 2000 EUR, Bob 300 EUR)
                  +-- saga-<id>           SagaCoordinator, one per booking""");

        try (ActorSystem system = ActorSystem.create("travel")) {
            TravelAgency agency = TravelAgency.open(system, List.of(flights, hotels, cards));
            book(agency, "trip-1", new Trip("Alice", "LH100", "Adlon", 850));
            book(agency, "trip-2", new Trip("Bob", "LH100", "Adlon", 620));
        }

        System.out.println();
        System.out.println("afterwards: LH100 has " + flights.left("LH100") + " of 3 seats left, Adlon "
                + hotels.left("Adlon") + " of 2 rooms, Alice " + cards.creditLeft("Alice") + " EUR of credit, Bob "
                + cards.creditLeft("Bob") + " EUR");
    }

    private static void book(TravelAgency agency, String sagaId, Trip trip) {
        System.out.println();
        System.out.println(sagaId + " (" + trip + ")");
        SagaOutcome outcome = agency.book(sagaId, trip).toCompletableFuture().join();
        for (SagaEvent event : outcome.journal()) {
            System.out.println("  " + describe(event));
        }
        System.out.println("  => " + switch (outcome) {
            case SagaOutcome.Committed committed -> "COMMITTED";
            case SagaOutcome.RolledBack(var id, String failedStep, var journal) ->
                    "ROLLED BACK (" + failedStep + " failed; " + outcome.compensated().size() + " steps compensated)";
        });
    }

    private static String describe(SagaEvent event) {
        return switch (event) {
            case SagaEvent.StepCompleted(String step, String detail) -> String.format("%-15s done: %s", step, detail);
            case SagaEvent.StepRefused(String step, String reason) -> String.format("%-15s REFUSED: %s", step, reason);
            case SagaEvent.StepUnanswered(String step, String reason) ->
                    String.format("%-15s NO ANSWER: %s", step, reason);
            case SagaEvent.StepCompensated(String step, String detail) ->
                    String.format("%-15s compensated: %s", step, detail);
            case SagaEvent.CompensationFailed(String step, String reason) ->
                    String.format("%-15s COMPENSATION FAILED: %s", step, reason);
        };
    }
}

package io.otp4j.examples.saga;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Travellers' cards with their credit left, and the {@code charge-card} step: {@link #execute} charges
 * the trip's price, {@link #compensate} refunds it.
 *
 * <p>Threads: thread-safe; its step actor changes it while reports read it.
 */
public final class CardIssuer implements SagaStep {

    private record Charge(String traveller, int euros) {}

    private final Map<String, Integer> credit;
    private final Map<String, Charge> charges = new HashMap<>(); // saga id -> charge

    /** @param creditPerTraveller the credit left on each traveller's card, in euros */
    public CardIssuer(Map<String, Integer> creditPerTraveller) {
        this.credit = new HashMap<>(Objects.requireNonNull(creditPerTraveller));
    }

    @Override
    public String name() {
        return "charge-card";
    }

    @Override
    public synchronized String execute(String sagaId, Trip trip) throws StepRefusedException {
        if (charges.containsKey(sagaId)) {
            return sagaId + " already charged";
        }
        Integer left = credit.get(trip.traveller());
        if (left == null) {
            throw new StepRefusedException("no card on file for " + trip.traveller());
        }
        if (trip.priceEuros() > left) {
            throw new StepRefusedException(trip.traveller() + "'s card declined: " + trip.priceEuros()
                    + " EUR, credit left " + left + " EUR");
        }
        credit.put(trip.traveller(), left - trip.priceEuros());
        charges.put(sagaId, new Charge(trip.traveller(), trip.priceEuros()));
        return trip.priceEuros() + " EUR charged to " + trip.traveller() + "'s card ("
                + (left - trip.priceEuros()) + " EUR credit left)";
    }

    @Override
    public synchronized String compensate(String sagaId) {
        Charge charge = charges.remove(sagaId);
        if (charge == null) {
            return "nothing charged for " + sagaId;
        }
        int left = credit.merge(charge.traveller(), charge.euros(), Integer::sum);
        return charge.euros() + " EUR refunded to " + charge.traveller() + " (" + left + " EUR credit left)";
    }

    /**
     * @param traveller a traveller
     * @return the credit left on their card, in euros
     */
    public synchronized int creditLeft(String traveller) {
        return credit.getOrDefault(traveller, 0);
    }
}

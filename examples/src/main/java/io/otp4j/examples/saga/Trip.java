package io.otp4j.examples.saga;

import java.util.Objects;

/**
 * A trip to book: the input of every step of the booking saga.
 *
 * @param traveller who travels and pays
 * @param flight the flight number, e.g. {@code LH100}
 * @param hotel the hotel's name
 * @param priceEuros the total price, charged to the traveller's card; positive
 */
public record Trip(String traveller, String flight, String hotel, int priceEuros) {

    /** Validates the fields. */
    public Trip {
        Objects.requireNonNull(traveller, "traveller");
        Objects.requireNonNull(flight, "flight");
        Objects.requireNonNull(hotel, "hotel");
        if (priceEuros <= 0) {
            throw new IllegalArgumentException("priceEuros must be positive: " + priceEuros);
        }
    }

    @Override
    public String toString() {
        return traveller + ": flight " + flight + ", hotel " + hotel + ", " + priceEuros + " EUR";
    }
}

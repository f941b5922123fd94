package io.otp4j.examples.saga;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A stock of bookable units (seats per flight, rooms per hotel) and the saga step that holds one unit per
 * saga: {@link #execute} holds a unit of the trip's item, {@link #compensate} releases it.
 *
 * <p>Threads: thread-safe; its step actor changes it while reports read it.
 */
public final class Inventory implements SagaStep {

    private final String name;
    private final String unit;
    private final String preposition;
    private final Function<Trip, String> itemOf;
    private final Map<String, Integer> left;
    private final Map<String, String> holds = new HashMap<>(); // saga id -> item

    private Inventory(String name, String unit, String preposition, Function<Trip, String> itemOf,
                      Map<String, Integer> stock) {
        this.name = name;
        this.unit = unit;
        this.preposition = preposition;
        this.itemOf = itemOf;
        this.left = new HashMap<>(stock);
    }

    /**
     * @param seatsPerFlight free seats by flight number
     * @return the {@code reserve-flight} step
     */
    public static Inventory flightSeats(Map<String, Integer> seatsPerFlight) {
        return new Inventory("reserve-flight", "seat", "on", Trip::flight, Objects.requireNonNull(seatsPerFlight));
    }

    /**
     * @param roomsPerHotel free rooms by hotel
     * @return the {@code reserve-hotel} step
     */
    public static Inventory hotelRooms(Map<String, Integer> roomsPerHotel) {
        return new Inventory("reserve-hotel", "room", "at", Trip::hotel, Objects.requireNonNull(roomsPerHotel));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized String execute(String sagaId, Trip trip) throws StepRefusedException {
        String item = itemOf.apply(trip);
        if (holds.containsKey(sagaId)) {
            return unit + " " + preposition + " " + item + " already held for " + sagaId;
        }
        Integer free = left.get(item);
        if (free == null) {
            throw new StepRefusedException("unknown: " + item);
        }
        if (free == 0) {
            throw new StepRefusedException(item + " has no " + unit + " left");
        }
        left.put(item, free - 1);
        holds.put(sagaId, item);
        return unit + " " + preposition + " " + item + " held for " + sagaId + " (" + (free - 1) + " left)";
    }

    @Override
    public synchronized String compensate(String sagaId) {
        String item = holds.remove(sagaId);
        if (item == null) {
            return "no " + unit + " held for " + sagaId;
        }
        int free = left.merge(item, 1, Integer::sum);
        return unit + " " + preposition + " " + item + " released (" + free + " left)";
    }

    /**
     * @param item a flight or hotel
     * @return how many units of it are free
     */
    public synchronized int left(String item) {
        return left.getOrDefault(item, 0);
    }
}

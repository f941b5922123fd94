package io.otp4j.nats.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The code shown on the serialization page (docs/explanation/serialization.md), compiled and run, so the
 * page cannot drift from the API.
 */
class SerializationPageTest {

    record Deposit(String account, long cents) {}

    record Withdraw(String account, long cents) {}

    record Balance(String account, long cents) {}

    // tag::default[]
    record PlaceOrder(String orderId, int quantity, String note) {
        PlaceOrder {
            note = note == null ? "none" : note; // for senders that predate the component
        }
    }
    // end::default[]

    /** The older shape of {@link PlaceOrder}, without its note, as a node of the previous version has it. */
    record PlaceOrderBeforeNotes(String orderId, int quantity) {}

    @Test
    void theAllowListOnThePageRoundTripsAMessage() {
        RefCodec refCodec = RefCodec.none();
        int maxPayload = 1024 * 1024;
        // tag::allow-list[]
        MessageTypes types = MessageTypes.builder()
                .add(1, Deposit.class)
                .add(2, Withdraw.class)
                .add(3, Balance.class)
                .build();
        MessageCodec codec = MessageCodec.compact(types, refCodec, maxPayload);
        // end::allow-list[]

        Deposit deposit = new Deposit("acc-1", 250);
        assertThat(codec.decode(codec.encode(deposit))).isEqualTo(deposit);
    }

    @Test
    void theCompactConstructorOnThePageFillsTheDefaultForAnOlderSender() {
        MessageCodec older = MessageCodec.compact(
                MessageTypes.builder().add(7, PlaceOrderBeforeNotes.class).build(), RefCodec.none());
        MessageCodec newer = MessageCodec.compact(
                MessageTypes.builder().add(7, PlaceOrder.class).build(), RefCodec.none());

        Object decoded = newer.decode(older.encode(new PlaceOrderBeforeNotes("o-1", 3)));

        assertThat(decoded).isEqualTo(new PlaceOrder("o-1", 3, "none"));
    }
}

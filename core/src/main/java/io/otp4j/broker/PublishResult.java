package io.otp4j.broker;

/**
 * What became of one publication, per subscriber: how many mailboxes took the message and how many did
 * not, and why. Always {@code delivered + dropped + rejected + deadLetters == subscribers}.
 *
 * <p>"Delivered" means accepted by the subscriber's mailbox, not yet handled: the subscriber may still
 * crash, stop or find the message expired before its turn (then it becomes a dead letter as usual).
 *
 * @param subscribers how many subscribers the topic had (each counted once, however many of its
 *     subscriptions matched); 0 means the message went to dead letters with reason {@code NO_SUBSCRIBERS}
 * @param delivered accepted by the mailbox ({@link io.otp4j.mailbox.Delivery#ENQUEUED})
 * @param dropped refused by a full mailbox under {@code Overflow.DROP}; each is a {@code MAILBOX_FULL} dead
 *     letter
 * @param rejected refused by a full mailbox under {@code Overflow.REJECT}, or {@code BLOCK} after its
 *     timeout; not published as dead letters: this count is how the publisher learns of them
 * @param deadLetters the subscriber had terminated in the meantime; each is a {@code RECIPIENT_TERMINATED}
 *     dead letter
 */
public record PublishResult(int subscribers, int delivered, int dropped, int rejected, int deadLetters) {

    /** The result of a publication that no subscriber matched. */
    public static final PublishResult NO_SUBSCRIBERS = new PublishResult(0, 0, 0, 0, 0);

    /** Validates the counts. */
    public PublishResult {
        if (subscribers < 0 || delivered < 0 || dropped < 0 || rejected < 0 || deadLetters < 0
                || delivered + dropped + rejected + deadLetters != subscribers) {
            throw new IllegalArgumentException("inconsistent publish counts: " + subscribers + " subscribers, "
                    + delivered + " delivered, " + dropped + " dropped, " + rejected + " rejected, "
                    + deadLetters + " dead letters");
        }
    }

    /** @return true if at least one subscriber matched and every one of them took the message */
    public boolean allDelivered() {
        return subscribers > 0 && delivered == subscribers;
    }
}

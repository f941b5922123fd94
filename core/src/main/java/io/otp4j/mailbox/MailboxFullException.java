package io.otp4j.mailbox;

/**
 * A bounded mailbox refused a message: full under {@link Overflow#REJECT}, or {@link Overflow#BLOCK}
 * waited past its timeout. The message was not delivered; it is kept here so nothing is lost.
 */
public final class MailboxFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object rejected;

    /**
     * @param recipient a description of the recipient
     * @param rejected the message that was not delivered
     * @param why what happened
     */
    public MailboxFullException(String recipient, Object rejected, String why) {
        super("mailbox of " + recipient + " is full: " + why);
        this.rejected = rejected;
    }

    /** @return the message that was not delivered */
    public Object rejectedMessage() {
        return rejected;
    }
}

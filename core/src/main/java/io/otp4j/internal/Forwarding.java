package io.otp4j.internal;

import io.otp4j.actor.ActorRef;
import io.otp4j.mailbox.Priority;
import io.otp4j.mailbox.SendOptions;
import java.time.Duration;

/**
 * What an actor that passes its messages on (a router) needs in order to pass their send options on too:
 * the priority a message came with and its deadline. Internal: the router package uses it.
 *
 * <p>The priority is the level of the mailbox the message was taken from, where the mailbox keeps levels
 * (a default mailbox does once a message of another priority than NORMAL has arrived, and until then every
 * message in it is NORMAL); a bounded FIFO mailbox keeps none, and the message's declared priority then
 * applies again at the next mailbox. The deadline travels with the message: a {@link RuntimeAccess.Forwarder} receives a
 * message that has a time to live as a {@link RuntimeAccess.Timed}, so that what is left of it, not a fresh one, goes on.
 */
final class Forwarding {

    /** No deadline: the message never expires. */
    public static final long NO_DEADLINE = Long.MIN_VALUE;

    private static final SendOptions[] BY_PRIORITY = new SendOptions[Priority.values().length];

    static {
        for (Priority p : Priority.values()) {
            BY_PRIORITY[p.ordinal()] = SendOptions.priority(p);
        }
    }

    private Forwarding() {}

    /**
     * @param self the forwarding actor's own ref; call inside its {@code receive} of the message in question
     * @return the priority the message being handled was queued at, or null where the mailbox does not keep
     *     it (its declared priority then applies again)
     */
    public static Priority priorityOfCurrent(ActorRef<?> self) {
        return ((ActorCell<?>) self).lastPolledPriority();
    }

    /**
     * @param self the forwarding actor's own ref
     * @param priority the priority to pass on, or null for none
     * @param deadlineNanos the message's deadline, or {@link #NO_DEADLINE}
     * @return the options to pass the message on with: that priority and what is left of its time to live;
     *     null if the deadline has passed
     */
    public static SendOptions options(ActorRef<?> self, Priority priority, long deadlineNanos) {
        SendOptions options = priority != null ? BY_PRIORITY[priority.ordinal()] : SendOptions.DEFAULT;
        if (deadlineNanos == NO_DEADLINE) {
            return options;
        }
        long left = deadlineNanos - ((ActorCell<?>) self).runtime().scheduler().nanoTime();
        return left > 0 ? options.withTtl(Duration.ofNanos(left)) : null;
    }
}

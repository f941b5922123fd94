package io.otp4j.timer;

import java.time.Duration;

/**
 * An actor's own timers, each keyed by a name of the actor's choosing: starting a timer with a key that is
 * already in use replaces the old timer, and a message of a cancelled or replaced timer is never
 * delivered, even if it was already in the mailbox. All timers are cancelled when the actor stops or
 * restarts. A delay or period too long for a {@code long} of nanoseconds ({@code ChronoUnit.FOREVER})
 * saturates: that timer stays active but never fires (again).
 *
 * <p>Threads: use only from the actor's own hooks (get it from {@code ActorContext.timers()}).
 *
 * <p>Nulls: no argument may be null; a null key, message or duration throws {@link NullPointerException}
 * naming it, at the call. A period or fixed delay that is not positive throws
 * {@link IllegalArgumentException}.
 *
 * @param <M> the actor's message type
 */
public interface TimerScheduler<M> {

    /**
     * Sends {@code message} to self once, after {@code delay}.
     *
     * @param key the timer's name
     * @param message what to send
     * @param delay when
     */
    void startSingleTimer(Object key, M message, Duration delay);

    /**
     * Sends {@code message} to self every {@code period}, measured from start to start (fixed rate).
     *
     * @param key the timer's name
     * @param message what to send
     * @param initialDelay delay before the first message
     * @param period time between messages; positive
     */
    void startTimerAtFixedRate(Object key, M message, Duration initialDelay, Duration period);

    /**
     * Sends {@code message} to self, then again {@code delay} after each time it has been handled
     * (fixed delay: a slow actor is never flooded).
     *
     * @param key the timer's name
     * @param message what to send
     * @param delay time from handling one message to sending the next; positive
     */
    void startTimerWithFixedDelay(Object key, M message, Duration delay);

    /**
     * @param key a timer's name
     * @return true if that timer is started and not yet finished or cancelled
     */
    boolean isTimerActive(Object key);

    /**
     * Cancels a timer; nothing happens if there is none.
     *
     * @param key the timer's name
     */
    void cancel(Object key);

    /** Cancels every timer of this actor. */
    void cancelAll();
}
